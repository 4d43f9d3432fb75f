package dev.satchel.session.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.satchel.keys.KeyRing;
import dev.satchel.seal.Sealer;
import dev.satchel.session.DecodeResult;
import dev.satchel.session.DecodeResult.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncryptedCookieCodecTest {

  private static final KeyRing OLD = KeyRing.generate();
  private static final KeyRing NEW = KeyRing.generate();
  private static final Instant T = Instant.parse("2026-11-23T10:00:00.250Z");
  private static final Instant ISSUED = Instant.parse("2026-11-23T10:00:00Z");

  private final EncryptedCookieCodec codec = EncryptedCookieCodec.of(NEW);

  private static Reason reason(DecodeResult r) {
    assertThat(r).isInstanceOf(DecodeResult.Rejected.class);
    return ((DecodeResult.Rejected) r).reason();
  }

  /** A sealed plaintext made with the codec's derived key and associated data. */
  private static String sealed(byte[] plaintext) {
    return Sealer.of(NEW.derive(EncryptedCookieCodec.PURPOSE)).seal(plaintext, "satchel.session");
  }

  private static byte[] timed(long seconds, String json) {
    byte[] j = json.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + j.length).putLong(seconds).put(j).array();
  }

  @Test
  void roundTripsAndHidesTheContent() {
    String cookie = codec.encode(SignedCookieCodecTest.session(), T);
    assertThat(cookie).matches("[A-Za-z0-9_-]+").doesNotContain("Ada").doesNotContain("QWRh");
    assertThat(new String(Base64.getUrlDecoder().decode(cookie), StandardCharsets.ISO_8859_1)).doesNotContain("Ada");
    assertThat(codec.decode(cookie, T)).isEqualTo(new DecodeResult.Decoded(SignedCookieCodecTest.session(), ISSUED, 0));
    assertThat(codec.encode(SignedCookieCodecTest.session(), T)).isNotEqualTo(cookie);
  }

  @Test
  void plaintextIsTheIssueTimeThenJsonUnderADerivedKey() {
    String cookie = codec.encode(Map.of("a", 1), T);
    var opened = Sealer.of(NEW.derive("satchel.session.encrypted")).unseal(cookie, "satchel.session");
    assertThat(opened).isInstanceOfSatisfying(dev.satchel.seal.Unsealed.Opened.class,
        o -> assertThat(o.plaintext()).isEqualTo(timed(ISSUED.getEpochSecond(), "{\"a\":1}")));
    // Not the signed codec's key, and not the raw key.
    assertThat(Sealer.of(NEW.derive("satchel.session.signed")).unseal(cookie, "satchel.session"))
        .isInstanceOf(dev.satchel.seal.Unsealed.UnknownKey.class);
  }

  @Test
  void rotationOldCookiesOpenWithTheFallbackUntilItIsRemoved() {
    String old = EncryptedCookieCodec.of(OLD).encode(Map.of("u", 7), T);
    DecodeResult r = EncryptedCookieCodec.of(KeyRing.of(NEW.current(), OLD.current())).decode(old, T);
    assertThat(r).isEqualTo(new DecodeResult.Decoded(Map.of("u", 7), ISSUED, 1));
    assertThat(reason(codec.decode(old, T))).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void associatedDataBindsTheCookieToItsContext() {
    String cookie = EncryptedCookieCodec.builder(NEW).associatedData("cookie:session").build().encode(Map.of(), T);
    assertThat(reason(EncryptedCookieCodec.builder(NEW).associatedData("cookie:prefs").build().decode(cookie, T)))
        .isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(EncryptedCookieCodec.builder(NEW).associatedData("cookie:session").build().decode(cookie, T))
        .isInstanceOf(DecodeResult.Decoded.class);
  }

  @Test
  void expiryAndFutureTimestampsUseTheSealedIssueTime() {
    EncryptedCookieCodec c = EncryptedCookieCodec.builder(NEW).maxAge(Duration.ofMinutes(30))
        .clockSkew(Duration.ofSeconds(5)).build();
    String cookie = c.encode(Map.of(), T);
    assertThat(c.decode(cookie, ISSUED.plusSeconds(1800))).isInstanceOf(DecodeResult.Decoded.class);
    assertThat(reason(c.decode(cookie, ISSUED.plusSeconds(1801)))).isEqualTo(Reason.EXPIRED);
    assertThat(c.decode(cookie, ISSUED.minusSeconds(5))).isInstanceOf(DecodeResult.Decoded.class);
    assertThat(reason(c.decode(cookie, ISSUED.minusSeconds(6)))).isEqualTo(Reason.FUTURE_TIMESTAMP);
  }

  @Test
  void truncatedTamperedAndGarbageAreRejected() {
    String cookie = codec.encode(SignedCookieCodecTest.session(), T);
    for (int i = 0; i < cookie.length(); i++) {
      assertThat(codec.decode(cookie.substring(0, i), T)).isInstanceOf(DecodeResult.Rejected.class);
    }
    char c = cookie.charAt(30);
    assertThat(reason(codec.decode(cookie.substring(0, 30) + (c == 'A' ? 'B' : 'A') + cookie.substring(31), T)))
        .isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(reason(codec.decode("not.a.sealed.value", T))).isEqualTo(Reason.MALFORMED);
    assertThat(reason(codec.decode(null, T))).isEqualTo(Reason.MALFORMED);
    assertThat(reason(codec.decode("", T))).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void authenticButBrokenContent() {
    assertThat(reason(codec.decode(sealed(new byte[3]), T))).isEqualTo(Reason.BAD_PAYLOAD);
    assertThat(reason(codec.decode(sealed(timed(ISSUED.getEpochSecond(), "[1]")), T))).isEqualTo(Reason.BAD_PAYLOAD);
    assertThat(reason(codec.decode(sealed(timed(ISSUED.getEpochSecond(), "{")), T))).isEqualTo(Reason.MALFORMED);
    assertThat(reason(codec.decode(sealed(timed(ISSUED.getEpochSecond() - 40 * 86400, "{}")), T)))
        .isEqualTo(Reason.EXPIRED);
    assertThat(reason(codec.decode(sealed(timed(ISSUED.getEpochSecond() + 3600, "{}")), T)))
        .isEqualTo(Reason.FUTURE_TIMESTAMP);
    // Out of any clock's range: not a session this codec wrote.
    assertThat(reason(codec.decode(sealed(timed(-5, "{}")), T))).isEqualTo(Reason.BAD_PAYLOAD);
    assertThat(reason(codec.decode(sealed(timed(Long.MAX_VALUE, "{}")), T))).isEqualTo(Reason.BAD_PAYLOAD);
    assertThat(reason(codec.decode(sealed(timed(Long.MIN_VALUE, "{}")), T))).isEqualTo(Reason.BAD_PAYLOAD);
  }

  @Test
  void builderNamesBadSettings() {
    assertThatThrownBy(() -> EncryptedCookieCodec.builder(NEW).maxAge(Duration.ZERO))
        .hasMessage("maxAge must be at least 1 second, got PT0S");
    assertThatThrownBy(() -> EncryptedCookieCodec.builder(NEW).associatedData(null))
        .hasMessageContaining("associatedData must not be null");
  }
}
