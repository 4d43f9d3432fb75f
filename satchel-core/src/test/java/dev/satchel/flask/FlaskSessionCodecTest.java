package dev.satchel.flask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.satchel.session.DecodeResult;
import dev.satchel.session.DecodeResult.Reason;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Expected cookies were printed by Flask 2.2 / itsdangerous 2.1 with the timestamp fixed at 1700000000. */
class FlaskSessionCodecTest {

  private static final Instant T = Instant.ofEpochSecond(1700000000);
  private final FlaskSessionCodec codec = FlaskSessionCodec.builder("dev").build();

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static Reason reason(DecodeResult result) {
    assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
    return ((DecodeResult.Rejected) result).reason();
  }

  @Test
  void publicVectors() {
    assertThat(codec.encode(map("user_id", 42), T)).isEqualTo("eyJ1c2VyX2lkIjo0Mn0.ZVPxAA.hjhtQRGPO7UK57j5dSOtrXVGqbs");
    assertThat(codec.encode(map("x", "a".repeat(200)), T))
        .isEqualTo(".eJyrVqpQslJKHCZAqRYAn1xN-w.ZVPxAA.QCBcnYz3iy9FpRTHFEl2bIDLeOM");
    assertThat(codec.decode("eyJ1c2VyX2lkIjo0Mn0.ZVPxAA.hjhtQRGPO7UK57j5dSOtrXVGqbs", T))
        .isEqualTo(new DecodeResult.Decoded(map("user_id", 42), T, 0));
    assertThat(codec.decode(".eJyrVqpQslJKHCZAqRYAn1xN-w.ZVPxAA.QCBcnYz3iy9FpRTHFEl2bIDLeOM", T))
        .isEqualTo(new DecodeResult.Decoded(map("x", "a".repeat(200)), T, 0));
  }

  @Test
  void flashesAndLoginKeys() {
    String flask = ".eJyrVopPy0kszkgtVrKKrlZSKAFSSrmpxcWJ6alKOkoeqTk5-UqxtTowqdSiovwioIRTYgpQOFZHKb60OLUoPjNFyUrJXKkWAPzcGQU"
        + ".ZVPxAA.eb33tSSMbygKXBL0RO2qY3gVLdk";
    Map<String, Object> session = map("_flashes", List.of(List.of("message", "Hello"), List.of("error", "Bad")),
        "_user_id", "7");
    assertThat(codec.encode(session, T)).isEqualTo(flask);
    assertThat(codec.decode(flask, T)).isEqualTo(new DecodeResult.Decoded(session, T, 0));
  }

  @Test
  void bigIntegersAndPythonFloats() {
    String flask = ".eJxVjTEOwjAQBP_ilrO1ez6f4_yAJh9AFCAlyI0rGoT4O6ZkpB1tN-9w74-wUr16gQOqi2oz0JpXZEXJ1SUcYb0gUbhHlOkTXYh_EiT-xLnttsl5HH3050uo2YrXpaX5rhLGPpORXFAaXVFZjczIpvb5Al64IPs"
        + ".ZVPxAA.a86KMizCekg80TY6lnSh6Ntkrnk";
    Map<String, Object> session = map("big", BigInteger.TWO.pow(100), "neg", BigInteger.TWO.pow(70).negate(),
        "f", List.of(0.1, 1e-05, 1e16, 1e15, -0.0, 1.0, Double.NaN, Double.POSITIVE_INFINITY, 123456789.123));
    assertThat(codec.encode(session, T)).isEqualTo(flask);
    assertThat(codec.decode(flask, T)).isEqualTo(new DecodeResult.Decoded(session, T, 0));
  }

  @Test
  void compressesOnlyWhenThatSavesMoreThanOneByte() {
    // 'a' * 11: zlib output is exactly one byte shorter, so itsdangerous keeps it plain; 'a' * 12 saves two.
    assertThat(codec.encode(map("k", "a".repeat(11)), T))
        .isEqualTo("eyJrIjoiYWFhYWFhYWFhYWEifQ.ZVPxAA.7j0ds44Eee1kR7lqlTje_hNbwyM");
    assertThat(codec.encode(map("k", "a".repeat(12)), T))
        .isEqualTo(".eJyrVspWslJKRAJKtQBDAway.ZVPxAA.6CBsbgQhH4MtJ6brha1P4SL-Whg");
  }

  @Test
  void fallbackKeysVerifyNewestFirstAndReportWhichOne() {
    String signedWithOld = "eyJ1c2VyX2lkIjo0Mn0.ZVPxAA.8kv9VI6E4siks-5QUgzmSFFupFw";
    FlaskSessionCodec rotated = FlaskSessionCodec.builder("dev", "older", "old").build();
    DecodeResult result = rotated.decode(signedWithOld, T);
    assertThat(result).isEqualTo(new DecodeResult.Decoded(map("user_id", 42), T, 2));
    assertThat(((DecodeResult.Decoded) result).signedWithFallbackKey()).isTrue();
    assertThat(rotated.encode(map("user_id", 42), T)).isEqualTo("eyJ1c2VyX2lkIjo0Mn0.ZVPxAA.hjhtQRGPO7UK57j5dSOtrXVGqbs");
    assertThat(reason(codec.decode(signedWithOld, T))).isEqualTo(Reason.BAD_SIGNATURE);
    FlaskSessionCodec bytes = FlaskSessionCodec.builder(List.of("x".getBytes(StandardCharsets.UTF_8),
        "old".getBytes(StandardCharsets.UTF_8))).build();
    assertThat(bytes.decode(signedWithOld, T)).isEqualTo(new DecodeResult.Decoded(map("user_id", 42), T, 1));
  }

  @Test
  void maxAgeIsFlasksPermanentSessionLifetime() {
    String cookie = codec.encode(map("a", 1), T);
    Instant limit = T.plus(Duration.ofDays(31));
    assertThat(codec.decode(cookie, limit)).isInstanceOf(DecodeResult.Decoded.class);
    assertThat(reason(codec.decode(cookie, limit.plusSeconds(1)))).isEqualTo(Reason.EXPIRED);
    FlaskSessionCodec hour = FlaskSessionCodec.builder("dev").maxAge(Duration.ofHours(1)).build();
    assertThat(reason(hour.decode(cookie, T.plusSeconds(3601)))).isEqualTo(Reason.EXPIRED);
    assertThatThrownBy(() -> FlaskSessionCodec.builder("dev").maxAge(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void futureTimestampIsRefusedUnlessWithinAllowedSkew() {
    String cookie = codec.encode(map("a", 1), T);
    assertThat(reason(codec.decode(cookie, T.minusSeconds(1)))).isEqualTo(Reason.FUTURE_TIMESTAMP);
    FlaskSessionCodec skew = FlaskSessionCodec.builder("dev").allowedClockSkew(Duration.ofSeconds(5)).build();
    assertThat(skew.decode(cookie, T.minusSeconds(5))).isInstanceOf(DecodeResult.Decoded.class);
    assertThat(reason(skew.decode(cookie, T.minusSeconds(6)))).isEqualTo(Reason.FUTURE_TIMESTAMP);
  }

  @Test
  void everySingleCharacterChangeIsRefused() {
    String cookie = codec.encode(map("user_id", 42, "name", "Ada"), T);
    String alphabet = "ABCabc012-_.";
    for (int i = 0; i < cookie.length(); i++) {
      for (char c : alphabet.toCharArray()) {
        if (cookie.charAt(i) == c) {
          continue;
        }
        String tampered = cookie.substring(0, i) + c + cookie.substring(i + 1);
        DecodeResult result = codec.decode(tampered, T);
        if (result instanceof DecodeResult.Decoded decoded) {
          // Only a change in base64 padding bits of the signature can leave the bytes equal.
          assertThat(decoded.attributes()).as(tampered).isEqualTo(map("user_id", 42, "name", "Ada"));
          assertThat(i).as(tampered).isEqualTo(cookie.length() - 1);
        }
      }
    }
  }

  @Test
  void otherSaltDigestOrDerivationDoesNotVerify() {
    String cookie = codec.encode(map("a", 1), T);
    assertThat(reason(FlaskSessionCodec.builder("dev").salt("other").build().decode(cookie, T)))
        .isEqualTo(Reason.BAD_SIGNATURE);
    FlaskSessionCodec sha256 = FlaskSessionCodec.builder("dev").digest(HashAlgorithm.SHA256).build();
    assertThat(reason(sha256.decode(cookie, T))).isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(sha256.decode(sha256.encode(map("a", 1), T), T)).isInstanceOf(DecodeResult.Decoded.class);
    assertThat(sha256.encode(map("a", 1), T).split("\\.")[2]).hasSize(43);
    FlaskSessionCodec concat = FlaskSessionCodec.builder("dev").keyDerivation(KeyDerivation.CONCAT).build();
    assertThat(reason(concat.decode(cookie, T))).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void authenticButNotASessionIsBadPayloadOrMalformed() {
    ItsDangerousSigner signer = ItsDangerousSigner.builder("dev").salt("cookie-session")
        .keyDerivation(KeyDerivation.HMAC).build();
    ItsDangerousTimestampSigner timed = new ItsDangerousTimestampSigner(signer);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    assertThat(reason(codec.decode(timed.sign(b64.encodeToString("[1]".getBytes()), T), T)))
        .isEqualTo(Reason.BAD_PAYLOAD);
    assertThat(reason(codec.decode(timed.sign(b64.encodeToString("{\"a\":{\" u\":\"no\"}}".getBytes()), T), T)))
        .isEqualTo(Reason.BAD_PAYLOAD);
    assertThat(reason(codec.decode(timed.sign(b64.encodeToString("{\"a\"".getBytes()), T), T)))
        .isEqualTo(Reason.MALFORMED);
    assertThat(reason(codec.decode(timed.sign(b64.encodeToString(new byte[] {(byte) 0xff}), T), T)))
        .isEqualTo(Reason.MALFORMED);
    assertThat(reason(codec.decode(timed.sign("." + b64.encodeToString("not zlib".getBytes()), T), T)))
        .isEqualTo(Reason.MALFORMED);
    assertThat(reason(codec.decode(timed.sign("!!", T), T))).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void zlibBombIsRefused() {
    String huge = codec.encode(map("x", "a".repeat(2_000_000)), T);
    assertThat(huge.length()).isLessThan(4096);
    assertThat(reason(codec.decode(huge, T))).isEqualTo(Reason.MALFORMED);
    FlaskSessionCodec roomy = FlaskSessionCodec.builder("dev").maxPayloadBytes(3_000_000).build();
    assertThat(roomy.decode(huge, T)).isInstanceOf(DecodeResult.Decoded.class);
  }

  @Test
  void oneCodecServesManyThreads() throws Exception {
    FlaskSessionCodec shared = FlaskSessionCodec.builder("dev", "old").build();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          int ok = 0;
          for (int i = 0; i < 500; i++) {
            Map<String, Object> session = map("thread", thread, "i", i, "pad", "x".repeat(i % 50));
            DecodeResult back = shared.decode(shared.encode(session, T), T);
            if (back instanceof DecodeResult.Decoded d && d.attributes().equals(session)) {
              ok++;
            }
          }
          return ok;
        }));
      }
      for (java.util.concurrent.Future<Integer> r : results) {
        assertThat(r.get()).isEqualTo(500);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void garbageNeverThrows() {
    SplittableRandom random = new SplittableRandom(1);
    String chars = "AZaz09-_.!é\u0000 =";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder s = new StringBuilder();
      int len = random.nextInt(60);
      for (int j = 0; j < len; j++) {
        s.append(chars.charAt(random.nextInt(chars.length())));
      }
      assertThat(codec.decode(s.toString(), T)).isInstanceOf(DecodeResult.Rejected.class);
    }
    assertThat(reason(codec.decode(null, T))).isEqualTo(Reason.MALFORMED);
    assertThat(reason(codec.decode("", T))).isEqualTo(Reason.MALFORMED);
  }

  /** A bean Jackson cannot read. */
  public static final class Broken {
    public String getValue() {
      throw new IllegalStateException("boom");
    }
  }

  @Test
  void encodeNamesWhatItCannotWrite() {
    assertThatThrownBy(() -> codec.encode(map("k", new Broken()), T)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Broken.class.getName());
    assertThatThrownBy(() -> codec.encode(map("k", Map.of(1, 2)), T)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Map key 1");
  }
}
