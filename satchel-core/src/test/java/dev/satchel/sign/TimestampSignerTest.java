package dev.satchel.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.satchel.keys.KeyRing;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class TimestampSignerTest {

  private static final byte[] OLD = "old-key-old-key-old-key-old-key-old-key".getBytes(StandardCharsets.UTF_8);
  private static final byte[] NEW = "new-key-new-key-new-key-new-key-new-key".getBytes(StandardCharsets.UTF_8);
  private static final Instant T = Instant.ofEpochSecond(1_700_000_000L);

  private final TimestampSigner signer = TimestampSigner.builder(KeyRing.of(NEW))
      .maxAge(Duration.ofHours(1)).clockSkew(Duration.ofSeconds(30)).build();

  @Test
  void formatIsPayloadTimestampHmacSha256Base64Url() throws Exception {
    String signed = signer.sign("hello", T);
    // 1700000000 as big-endian bytes 65 53 f1 00 in base64url: the same timestamp form as itsdangerous.
    assertThat(signed).startsWith("hello.ZVPxAA.");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(NEW, "HmacSHA256"));
    String expected = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(mac.doFinal("hello.ZVPxAA".getBytes(StandardCharsets.US_ASCII)));
    assertThat(signed).isEqualTo("hello.ZVPxAA." + expected);
    assertThat(signer.sign("hello", T.plusMillis(999))).isEqualTo(signed);
  }

  @Test
  void validCarriesPayloadTimestampAndKeyIndex() {
    Verification v = signer.verify(signer.sign("a.b.c", T), T.plusSeconds(5));
    assertThat(v).isEqualTo(new Verification.Valid("a.b.c", T, 0));
    assertThat(v.isValid()).isTrue();
    assertThat(signer.verify(signer.sign("", T), T)).isEqualTo(new Verification.Valid("", T, 0));
    assertThat(signer.verify(signer.sign("héllo ✓", T), T)).isEqualTo(new Verification.Valid("héllo ✓", T, 0));
  }

  @Test
  void rotationOldTokensVerifyWithTheFallbackUntilItIsRemoved() {
    String oldToken = TimestampSigner.of(KeyRing.of(OLD)).sign("user=1", T);
    TimestampSigner rotated = TimestampSigner.of(KeyRing.of(NEW, OLD));
    Verification v = rotated.verify(oldToken, T);
    assertThat(v).isEqualTo(new Verification.Valid("user=1", T, 1));
    assertThat(((Verification.Valid) v).signedWithFallbackKey()).isTrue();
    // New tokens are signed with the current key.
    assertThat(rotated.verify(rotated.sign("x", T), T)).isEqualTo(new Verification.Valid("x", T, 0));
    assertThat(TimestampSigner.of(KeyRing.of(NEW)).verify(oldToken, T)).isInstanceOf(Verification.BadSignature.class);
  }

  @Test
  void wrongKeyIsABadSignature() {
    String token = TimestampSigner.of(KeyRing.of(OLD)).sign("x", T);
    assertThat(signer.verify(token, T)).isEqualTo(new Verification.BadSignature());
  }

  @Test
  void expiresExactlyAfterMaxAge() {
    String token = signer.sign("x", T);
    assertThat(signer.verify(token, T.plusSeconds(3600))).isInstanceOf(Verification.Valid.class);
    assertThat(signer.verify(token, T.plusSeconds(3601)))
        .isEqualTo(new Verification.Expired(T, T.plusSeconds(3600)));
  }

  @Test
  void futureTimestampsBeyondTheSkewAreRefused() {
    String token = signer.sign("x", T);
    assertThat(signer.verify(token, T.minusSeconds(30))).isInstanceOf(Verification.Valid.class);
    assertThat(signer.verify(token, T.minusSeconds(31))).isEqualTo(new Verification.FutureTimestamp(T));
  }

  @Test
  void signatureIsCheckedBeforeAge() {
    String forged = TimestampSigner.of(KeyRing.of(OLD)).sign("x", T);
    assertThat(signer.verify(forged, T.plus(Duration.ofDays(400)))).isInstanceOf(Verification.BadSignature.class);
  }

  @Test
  void everyTruncationIsRefused() {
    String token = signer.sign("payload", T);
    for (int i = 0; i < token.length(); i++) {
      assertThat(signer.verify(token.substring(0, i), T)).as("prefix %d", i).isNotInstanceOf(Verification.Valid.class);
      assertThat(signer.verify(token.substring(i + 1), T)).as("suffix %d", i).isNotInstanceOf(Verification.Valid.class);
    }
  }

  @Test
  void everySingleCharacterChangeIsRefused() {
    String token = signer.sign("payload", T);
    for (int i = 0; i < token.length(); i++) {
      for (char c : new char[] {'A', 'z', '0', '-', '_', '.'}) {
        if (token.charAt(i) != c) {
          String tampered = token.substring(0, i) + c + token.substring(i + 1);
          assertThat(signer.verify(tampered, T)).as(tampered).isNotInstanceOf(Verification.Valid.class);
        }
      }
    }
  }

  @Test
  void malformedShapesSayWhy() {
    String token = signer.sign("p", T);
    String sig = token.substring(token.lastIndexOf('.') + 1);
    assertThat(signer.verify("nodots", T)).isEqualTo(new Verification.Malformed("expected PAYLOAD.TIMESTAMP.SIGNATURE"));
    assertThat(signer.verify("one.dot", T)).isInstanceOf(Verification.Malformed.class);
    assertThat(signer.verify("p.ZVPxAA." + sig.substring(1), T))
        .isEqualTo(new Verification.Malformed("the signature is not 43 base64url characters"));
    assertThat(signer.verify("p.ZVPxAA." + sig.substring(1) + "=", T)).isInstanceOf(Verification.Malformed.class);
    assertThat(signer.verify("p.Z!PxAA." + sig, T))
        .isEqualTo(new Verification.Malformed("the timestamp is not base64url seconds"));
    assertThat(signer.verify("p.." + sig, T)).isInstanceOf(Verification.Malformed.class);
    assertThat(signer.verify(null, T)).isInstanceOf(Verification.Malformed.class);
    assertThat(signer.verify("", T)).isInstanceOf(Verification.Malformed.class);
  }

  @Test
  void aNonCanonicalSignatureEncodingIsRefused() {
    String token = signer.sign("p", T);
    char last = token.charAt(token.length() - 1);
    // 43 characters carry 258 bits: the last character's 2 low bits are padding. Setting one decodes to the same
    // bytes, but the signer only accepts the canonical form.
    char other = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".charAt(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".indexOf(last) | 1);
    assertThat(other).isNotEqualTo(last);
    String variant = token.substring(0, token.length() - 1) + other;
    assertThat(Base64.getUrlDecoder().decode(variant.substring(variant.lastIndexOf('.') + 1)))
        .isEqualTo(Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1)));
    assertThat(signer.verify(variant, T)).isInstanceOf(Verification.BadSignature.class);
  }

  @Test
  void anAuthenticTimestampBeyondJavaTimeIsMalformedNotACrash() throws Exception {
    // 2^55 seconds: 7 bytes, valid base64url, past Instant.MAX. Only the key holder can sign it.
    String head = "p.gAAAAAAAAA";
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(NEW, "HmacSHA256"));
    String token = head + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(mac.doFinal(head.getBytes(StandardCharsets.US_ASCII)));
    assertThat(signer.verify(token, T))
        .isEqualTo(new Verification.Malformed("the timestamp is beyond year 1000000000"));
  }

  @Test
  void builderNamesBadSettings() {
    KeyRing ring = KeyRing.of(NEW);
    assertThatThrownBy(() -> TimestampSigner.builder(ring).maxAge(Duration.ZERO))
        .hasMessage("maxAge must be at least 1 second, got PT0S");
    assertThatThrownBy(() -> TimestampSigner.builder(ring).clockSkew(Duration.ofSeconds(-1)))
        .hasMessage("clockSkew must be zero or positive, got PT-1S");
    assertThatThrownBy(() -> signer.sign("x", Instant.ofEpochSecond(-1))).hasMessageContaining("before 1970");
  }
}
