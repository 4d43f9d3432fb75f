package dev.satchel.flask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.satchel.session.DecodeResult.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Vectors printed by itsdangerous 2.1 with {@code get_timestamp()} fixed at 1700000000. */
class ItsDangerousTest {

  private static final Instant T = Instant.ofEpochSecond(1700000000);

  @ParameterizedTest
  @CsvSource({
      "CONCAT, SHA1, v.ZVPxAA.-vZ44x4gdDNbNhjTSzxBD43oTAk",
      "CONCAT, SHA256, v.ZVPxAA.z29JPSPTmfb0OwHXvKE6Dc-22omFTngKLzVdI0ub7dk",
      "DJANGO_CONCAT, SHA1, v.ZVPxAA.PpaSAqPmaCPH1b3C_qmUrXnoenQ",
      "DJANGO_CONCAT, SHA256, v.ZVPxAA.-TpK4lHJcL6c1-2lrB5xNZm4j24ov2zVELdygtvud8E",
      "HMAC, SHA1, v.ZVPxAA.wpjPlugjA9fb1TLffY5eqt7765k",
      "HMAC, SHA256, v.ZVPxAA.i9KSZF6QUkUZNQDsUr8MaV2lli_-B1duH4vhCz10GZM",
      "NONE, SHA1, v.ZVPxAA.T9BuvsixwFLUC_udF_8Q35V5eY4",
      "NONE, SHA256, v.ZVPxAA.ifKocmQya4mAOn66p-TQRD-wLRLvddiwJh40ICu9AOY",
  })
  void everyKeyDerivationAndDigest(KeyDerivation derivation, HashAlgorithm digest, String expected) {
    ItsDangerousTimestampSigner signer = new ItsDangerousTimestampSigner(
        ItsDangerousSigner.builder("k").salt("s").keyDerivation(derivation).digest(digest).build());
    assertThat(signer.sign("v", T)).isEqualTo(expected);
    LoadResult<String> back = signer.unsign(expected, T, Duration.ofSeconds(1));
    assertThat(back).isEqualTo(new LoadResult.Loaded<>("v", T, 0));
  }

  @Test
  void plainSignerWithItsDangerousDefaults() {
    ItsDangerousSigner signer = ItsDangerousSigner.builder("k").build();
    assertThat(signer.sign("v")).isEqualTo("v.2JukJbdKiJ0MywoHcbEm2OQg0dM");
    assertThat(signer.unsign("v.2JukJbdKiJ0MywoHcbEm2OQg0dM").loadedValue()).contains("v");
    assertThat(signer.unsign("w.2JukJbdKiJ0MywoHcbEm2OQg0dM"))
        .isEqualTo(new LoadResult.Failed<>(Reason.BAD_SIGNATURE, "signature does not match any key"));
    assertThat(signer.unsign("no separator")).extracting(r -> ((LoadResult.Failed<?>) r).reason())
        .isEqualTo(Reason.MALFORMED);
    assertThat(signer.unsign("v.*not base64*")).extracting(r -> ((LoadResult.Failed<?>) r).reason())
        .isEqualTo(Reason.MALFORMED);
  }

  @Test
  void separatorIsConfigurableButNeverABase64Character() {
    ItsDangerousSigner signer = ItsDangerousSigner.builder("k").separator(':').build();
    String signed = signer.sign("a.b");
    assertThat(signed).startsWith("a.b:");
    assertThat(signer.unsign(signed).loadedValue()).contains("a.b");
    for (char bad : new char[] {'a', 'Z', '5', '-', '_', '=', ' ', 'é'}) {
      assertThatThrownBy(() -> ItsDangerousSigner.builder("k").separator(bad))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("separator");
    }
  }

  @Test
  void flaskWtfCsrfToken() {
    // URLSafeTimedSerializer("secret", salt="wtf-csrf-token").dumps(raw) as Flask-WTF's generate_csrf makes it.
    String raw = "4bc68af299554e74fd1f82dea4156ebbffa525e8"; // sha1 hex, as Flask-WTF keeps in the session
    String token = "IjRiYzY4YWYyOTk1NTRlNzRmZDFmODJkZWE0MTU2ZWJiZmZhNTI1ZTgi.ZVPxAA.DA96-KJgtCN5Jfg5guXrJi9OHoQ";
    ItsDangerousSerializer csrf = ItsDangerousSerializer.builder("secret").salt("wtf-csrf-token").build();
    LoadResult<Object> read = csrf.loads(token, T.plusSeconds(3600), Duration.ofSeconds(3600));
    assertThat(read).isEqualTo(new LoadResult.Loaded<>(raw, T, 0));
    assertThat(csrf.dumps(raw, T)).isEqualTo(token);
    // A compressible payload takes the zlib path: this one is what itsdangerous printed for a repetitive value.
    String repetitive = "0123456789abcdef0123456789abcdef01234567";
    assertThat(csrf.dumps(repetitive, T))
        .isEqualTo(".eJxTMjA0MjYxNTO3sExMSk5JTcPFVwIA4koKpQ.ZVPxAA.lejQ3KBnoSOK1k9px7cCN8iG1Oo");
    assertThat(csrf.loads(".eJxTMjA0MjYxNTO3sExMSk5JTcPFVwIA4koKpQ.ZVPxAA.lejQ3KBnoSOK1k9px7cCN8iG1Oo", T, null)
        .loadedValue()).contains(repetitive);
    assertThat(csrf.loads(token, T.plusSeconds(3601), Duration.ofSeconds(3600)))
        .extracting(r -> ((LoadResult.Failed<?>) r).reason()).isEqualTo(Reason.EXPIRED);
    ItsDangerousSerializer otherSalt = ItsDangerousSerializer.builder("secret").salt("csrf-salt").build();
    assertThat(otherSalt.loads(token, T, null)).extracting(r -> ((LoadResult.Failed<?>) r).reason())
        .isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void compactJsonKeepsOrderAndWritesUtf8() {
    ItsDangerousSerializer s = ItsDangerousSerializer.builder("secret").build();
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("b", "ü");
    value.put("a", List.of(1, 2));
    String token = s.dumps(value, T);
    assertThat(token).isEqualTo("eyJiIjoiw7wiLCJhIjpbMSwyXX0.ZVPxAA.E9GRV9LzdJKT6p6UVPnapsfHl18");
    assertThat(s.loads(token, T, null).loadedValue()).contains(value);
  }

  @Test
  void compactJsonRefusesLoneSurrogatesBecausePythonCannotEncodeThemAsUtf8() {
    ItsDangerousSerializer s = ItsDangerousSerializer.builder("secret").build();
    assertThatThrownBy(() -> s.dumps("a\uD800b", T)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lone surrogate at index 1");
    assertThat(s.dumps("\uD83D\uDE00", T)).isNotNull();
  }

  @Test
  void farFutureTimestampWithoutMaxAgeIsMalformedNotACrash() {
    ItsDangerousSigner base = ItsDangerousSigner.builder("k").build();
    ItsDangerousTimestampSigner signer = new ItsDangerousTimestampSigner(base);
    assertThat(reason(signer.unsign(base.sign("v.__________8"), T, null))).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void builderValidatesLimits() {
    assertThatThrownBy(() -> ItsDangerousSerializer.builder("k").maxPayloadBytes(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPayloadBytes 0");
    assertThatThrownBy(() -> ItsDangerousSerializer.builder("k").allowedClockSkew(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    ItsDangerousSerializer tiny = ItsDangerousSerializer.builder("k").maxPayloadBytes(100).build();
    String token = tiny.dumps("a".repeat(101), T);
    assertThat(reason(tiny.loads(token, T, null))).isEqualTo(Reason.MALFORMED);
    assertThat(tiny.loads(tiny.dumps("a".repeat(90), T), T, null).isLoaded()).isTrue();
  }

  @Test
  void fallbackKeysAreTriedNewestFirstAndSigningUsesTheCurrentKey() {
    // URLSafeTimedSerializer(["old", "new"]).dumps("x"): itsdangerous lists keys oldest first, signs with the last.
    String byNew = "Ingi.ZVPxAA.tNaiBtE_L1Epo2hIw3j7grpnSio";
    ItsDangerousSerializer current = ItsDangerousSerializer.builder("new", "old").build();
    assertThat(current.dumps("x", T)).isEqualTo(byNew);
    ItsDangerousSerializer rotated = ItsDangerousSerializer.builder("newer", "new", "old").build();
    assertThat(rotated.loads(byNew, T, null)).isEqualTo(new LoadResult.Loaded<>("x", T, 1));
    assertThat(((LoadResult.Loaded<?>) rotated.loads(byNew, T, null)).signedWithFallbackKey()).isTrue();
    ItsDangerousSerializer dropped = ItsDangerousSerializer.builder("newer", "old").build();
    assertThat(dropped.loads(byNew, T, null)).extracting(r -> ((LoadResult.Failed<?>) r).reason())
        .isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void timestampEncodingStripsLeadingZeroBytes() {
    assertThat(ItsDangerousTimestampSigner.encodeTimestamp(Instant.ofEpochSecond(1700000000))).isEqualTo("ZVPxAA");
    assertThat(ItsDangerousTimestampSigner.encodeTimestamp(Instant.ofEpochSecond(0))).isEmpty();
    assertThat(ItsDangerousTimestampSigner.encodeTimestamp(Instant.ofEpochSecond(255))).isEqualTo("_w");
    assertThat(ItsDangerousTimestampSigner.encodeTimestamp(Instant.ofEpochSecond(256))).isEqualTo("AQA");
    assertThat(ItsDangerousTimestampSigner.encodeTimestamp(Instant.ofEpochSecond(1L << 32))).isEqualTo("AQAAAAA");
    assertThatThrownBy(() -> ItsDangerousTimestampSigner.encodeTimestamp(Instant.ofEpochSecond(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ageRules() {
    ItsDangerousTimestampSigner signer = new ItsDangerousTimestampSigner(ItsDangerousSigner.builder("k").build());
    String signed = signer.sign("v", T);
    Duration hour = Duration.ofHours(1);
    assertThat(signer.unsign(signed, T.plusSeconds(3600), hour).isLoaded()).isTrue();
    assertThat(signer.unsign(signed, T.plusSeconds(3600).plusMillis(999), hour).isLoaded()).isTrue();
    assertThat(reason(signer.unsign(signed, T.plusSeconds(3601), hour))).isEqualTo(Reason.EXPIRED);
    assertThat(reason(signer.unsign(signed, T.minusSeconds(1), hour))).isEqualTo(Reason.FUTURE_TIMESTAMP);
    // Without a maximum age itsdangerous checks neither age nor future.
    assertThat(signer.unsign(signed, T.minusSeconds(100), null).isLoaded()).isTrue();
    assertThat(signer.unsign(signed, T.plusSeconds(1_000_000_000), null).isLoaded()).isTrue();
    ItsDangerousTimestampSigner lenient =
        new ItsDangerousTimestampSigner(ItsDangerousSigner.builder("k").build(), Duration.ofSeconds(30));
    assertThat(lenient.unsign(signed, T.minusSeconds(30), hour).isLoaded()).isTrue();
    assertThat(reason(lenient.unsign(signed, T.minusSeconds(31), hour))).isEqualTo(Reason.FUTURE_TIMESTAMP);
  }

  @Test
  void timestampProblemsAfterAValidSignature() {
    ItsDangerousSigner base = ItsDangerousSigner.builder("k").build();
    ItsDangerousTimestampSigner signer = new ItsDangerousTimestampSigner(base);
    assertThat(reason(signer.unsign(base.sign("no-timestamp"), T, null))).isEqualTo(Reason.MALFORMED);
    assertThat(reason(signer.unsign(base.sign("v.***"), T, null))).isEqualTo(Reason.MALFORMED);
    assertThat(reason(signer.unsign(base.sign("v.AQIDBAUGBwgJ"), T, null))).isEqualTo(Reason.MALFORMED);
    // An unsigned 64-bit timestamp past Long.MAX_VALUE is the far future, not a crash.
    assertThat(reason(signer.unsign(base.sign("v.__________8"), T, Duration.ofDays(1))))
        .isEqualTo(Reason.FUTURE_TIMESTAMP);
    // An empty timestamp is epoch 0 for itsdangerous: authentic, but expired.
    assertThat(reason(signer.unsign(base.sign("v."), T, Duration.ofDays(1)))).isEqualTo(Reason.EXPIRED);
  }

  @Test
  void derivedKeysMatchTheirDefinitions() throws Exception {
    byte[] key = "k".getBytes(StandardCharsets.UTF_8);
    ItsDangerousSigner concat = ItsDangerousSigner.builder("k").salt("s").keyDerivation(KeyDerivation.CONCAT).build();
    assertThat(concat.deriveKey(key))
        .isEqualTo(java.security.MessageDigest.getInstance("SHA-1").digest("sk".getBytes(StandardCharsets.UTF_8)));
    ItsDangerousSigner django = ItsDangerousSigner.builder("k").salt("s").build();
    assertThat(django.deriveKey(key)).isEqualTo(
        java.security.MessageDigest.getInstance("SHA-1").digest("ssignerk".getBytes(StandardCharsets.UTF_8)));
    ItsDangerousSigner none = ItsDangerousSigner.builder("k").keyDerivation(KeyDerivation.NONE).build();
    assertThat(none.deriveKey(key)).isEqualTo(key);
  }

  @Test
  void builderRefusesMissingOrEmptyKeys() {
    assertThatThrownBy(() -> ItsDangerousSerializer.builder(List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> ItsDangerousSerializer.builder("")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("#0");
    assertThatThrownBy(() -> ItsDangerousSerializer.builder("a", "")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("#1");
  }

  private static Reason reason(LoadResult<?> result) {
    assertThat(result).isInstanceOf(LoadResult.Failed.class);
    return ((LoadResult.Failed<?>) result).reason();
  }
}
