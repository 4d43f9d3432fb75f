package dev.satchel.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random single-character edits of valid tokens: none may verify, none may throw. */
class JwtMutationTest {

  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ %\"{}";

  @Test
  void editedTokensNeverVerifyAndNeverThrow() {
    Random random = new Random(20261123L);
    for (JwtAlgorithm algorithm : EnumSet.allOf(JwtAlgorithm.class)) {
      JwtKey key = JwtKey.generate(algorithm, "m-" + algorithm.ordinal());
      JwtVerifier verifier = JwtVerifier.builder(JwtKeySet.of(key)).build();
      String token = JwtIssuer.builder(key).build().issue(JwtClaims.builder().subject("alice").claim("n", 1).build(),
          NOW);
      assertThat(verifier.verify(token, NOW).isValid()).isTrue();
      for (int i = 0; i < 300; i++) {
        StringBuilder edited = new StringBuilder(token);
        int at = random.nextInt(token.length());
        switch (random.nextInt(3)) {
          case 0 -> edited.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
          case 1 -> edited.deleteCharAt(at);
          default -> edited.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        String candidate = edited.toString();
        if (candidate.equals(token)) {
          continue;
        }
        JwtResult result = verifier.verify(candidate, NOW);
        assertThat(result.isValid()).as(candidate).isFalse();
      }
    }
  }
}
