package dev.satchel.jwt.bearer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.jwt.JwtAlgorithm;
import dev.satchel.jwt.JwtClaims;
import dev.satchel.jwt.JwtIssuer;
import dev.satchel.jwt.JwtKey;
import dev.satchel.jwt.JwtKeySet;
import dev.satchel.jwt.JwtResult;
import dev.satchel.jwt.JwtResult.Reason;
import dev.satchel.jwt.JwtVerifier;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BearerJwtTest {

  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  static final JwtKey KEY = JwtKey.generate(JwtAlgorithm.ES256, "api-1");
  static final JwtVerifier VERIFIER = JwtVerifier.builder(JwtKeySet.of(KEY)).requireAudience("api").build();
  static final String TOKEN = JwtIssuer.builder(KEY).audience("api").ttl(Duration.ofMinutes(5)).build()
      .issue(JwtClaims.builder().subject("svc-billing").build(), NOW);

  @Test
  void extractsTheToken() {
    assertThat(BearerToken.extract("Bearer " + TOKEN)).contains(TOKEN);
    assertThat(BearerToken.extract("bearer   " + TOKEN + "  ")).contains(TOKEN);
    assertThat(BearerToken.extract("  BEARER " + TOKEN)).contains(TOKEN);
    assertThat(BearerToken.extract("Bearer abc+/~==")).contains("abc+/~==");
  }

  @Test
  void extractsNothingFromOtherValues() {
    assertThat(BearerToken.extract(null)).isEmpty();
    assertThat(BearerToken.extract("")).isEmpty();
    assertThat(BearerToken.extract("Basic dXNlcjpwYXNz")).isEmpty();
    assertThat(BearerToken.extract("Bearer")).isEmpty();
    assertThat(BearerToken.extract("Bearer ")).isEmpty();
    assertThat(BearerToken.extract("Bearertoken")).isEmpty();
    assertThat(BearerToken.extract("Bearer a b")).isEmpty();
    assertThat(BearerToken.extract("Bearer a=b")).isEmpty();
    assertThat(BearerToken.extract("Bearer tok\r\nX-Injected: 1")).isEmpty();
    assertThat(BearerToken.extract("Bearer\t" + TOKEN)).isEmpty();
  }

  @Test
  void verifiesTheHeader() {
    JwtResult ok = BearerToken.verify("Bearer " + TOKEN, VERIFIER, NOW);
    assertThat(ok.validClaims().orElseThrow().subject()).contains("svc-billing");
    assertThat(((JwtResult.Rejected) BearerToken.verify(null, VERIFIER, NOW)).reason()).isEqualTo(Reason.MISSING);
    assertThat(((JwtResult.Rejected) BearerToken.verify("Basic x", VERIFIER, NOW)).reason()).isEqualTo(Reason.MISSING);
    assertThat(((JwtResult.Rejected) BearerToken.verify("Bearer %%%", VERIFIER, NOW)).reason())
        .isEqualTo(Reason.MALFORMED);
    assertThat(((JwtResult.Rejected) BearerToken.verify("Bearer " + TOKEN, VERIFIER, NOW.plus(Duration.ofHours(1))))
        .reason()).isEqualTo(Reason.EXPIRED);
  }

  @Test
  void challengeFollowsRfc6750() {
    assertThat(BearerToken.challenge("orders", new JwtResult.Rejected(Reason.MISSING, "x")))
        .isEqualTo("Bearer realm=\"orders\"");
    assertThat(BearerToken.challenge("orders", new JwtResult.Rejected(Reason.EXPIRED, "expired at ...")))
        .isEqualTo("Bearer realm=\"orders\", error=\"invalid_token\", error_description=\"The access token expired\"");
    assertThat(BearerToken.challenge("a\"b", new JwtResult.Rejected(Reason.BAD_SIGNATURE, "kid 'k'")))
        .isEqualTo("Bearer realm=\"a\\\"b\", error=\"invalid_token\", "
            + "error_description=\"The access token is invalid\"");
  }
}
