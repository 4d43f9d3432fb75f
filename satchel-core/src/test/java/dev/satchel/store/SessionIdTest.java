package dev.satchel.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionIdTest {

  @Test
  void generatedTokensAre256BitBase64UrlAndUnique() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      SessionId id = SessionId.generate();
      assertThat(id.token()).hasSize(43).matches("[A-Za-z0-9_-]+");
      assertThat(seen.add(id.token())).isTrue();
    }
  }

  @Test
  void storageKeyIsTheSha256OfTheTokenNeverTheToken() {
    SessionId id = SessionId.generate();
    assertThat(id.storageKey()).hasSize(43).isNotEqualTo(id.token()).isEqualTo(SessionId.hash(id.token()));
    // SHA-256("abc") in base64url, a published vector.
    assertThat(SessionId.hash("abc")).isEqualTo("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
  }

  @Test
  void parseAcceptsOnlyTheGeneratedShape() {
    SessionId id = SessionId.generate();
    assertThat(SessionId.parse(id.token())).contains(id);
    assertThat(SessionId.parse(null)).isEmpty();
    assertThat(SessionId.parse("")).isEmpty();
    assertThat(SessionId.parse(id.token() + "A")).isEmpty();
    assertThat(SessionId.parse(id.token().substring(1) + "=")).isEmpty();
    assertThat(SessionId.parse(id.token().substring(1) + ".")).isEmpty();
  }

  @Test
  void toStringNeverRevealsTheToken() {
    SessionId id = SessionId.generate();
    assertThat(id.toString()).doesNotContain(id.token());
  }
}
