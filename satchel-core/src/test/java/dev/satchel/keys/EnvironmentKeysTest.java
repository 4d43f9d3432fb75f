package dev.satchel.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentKeysTest {

  private static final String STRONG_1 = KeyText.format(KeyText.generate());
  private static final String STRONG_2 = KeyText.format(KeyText.generate());
  private static final String STRONG_3 = KeyText.format(KeyText.generate());

  @TempDir Path home;

  private KeyRing load(String... kv) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      env.put(kv[i], kv[i + 1]);
    }
    return KeyRing.fromEnvironment(env, home);
  }

  @Test
  void keyAndCommaSeparatedFallbacksNewestFirst() {
    KeyRing ring = load("SATCHEL_SECRET_KEY", STRONG_1, "SATCHEL_SECRET_KEY_FALLBACKS", " " + STRONG_2 + " ,," + STRONG_3);
    assertThat(ring.all()).containsExactly(KeyText.parse(STRONG_1), KeyText.parse(STRONG_2), KeyText.parse(STRONG_3));
  }

  @Test
  void keyFileOneKeyALineSkippingBlanksAndComments() throws Exception {
    Path file = home.resolve("keys.txt");
    Files.writeString(file, "# rotated 2026-11-23\n" + STRONG_1 + "\r\n\n" + STRONG_2 + "\n", StandardCharsets.UTF_8);
    KeyRing ring = load("SATCHEL_SECRET_KEY_FILE", file.toString());
    assertThat(ring.all()).containsExactly(KeyText.parse(STRONG_1), KeyText.parse(STRONG_2));
  }

  @Test
  void productionWithoutKeyFailsSayingHowToMakeOne() {
    assertThatThrownBy(() -> load())
        .isInstanceOf(MissingSecretKeyException.class)
        .hasMessageContaining("No secret key is configured")
        .hasMessageContaining("production mode (SATCHEL_ENV is unset")
        .hasMessageContaining("satchel keygen")
        .hasMessageContaining("openssl rand -base64 32")
        .hasMessageContaining("SATCHEL_SECRET_KEY=base64:");
    assertThat(home.resolve(".satchel")).doesNotExist();
  }

  @Test
  void anyEnvOtherThanDevelopmentIsProduction() {
    assertThatThrownBy(() -> load("SATCHEL_ENV", "staging"))
        .isInstanceOf(MissingSecretKeyException.class)
        .hasMessageContaining("SATCHEL_ENV is 'staging'");
  }

  @Test
  void blankKeyCountsAsMissing() {
    assertThatThrownBy(() -> load("SATCHEL_SECRET_KEY", "  ")).isInstanceOf(MissingSecretKeyException.class);
  }

  @Test
  void productionRejectsAWeakKeyNamingTheVariableAndTheFix() {
    assertThatThrownBy(() -> load("SATCHEL_SECRET_KEY", "tiny-Qz9"))
        .isInstanceOf(WeakSecretKeyException.class)
        .hasMessageStartingWith("The secret key in SATCHEL_SECRET_KEY is too weak: it is 8 bytes long")
        .hasMessageContaining("satchel keygen")
        .hasMessageContaining("openssl rand -base64 32")
        .message().doesNotContain("Qz9");
  }

  @Test
  void productionRejectsAWeakFallbackToo() {
    assertThatThrownBy(() -> load("SATCHEL_SECRET_KEY", STRONG_1, "SATCHEL_SECRET_KEY_FALLBACKS",
        STRONG_2 + ",changeme-changeme-changeme-changeme-changeme"))
        .isInstanceOf(WeakSecretKeyException.class)
        .hasMessageContaining("SATCHEL_SECRET_KEY_FALLBACKS entry 2")
        .hasMessageContaining("'changeme'");
  }

  @Test
  void weakLineInKeyFileIsNamedByPathAndLine() throws Exception {
    Path file = home.resolve("keys.txt");
    Files.writeString(file, STRONG_1 + "\nsecret\n");
    assertThatThrownBy(() -> load("SATCHEL_SECRET_KEY_FILE", file.toString()))
        .isInstanceOf(WeakSecretKeyException.class)
        .hasMessageContaining("(" + file + ", line 2)");
  }

  @Test
  void undecodableKeyExplainsTheAcceptedForms() {
    assertThatThrownBy(() -> load("SATCHEL_SECRET_KEY", "hex:nothex"))
        .isInstanceOf(SecretKeyException.class)
        .hasMessageContaining("SATCHEL_SECRET_KEY cannot be read")
        .hasMessageContaining("base64:<standard base64>, base64url:<url-safe base64>, hex:<hex>, or raw text")
        .message().doesNotContain("nothex");
  }

  @Test
  void ambiguousConfigurationsAreRefused() throws Exception {
    Path file = home.resolve("keys.txt");
    Files.writeString(file, STRONG_1);
    assertThatThrownBy(() -> load("SATCHEL_SECRET_KEY", STRONG_1, "SATCHEL_SECRET_KEY_FILE", file.toString()))
        .isInstanceOf(SecretKeyException.class).hasMessageContaining("set only one");
    assertThatThrownBy(() -> load("SATCHEL_SECRET_KEY_FILE", file.toString(), "SATCHEL_SECRET_KEY_FALLBACKS", STRONG_2))
        .isInstanceOf(SecretKeyException.class).hasMessageContaining("put the fallback keys in the file");
    assertThatThrownBy(() -> load("SATCHEL_SECRET_KEY_FALLBACKS", STRONG_2))
        .isInstanceOf(MissingSecretKeyException.class).hasMessageContaining("SATCHEL_SECRET_KEY is not");
  }

  @Test
  void unreadableOrEmptyKeyFile() throws Exception {
    assertThatThrownBy(() -> load("SATCHEL_SECRET_KEY_FILE", home.resolve("nope").toString()))
        .isInstanceOf(SecretKeyException.class).hasMessageContaining("Cannot read the key file");
    Path empty = home.resolve("empty.txt");
    Files.writeString(empty, "# nothing yet\n\n");
    assertThatThrownBy(() -> load("SATCHEL_SECRET_KEY_FILE", empty.toString()))
        .isInstanceOf(MissingSecretKeyException.class).hasMessageContaining("holds no key");
  }

  @Test
  void developmentModeToleratesAWeakConfiguredKey() {
    KeyRing ring = load("SATCHEL_ENV", "development", "SATCHEL_SECRET_KEY", "dev");
    assertThat(ring.current()).isEqualTo("dev".getBytes(StandardCharsets.UTF_8));
    assertThat(home.resolve(".satchel")).doesNotExist();
  }

  @Test
  void developmentModeWithoutKeyGeneratesOneUnderTheHomeDirectoryAndKeepsIt() {
    KeyRing first = load("SATCHEL_ENV", "development");
    Path file = home.resolve(".satchel").resolve("dev-secret-key");
    assertThat(file).exists();
    assertThat(first.current()).hasSize(32);
    assertThat(load("SATCHEL_ENV", "development").current()).isEqualTo(first.current());
  }

  @Test
  void satchelHomeOverridesTheDevelopmentKeyDirectory() {
    Path custom = home.resolve("custom");
    load("SATCHEL_ENV", "Development", "SATCHEL_HOME", custom.toString());
    assertThat(custom.resolve("dev-secret-key")).exists();
    assertThat(home.resolve(".satchel")).doesNotExist();
  }
}
