package dev.satchel.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.CompressionAlgorithm;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectEncrypter;
import dev.satchel.jwt.JwtResult.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Encrypted tokens (JWE dir + A256GCM). */
class JweTokenTest {

  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  static final byte[] SECRET = "32 bytes of AES-256 key material".getBytes(StandardCharsets.US_ASCII);
  static final JwtKey KEY = JwtKey.encryption("enc-1", SECRET);
  static final JwtVerifier VERIFIER = JwtVerifier.builder(JwtKeySet.of(KEY)).build();

  static String issue(JwtClaims claims) {
    return JwtIssuer.builder(KEY).build().issue(claims, NOW);
  }

  static Reason reason(JwtResult r) {
    return ((JwtResult.Rejected) r).reason();
  }

  static String payload() {
    return "{\"sub\":\"alice\",\"exp\":" + NOW.plusSeconds(600).getEpochSecond() + "}";
  }

  @Test
  void roundTripKeepsClaimsSecret() {
    String token = issue(JwtClaims.builder().subject("alice").claim("ssn", "078-05-1120").build());
    assertThat(Forge.json(Forge.part(token, 0))).contains("\"alg\":\"dir\"", "\"enc\":\"A256GCM\"", "\"kid\":\"enc-1\"");
    assertThat(token).doesNotContain(Forge.b64("078-05-1120"));
    JwtClaims claims = VERIFIER.verify(token, NOW).validClaims().orElseThrow();
    assertThat(claims.get("ssn")).isEqualTo("078-05-1120");
  }

  @Test
  void everyTamperedPartFailsAuthentication() {
    String token = issue(JwtClaims.builder().subject("alice").build());
    for (int part = 2; part <= 4; part++) {
      String original = Forge.part(token, part);
      char c = original.charAt(2);
      String flipped = original.substring(0, 2) + (c == 'A' ? 'B' : 'A') + original.substring(3);
      assertThat(reason(VERIFIER.verify(Forge.replacePart(token, part, flipped), NOW))).as("part " + part)
          .isEqualTo(Reason.BAD_SIGNATURE);
    }
    // The header is authenticated data too.
    String header = Forge.json(Forge.part(token, 0)).replace("\"JWT\"", "\"XWT\"");
    assertThat(reason(VERIFIER.verify(Forge.replacePart(token, 0, Forge.b64(header)), NOW)))
        .isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void otherKeyUnderTheSameIdCannotDecrypt() {
    JwtKey impostor = JwtKey.encryption("enc-1", "another 32-byte AES key material".getBytes(StandardCharsets.US_ASCII));
    String token = JwtIssuer.builder(impostor).build().issue(JwtClaims.builder().subject("admin").build(), NOW);
    assertThat(reason(VERIFIER.verify(token, NOW))).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void compressedTokensAreRefusedEvenFromTheKeyHolder() throws Exception {
    JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).keyID("enc-1")
        .compressionAlgorithm(CompressionAlgorithm.DEF).build(), new Payload(payload()));
    jwe.encrypt(new DirectEncrypter(SECRET));
    assertThat(reason(VERIFIER.verify(jwe.serialize(), NOW))).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
  }

  @Test
  void otherContentEncryptionIsRefused() throws Exception {
    JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A128GCM).keyID("enc-1")
        .build(), new Payload(payload()));
    jwe.encrypt(new DirectEncrypter(new byte[16]));
    assertThat(reason(VERIFIER.verify(jwe.serialize(), NOW))).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
  }

  @Test
  void keysCannotCrossBetweenSigningAndEncryption() throws Exception {
    JwtKey hs = JwtKey.hs256("hs-1", SECRET);
    JwtKeySet both = JwtKeySet.of(KEY, hs);
    // A JWE naming the HMAC key...
    JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).keyID("hs-1")
        .build(), new Payload(payload()));
    jwe.encrypt(new DirectEncrypter(SECRET));
    assertThat(reason(JwtVerifier.builder(both).build().verify(jwe.serialize(), NOW)))
        .isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
    // ...and an HS256 JWS naming the encryption key, MACed with its bytes.
    String jws = Forge.hs256("{\"alg\":\"HS256\",\"kid\":\"enc-1\"}", payload(), SECRET);
    assertThat(reason(JwtVerifier.builder(both).build().verify(jws, NOW))).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
    // A "dir" header on a three-part token is no signature algorithm at all.
    String fake = Forge.b64("{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"kid\":\"enc-1\"}") + "." + Forge.b64(payload()) + ".";
    assertThat(VERIFIER.verify(fake, NOW).isValid()).isFalse();
  }

  @Test
  void encryptedTokensCanBeDisallowed() {
    String token = issue(JwtClaims.builder().subject("alice").build());
    JwtVerifier signedOnly = JwtVerifier.builder(JwtKeySet.of(KEY)).algorithms(JwtAlgorithm.HS256).build();
    assertThat(reason(signedOnly.verify(token, NOW))).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
  }
}
