package dev.satchel.session.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.satchel.keys.KeyRing;
import dev.satchel.session.DecodeResult;
import dev.satchel.session.DecodeResult.Reason;
import dev.satchel.sign.TimestampSigner;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SignedCookieCodecTest {

  private static final KeyRing OLD = KeyRing.generate();
  private static final KeyRing NEW = KeyRing.generate();
  private static final Instant T = Instant.parse("2026-11-23T10:00:00.750Z");

  private final SignedCookieCodec codec = SignedCookieCodec.of(NEW);

  static Map<String, Object> session() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("user_id", 42);
    m.put("name", "Ada Lovelace");
    m.put("roles", List.of("admin", "editor"));
    m.put("last_visit", 1_763_892_000_000L);
    return m;
  }

  private static Reason reason(DecodeResult r) {
    assertThat(r).isInstanceOf(DecodeResult.Rejected.class);
    return ((DecodeResult.Rejected) r).reason();
  }

  /** A token in the codec's format, signed with the codec's derived key, around any payload. */
  private static String authentic(KeyRing ring, String payloadPart) {
    return TimestampSigner.of(ring.derive(SignedCookieCodec.PURPOSE)).sign(payloadPart, T);
  }

  private static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Found by SessionCodecFuzzTest: an authentic token whose payload is only the compression mark. */
  @Test
  void anEmptyCompressedPayloadIsMalformedNotACrash() {
    // sign("") is ".<time>.<signature>": the leading dot reads as "compressed", with nothing before the time.
    assertThat(reason(codec.decode(authentic(NEW, ""), T))).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void roundTripsWithTheIssueTimeInWholeSeconds() {
    String cookie = codec.encode(session(), T);
    DecodeResult r = codec.decode(cookie, T.plusSeconds(10));
    assertThat(r).isEqualTo(new DecodeResult.Decoded(session(), Instant.parse("2026-11-23T10:00:00Z"), 0));
  }

  @Test
  void cookieIsBase64JsonTimestampAndHmacSha256OfADerivedKey() throws Exception {
    String cookie = codec.encode(Map.of("user_id", 42), T);
    assertThat(cookie).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}");
    String[] parts = cookie.split("\\.");
    assertThat(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)).isEqualTo("{\"user_id\":42}");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(NEW.derive("satchel.session.signed").current(), "HmacSHA256"));
    byte[] sig = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(parts[2]).isEqualTo(b64(sig));
    // The raw key never signs sessions directly.
    mac.init(new SecretKeySpec(NEW.current(), "HmacSHA256"));
    assertThat(parts[2]).isNotEqualTo(b64(mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII))));
  }

  @Test
  void compressesLargeSessionsWhenShorterAndMarksThemWithADot() {
    Map<String, Object> big = Map.of("cart", "item-1234,".repeat(60));
    String cookie = codec.encode(big, T);
    String plain = SignedCookieCodec.builder(NEW).compressionThreshold(Integer.MAX_VALUE).build().encode(big, T);
    assertThat(cookie).startsWith(".");
    assertThat(plain).doesNotStartWith(".");
    assertThat(cookie.length()).isLessThan(plain.length() / 4);
    assertThat(codec.decode(cookie, T)).isInstanceOfSatisfying(DecodeResult.Decoded.class,
        d -> assertThat(d.attributes()).isEqualTo(big));
    assertThat(codec.decode(plain, T)).isInstanceOf(DecodeResult.Decoded.class);
    // The marker is signed: dropping it breaks the signature rather than confusing the decoder.
    assertThat(reason(codec.decode(cookie.substring(1), T))).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void smallSessionsAndOnesZlibCannotShortenStayUncompressed() {
    assertThat(codec.encode(session(), T)).doesNotStartWith(".");
    // Tried (threshold 0) but zlib's 6 bytes of framing make it longer: kept as is.
    String cookie = SignedCookieCodec.builder(NEW).compressionThreshold(0).build().encode(Map.of("a", 1), T);
    assertThat(cookie).startsWith(b64("{\"a\":1}".getBytes(StandardCharsets.UTF_8)) + ".");
  }

  @Test
  void rotationOldCookiesDecodeWithTheFallbackUntilItIsRemoved() {
    String old = SignedCookieCodec.of(OLD).encode(session(), T);
    KeyRing rotated = KeyRing.of(NEW.current(), OLD.current());
    DecodeResult r = SignedCookieCodec.of(rotated).decode(old, T);
    assertThat(r).isInstanceOfSatisfying(DecodeResult.Decoded.class, d -> {
      assertThat(d.keyIndex()).isEqualTo(1);
      assertThat(d.signedWithFallbackKey()).isTrue();
      assertThat(d.attributes()).isEqualTo(session());
    });
    assertThat(reason(SignedCookieCodec.of(NEW).decode(old, T))).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void wrongKeyIsABadSignature() {
    assertThat(reason(codec.decode(SignedCookieCodec.of(OLD).encode(session(), T), T))).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void expiryAndFutureTimestamps() {
    SignedCookieCodec c = SignedCookieCodec.builder(NEW).maxAge(Duration.ofMinutes(30))
        .clockSkew(Duration.ofSeconds(5)).build();
    String cookie = c.encode(session(), T);
    Instant issued = Instant.parse("2026-11-23T10:00:00Z");
    assertThat(c.decode(cookie, issued.plusSeconds(1800))).isInstanceOf(DecodeResult.Decoded.class);
    assertThat(reason(c.decode(cookie, issued.plusSeconds(1801)))).isEqualTo(Reason.EXPIRED);
    assertThat(c.decode(cookie, issued.minusSeconds(5))).isInstanceOf(DecodeResult.Decoded.class);
    assertThat(reason(c.decode(cookie, issued.minusSeconds(6)))).isEqualTo(Reason.FUTURE_TIMESTAMP);
    assertThat(reason(codec.decode(cookie, T.plus(Duration.ofDays(32))))).isEqualTo(Reason.EXPIRED);
  }

  @Test
  void truncatedAndTamperedCookiesAreRejected() {
    String cookie = codec.encode(session(), T);
    for (int i = 0; i < cookie.length(); i++) {
      assertThat(codec.decode(cookie.substring(0, i), T)).isInstanceOf(DecodeResult.Rejected.class);
    }
    int firstDot = cookie.indexOf('.');
    char c0 = cookie.charAt(2);
    String tamperedPayload = cookie.substring(0, 2) + (c0 == 'A' ? 'B' : 'A') + cookie.substring(3);
    assertThat(reason(codec.decode(tamperedPayload, T))).isEqualTo(Reason.BAD_SIGNATURE);
    String tamperedTime = cookie.substring(0, firstDot + 1) + "ZVPxAA" + cookie.substring(cookie.lastIndexOf('.'));
    assertThat(reason(codec.decode(tamperedTime, T))).isEqualTo(Reason.BAD_SIGNATURE);
    char last = cookie.charAt(cookie.length() - 5);
    String tamperedSig = cookie.substring(0, cookie.length() - 5) + (last == 'x' ? 'y' : 'x') + cookie.substring(cookie.length() - 4);
    assertThat(reason(codec.decode(tamperedSig, T))).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void malformedInputSaysSo() {
    assertThat(reason(codec.decode(null, T))).isEqualTo(Reason.MALFORMED);
    assertThat(reason(codec.decode("", T))).isEqualTo(Reason.MALFORMED);
    assertThat(reason(codec.decode("garbage", T))).isEqualTo(Reason.MALFORMED);
    assertThat(reason(codec.decode("a b.c.d", T))).isEqualTo(Reason.MALFORMED);
    String cookie = codec.encode(session(), T);
    assertThat(reason(codec.decode("é" + cookie, T))).isEqualTo(Reason.MALFORMED);
    assertThat(reason(codec.decode("€" + cookie, T))).isEqualTo(Reason.MALFORMED);
    assertThat(reason(codec.decode(cookie + "=", T))).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void authenticButBrokenContentIsMalformedOrBadPayload() throws Exception {
    assertThat(reason(codec.decode(authentic(NEW, b64("[1,2]".getBytes(StandardCharsets.UTF_8))), T)))
        .isEqualTo(Reason.BAD_PAYLOAD);
    assertThat(reason(codec.decode(authentic(NEW, b64("null".getBytes(StandardCharsets.UTF_8))), T)))
        .isEqualTo(Reason.BAD_PAYLOAD);
    assertThat(reason(codec.decode(authentic(NEW, b64("{\"a\":".getBytes(StandardCharsets.UTF_8))), T)))
        .isEqualTo(Reason.MALFORMED);
    assertThat(reason(codec.decode(authentic(NEW, b64("{} {}".getBytes(StandardCharsets.UTF_8))), T)))
        .isEqualTo(Reason.MALFORMED);
    // sign("") is ".<time>.<signature>": the leading dot reads as "compressed", with nothing before the time.
    assertThat(reason(codec.decode(authentic(NEW, ""), T))).isEqualTo(Reason.MALFORMED);
    assertThat(reason(codec.decode(authentic(NEW, ".bm90emxpYg"), T))).isEqualTo(Reason.MALFORMED);
    // sign("") is ".<time>.<signature>": the leading dot reads as "compressed", with nothing before the time.
    assertThat(reason(codec.decode(authentic(NEW, ""), T))).isEqualTo(Reason.MALFORMED);
    // A zip bomb: 10 MB of spaces compress to ~10 KB; inflating stops at the limit instead of allocating it all.
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(bomb, new Deflater(9))) {
      byte[] spaces = new byte[1 << 20];
      java.util.Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < 10; i++) {
        z.write(spaces);
      }
    }
    assertThat(reason(codec.decode(authentic(NEW, "." + b64(bomb.toByteArray())), T))).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void unencodableValuesNameTheirType() {
    assertThatThrownBy(() -> codec.encode(Map.of("x", new Object() {
      public Object getSelf() {
        return this;
      }
    }), T)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be written as JSON");
  }

  @Test
  void builderNamesBadSettings() {
    assertThatThrownBy(() -> SignedCookieCodec.builder(NEW).maxAge(Duration.ofMillis(10)))
        .hasMessage("maxAge must be at least 1 second, got PT0.01S");
    assertThatThrownBy(() -> SignedCookieCodec.builder(NEW).clockSkew(Duration.ofSeconds(-2)))
        .hasMessage("clockSkew must be zero or positive, got PT-2S");
    assertThatThrownBy(() -> SignedCookieCodec.builder(NEW).compressionThreshold(-1))
        .hasMessage("compressionThreshold must be 0 or more bytes, got -1");
  }
}
