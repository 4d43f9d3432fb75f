package dev.satchel.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JwtKeyTest {

  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  // RFC 8037 appendix A.1/A.4: the Ed25519 key and the JWS it must produce (Ed25519 is deterministic).
  static final String RFC8037_JWK = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
      + "\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\","
      + "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}";
  static final String RFC8037_JWS = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc."
      + "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

  @Test
  void jdkEd25519MatchesTheRfc8037Vector() throws Exception {
    JwtKey key = JwtKey.fromJwk(RFC8037_JWK);
    assertThat(key.algorithm()).isEqualTo(JwtAlgorithm.EDDSA);
    JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.EdDSA), new Payload("Example of Ed25519 signing"));
    jws.sign(key.signer());
    assertThat(jws.serialize()).isEqualTo(RFC8037_JWS);
    assertThat(JWSObject.parse(RFC8037_JWS).verify(key.publicOnly().verifier())).isTrue();
    assertThat(JWSObject.parse(RFC8037_JWS.replace("RXhhbXBsZSBvZi", "RXhhbXBsZSBvZj")).verify(key.verifier()))
        .isFalse();
  }

  @ParameterizedTest
  @EnumSource(value = JwtAlgorithm.class, names = {"RS256", "ES256", "EDDSA"})
  void pemRoundTrip(JwtAlgorithm algorithm) throws Exception {
    KeyPair pair = generatePair(algorithm);
    String pem = pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded());
    JwtKey signing = JwtKey.fromPem("k", pem);
    JwtKey verifying = JwtKey.fromPem("k", pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    assertThat(signing.algorithm()).isEqualTo(algorithm);
    assertThat(signing.canIssue()).isTrue();
    assertThat(verifying.canIssue()).isFalse();

    String token = JwtIssuer.builder(signing).build().issue(JwtClaims.builder().subject("s").build(), NOW);
    assertThat(JwtVerifier.builder(JwtKeySet.verifyOnly(java.util.List.of(verifying))).build().verify(token, NOW)
        .isValid()).isTrue();
  }

  @Test
  void rsaPrivatePemAloneIsEnough() throws Exception {
    KeyPair pair = generatePair(JwtAlgorithm.RS256);
    JwtKey key = JwtKey.fromPem("rsa", pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    assertThat(key.canIssue()).isTrue();
    assertThat(key.toPublicJwk()).contains("\"n\"");
  }

  @Test
  void ecPrivatePemAloneAsksForThePublicBlock() throws Exception {
    KeyPair pair = generatePair(JwtAlgorithm.ES256);
    assertThatThrownBy(() -> JwtKey.fromPem("ec", pem("PRIVATE KEY", pair.getPrivate().getEncoded())))
        .hasMessageContaining("'ec'").hasMessageContaining("PUBLIC KEY");
  }

  @Test
  void legacyPemFormatsExplainTheConversion() {
    assertThatThrownBy(() -> JwtKey.fromPem("old", pem("RSA PRIVATE KEY", new byte[] {1, 2, 3})))
        .hasMessageContaining("openssl pkcs8");
    assertThatThrownBy(() -> JwtKey.fromPem("none", "not pem at all")).hasMessageContaining("No PEM block");
  }

  @Test
  void mismatchedPairIsRefused() throws Exception {
    KeyPair a = generatePair(JwtAlgorithm.ES256);
    KeyPair b = generatePair(JwtAlgorithm.ES256);
    assertThatThrownBy(() -> JwtKey.of("mixed", new KeyPair(a.getPublic(), b.getPrivate())))
        .hasMessageContaining("'mixed'").hasMessageContaining("does not match");
    KeyPair rsa = generatePair(JwtAlgorithm.RS256);
    assertThatThrownBy(() -> JwtKey.of("mixed", new KeyPair(a.getPublic(), rsa.getPrivate())))
        .hasMessageContaining("does not belong");
  }

  @ParameterizedTest
  @EnumSource(JwtAlgorithm.class)
  void jwkRoundTrip(JwtAlgorithm algorithm) {
    JwtKey key = JwtKey.generate(algorithm, "kid-" + algorithm.ordinal());
    JwtKey back = JwtKey.fromJwk(key.toPrivateJwk());
    assertThat(back.id()).isEqualTo(key.id());
    assertThat(back.algorithm()).isEqualTo(algorithm);
    assertThat(back.canIssue()).isTrue();
    String token = JwtIssuer.builder(back).build().issue(JwtClaims.builder().subject("x").build(), NOW);
    assertThat(JwtVerifier.builder(JwtKeySet.of(key)).build().verify(token, NOW).isValid()).isTrue();
    if (!algorithm.isSymmetric()) {
      JwtKey pub = JwtKey.fromJwk(key.toPublicJwk());
      assertThat(pub.canIssue()).isFalse();
      assertThat(JwtVerifier.builder(JwtKeySet.verifyOnly(java.util.List.of(pub))).build().verify(token, NOW)
          .isValid()).isTrue();
    }
  }

  @Test
  void jwkWithoutKidGetsItsThumbprint() {
    JwtKey key = JwtKey.fromJwk(RFC8037_JWK);
    // RFC 8037 appendix A.3: the thumbprint of that key.
    assertThat(key.id()).isEqualTo("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
  }

  @Test
  void jwkAlgMustFitTheKeyType() {
    JwtKey rsa = JwtKey.generate(JwtAlgorithm.RS256, "r");
    String lying = rsa.toPublicJwk().replace("\"RS256\"", "\"ES256\"");
    assertThatThrownBy(() -> JwtKey.fromJwk(lying)).hasMessageContaining("ES256");
  }

  @Test
  void weakMaterialIsRefused() throws Exception {
    assertThatThrownBy(() -> JwtKey.hs256("short", new byte[31])).hasMessageContaining("'short'")
        .hasMessageContaining("32");
    assertThatThrownBy(() -> JwtKey.encryption("aes", new byte[16])).hasMessageContaining("exactly 32");
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(1024);
    assertThatThrownBy(() -> JwtKey.of("small", rsa.generateKeyPair())).hasMessageContaining("1024 bits");
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp384r1"));
    assertThatThrownBy(() -> JwtKey.of("p384", ec.generateKeyPair())).hasMessageContaining("P-256");
    assertThatThrownBy(() -> JwtKey.hs256("", new byte[32])).hasMessageContaining("must not be empty");
  }

  @Test
  void secretsAreNeverPublishedOrPrinted() {
    byte[] secret = "a very secret secret of 32 bytes".getBytes(StandardCharsets.US_ASCII);
    JwtKey hs = JwtKey.hs256("hs", secret);
    assertThatThrownBy(hs::toPublicJwk).isInstanceOf(IllegalStateException.class).hasMessageContaining("never");
    String b64 = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    assertThat(hs.toString()).doesNotContain(b64).contains("hs", "HS256");
    assertThat(hs.toPrivateJwk()).contains(b64);
  }

  @Test
  void secretIsCopiedOnTheWayIn() {
    byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    JwtKey key = JwtKey.hs256("hs", secret);
    String token = JwtIssuer.builder(key).build().issue(JwtClaims.builder().build(), NOW);
    java.util.Arrays.fill(secret, (byte) 0);
    assertThat(JwtVerifier.builder(JwtKeySet.of(key)).build().verify(token, NOW).isValid()).isTrue();
  }

  static KeyPair generatePair(JwtAlgorithm algorithm) throws Exception {
    return switch (algorithm) {
      case RS256 -> {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        yield g.generateKeyPair();
      }
      case ES256 -> {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        yield g.generateKeyPair();
      }
      case EDDSA -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      default -> throw new IllegalArgumentException(algorithm.toString());
    };
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
