package dev.satchel.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Jazzer targets for the verifier. {@code mvn test} runs them in regression mode (the empty input plus inputs under
 * src/test/resources/dev/satchel/jwt/JwtFuzzTestInputs/); to fuzz for real:
 * {@code JAZZER_FUZZ=1 mvn -pl satchel-jwt -am test -Dtest='JwtFuzzTest#signedGarbage' -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class JwtFuzzTest {

  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  static final byte[] SECRET = "fuzzing secret of thirty-two b!!".getBytes(StandardCharsets.US_ASCII);
  static final JwtKeySet KEYS = JwtKeySet.of(JwtKey.hs256("hs", SECRET), JwtKey.generate(JwtAlgorithm.ES256, "ec"),
      JwtKey.encryption("enc", SECRET));
  static final JwtVerifier VERIFIER = JwtVerifier.builder(KEYS).clockSkew(Duration.ofSeconds(30)).build();

  /** Any string at all: a result, never an exception, and never valid. */
  @FuzzTest(maxDuration = "30s")
  void anyToken(FuzzedDataProvider data) {
    String token = data.consumeRemainingAsString();
    JwtResult result = VERIFIER.verify(token, NOW);
    checkRejectionIsExplained(result);
    assertThat(result.isValid()).as(token).isFalse();
  }

  /**
   * Arbitrary header and payload JSON, correctly MACed with the HS256 key: the fuzzer gets past the signature and
   * into header and claim handling. Whatever verifies must satisfy every rule.
   */
  @FuzzTest(maxDuration = "30s")
  void signedGarbage(FuzzedDataProvider data) throws Exception {
    String header = data.consumeString(200);
    String payload = data.consumeRemainingAsString();
    JwtResult result = VERIFIER.verify(Forge.hs256(header, payload, SECRET), NOW);
    checkRejectionIsExplained(result);
    if (result instanceof JwtResult.Valid valid) {
      JwtClaims claims = valid.claims();
      assertThat(claims.expiresAt()).isPresent();
      assertThat(NOW.isBefore(claims.expiresAt().get().plusSeconds(30))).isTrue();
      claims.notBefore().ifPresent(nbf -> assertThat(nbf.isAfter(NOW.plusSeconds(30))).isFalse());
      assertThat(claims.audience()).isEqualTo(List.of());
      assertThat(valid.keyId()).isEqualTo("hs");
    }
  }

  private static void checkRejectionIsExplained(JwtResult result) {
    if (result instanceof JwtResult.Rejected rejected) {
      // The catch-all exists for safety; reaching it means a parser path nobody thought about.
      assertThat(rejected.detail()).doesNotStartWith("unreadable token").doesNotContainPattern("[\\x00-\\x1f\\x7f]");
    }
  }
}
