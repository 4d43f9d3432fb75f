package dev.satchel.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tokens from the RFC and from nimbus's own JWT API verify here; tokens made here verify with nimbus's verifiers. */
class JwtInteropTest {

  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  @Test
  void rfc7515AppendixA1() {
    // RFC 7515 A.1: HS256, header and payload with CRLFs, no kid.
    JwtKey key = JwtKey.fromJwk("{\"kty\":\"oct\",\"k\":\"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3"
        + "Yj0iPS4hcgUuTwjAzZr1Z9CAow\"}");
    String token = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
        + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
        + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    JwtVerifier verifier = JwtVerifier.builder(JwtKeySet.of(key)).requireIssuer("joe").build();

    JwtResult result = verifier.verify(token, Instant.parse("2011-03-22T18:00:00Z"));
    JwtClaims claims = result.validClaims().orElseThrow();
    assertThat(claims.expiresAt()).contains(Instant.ofEpochSecond(1300819380));
    assertThat(claims.get("http://example.com/is_root")).isEqualTo(true);
    assertThat(((JwtResult.Rejected) verifier.verify(token, Instant.parse("2011-03-22T18:44:00Z"))).reason())
        .isEqualTo(JwtResult.Reason.EXPIRED);
  }

  @Test
  void nimbusVerifiesOurTokens() throws Exception {
    JwtKey rsa = JwtKey.generate(JwtAlgorithm.RS256, "rsa");
    JwtKey hs = JwtKey.generate(JwtAlgorithm.HS256, "hs");
    JwtClaims claims = JwtClaims.builder().subject("alice").audience("a", "b").build();

    SignedJWT fromRsa = SignedJWT.parse(JwtIssuer.builder(rsa).build().issue(claims, NOW));
    assertThat(fromRsa.verify(new RSASSAVerifier(RSAKey.parse(rsa.toPublicJwk())))).isTrue();
    assertThat(fromRsa.getJWTClaimsSet().getSubject()).isEqualTo("alice");
    assertThat(fromRsa.getJWTClaimsSet().getAudience()).containsExactly("a", "b");
    assertThat(fromRsa.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(900));

    SignedJWT fromHs = SignedJWT.parse(JwtIssuer.builder(hs).build().issue(claims, NOW));
    assertThat(fromHs.verify(new MACVerifier(OctetSequenceKey.parse(hs.toPrivateJwk())))).isTrue();
  }

  @Test
  void weVerifyNimbusTokens() throws Exception {
    JwtKey ec = JwtKey.generate(JwtAlgorithm.ES256, "ec");
    JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("bob").issuer("idp").audience(List.of("api"))
        .expirationTime(Date.from(NOW.plusSeconds(300))).claim("scope", "read write").build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec").type(JOSEObjectType.JWT)
        .build(), claims);
    jwt.sign(new ECDSASigner(ECKey.parse(ec.toPrivateJwk())));

    JwtResult result = JwtVerifier.builder(JwtKeySet.of(ec)).requireIssuer("idp").requireAudience("api").build()
        .verify(jwt.serialize(), NOW);
    assertThat(result.validClaims().orElseThrow().get("scope")).isEqualTo("read write");
    assertThat(result.validClaims().orElseThrow().subject()).contains("bob");
  }
}
