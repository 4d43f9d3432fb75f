package dev.satchel.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.satchel.jwt.JwtResult.Reason;
import dev.satchel.jwt.session.JwtSessionCodec;
import dev.satchel.session.DecodeResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** ASVS 5.0 V9.2.2: the {@code typ} header keeps tokens of different kinds from being taken for one another. */
class JwtTypeTest {

  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  static final JwtKey HS = JwtKey.hs256("hs-1", SECRET);
  static final JwtKeySet KEYS = JwtKeySet.of(HS);
  static final JwtClaims ALICE = JwtClaims.builder().subject("alice").build();

  static Reason reason(JwtResult r) {
    return r instanceof JwtResult.Rejected rej ? rej.reason() : null;
  }

  static String detail(JwtResult r) {
    return ((JwtResult.Rejected) r).detail();
  }

  static String header(String token) {
    return Forge.json(Forge.part(token, 0));
  }

  static String forged(String headerJson) throws Exception {
    return Forge.hs256(headerJson, "{\"sub\":\"alice\",\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + "}",
        SECRET);
  }

  @ParameterizedTest
  @EnumSource(value = JwtAlgorithm.class, names = {"HS256", "RS256", "DIR_A256GCM"})
  void issuedTokensAreTypedJwtAndADefaultVerifierAcceptsThem(JwtAlgorithm algorithm) {
    JwtKey key = JwtKey.generate(algorithm, "k");
    String token = JwtIssuer.builder(key).build().issue(ALICE, NOW);
    assertThat(header(token)).contains("\"typ\":\"JWT\"");
    assertThat(JwtVerifier.builder(JwtKeySet.of(key)).build().verify(token, NOW).isValid()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(value = JwtAlgorithm.class, names = {"HS256", "ES256", "DIR_A256GCM"})
  void aTokenOfAnotherTypeIsRefusedWithAClearReason(JwtAlgorithm algorithm) {
    JwtKey key = JwtKey.generate(algorithm, "k");
    String accessToken = JwtIssuer.builder(key).type("at+jwt").build().issue(ALICE, NOW);

    JwtResult r = JwtVerifier.builder(JwtKeySet.of(key)).build().verify(accessToken, NOW);
    assertThat(reason(r)).isEqualTo(Reason.WRONG_TYPE);
    assertThat(detail(r)).isEqualTo("typ at+jwt is not accepted here; expected [jwt] (a token of another kind, "
        + "made for another purpose)");

    JwtVerifier accessTokens = JwtVerifier.builder(JwtKeySet.of(key)).requireType("at+jwt").build();
    assertThat(accessTokens.verify(accessToken, NOW).isValid()).isTrue();
    String plain = JwtIssuer.builder(key).build().issue(ALICE, NOW);
    assertThat(reason(accessTokens.verify(plain, NOW))).as("a plain JWT where an access token is required")
        .isEqualTo(Reason.WRONG_TYPE);
  }

  @Test
  void typesCompareAsMediaTypes() throws Exception {
    JwtVerifier jwt = JwtVerifier.builder(KEYS).build();
    for (String typ : new String[] {"JWT", "jwt", "application/jwt", "Application/JWT"}) {
      assertThat(jwt.verify(forged("{\"alg\":\"HS256\",\"kid\":\"hs-1\",\"typ\":\"" + typ + "\"}"), NOW).isValid())
          .as(typ).isTrue();
    }
    JwtVerifier at = JwtVerifier.builder(KEYS).requireType("application/AT+JWT").build();
    assertThat(at.verify(forged("{\"alg\":\"HS256\",\"kid\":\"hs-1\",\"typ\":\"at+jwt\"}"), NOW).isValid()).isTrue();
    assertThat(reason(jwt.verify(forged("{\"alg\":\"HS256\",\"kid\":\"hs-1\",\"typ\":\"JOSE\"}"), NOW)))
        .isEqualTo(Reason.WRONG_TYPE);
  }

  @Test
  void aMissingTypIsAcceptedByDefaultButNotWhereATypeIsRequired() throws Exception {
    String untyped = forged("{\"alg\":\"HS256\",\"kid\":\"hs-1\"}");
    assertThat(JwtVerifier.builder(KEYS).build().verify(untyped, NOW).isValid())
        .as("RFC 7519 makes typ optional; many issuers leave it out").isTrue();
    JwtResult r = JwtVerifier.builder(KEYS).requireType("JWT").build().verify(untyped, NOW);
    assertThat(reason(r)).isEqualTo(Reason.WRONG_TYPE);
    assertThat(detail(r)).isEqualTo("token has no typ header; expected [jwt]");
  }

  @Test
  void theTypeIsOnlyJudgedOnceTheTokenIsAuthentic() throws Exception {
    String wrongTypeWrongKey = Forge.hs256("{\"alg\":\"HS256\",\"kid\":\"hs-1\",\"typ\":\"at+jwt\"}",
        "{\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + "}", "another secret, 32 bytes long!!!".getBytes(
            StandardCharsets.US_ASCII));
    assertThat(reason(JwtVerifier.builder(KEYS).build().verify(wrongTypeWrongKey, NOW)))
        .isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void sessionCookiesAndOtherTokensOfTheSameKeysAreNeverConfused() {
    JwtSessionCodec sessions = JwtSessionCodec.builder(KEYS).build();
    String cookie = sessions.encode(Map.of("user", "alice"), NOW);
    assertThat(header(cookie)).contains("\"typ\":\"" + JwtSessionCodec.TOKEN_TYPE + "\"");
    assertThat(sessions.decode(cookie, NOW)).isInstanceOf(DecodeResult.Decoded.class);

    JwtResult asBearer = JwtVerifier.builder(KEYS).build().verify(cookie, NOW);
    assertThat(reason(asBearer)).as("a session cookie presented as a bearer token").isEqualTo(Reason.WRONG_TYPE);
    assertThat(detail(asBearer)).contains("satchel-session+jwt");

    String token = JwtIssuer.builder(KEYS).build()
        .issue(JwtClaims.builder().claim("sess", Map.of("user", "admin")).build(), NOW);
    DecodeResult asCookie = sessions.decode(token, NOW);
    assertThat(asCookie).as("an API token with a 'sess' claim presented as a session cookie")
        .isInstanceOf(DecodeResult.Rejected.class);
    assertThat(((DecodeResult.Rejected) asCookie).reason()).isEqualTo(DecodeResult.Reason.BAD_PAYLOAD);
    assertThat(((DecodeResult.Rejected) asCookie).detail()).startsWith("WRONG_TYPE: typ JWT is not accepted");
  }

  @Test
  void aTypeMustLookLikeAMediaType() {
    assertThatThrownBy(() -> JwtIssuer.builder(HS).type("")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("media type");
    assertThatThrownBy(() -> JwtIssuer.builder(HS).type("at jwt")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JwtVerifier.builder(KEYS).requireType()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JwtVerifier.builder(KEYS).requireType("a\nb"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(JwtIssuer.builder(HS).type("at+jwt").build().type()).isEqualTo("at+jwt");
  }
}
