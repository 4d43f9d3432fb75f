package dev.satchel.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns environment variables (and files they name) into a {@link KeyRing}, applying the production rules. */
final class EnvironmentKeys {

  static final String KEY = "SATCHEL_SECRET_KEY";
  static final String FALLBACKS = "SATCHEL_SECRET_KEY_FALLBACKS";
  static final String FILE = "SATCHEL_SECRET_KEY_FILE";
  static final String ENV = "SATCHEL_ENV";
  static final String HOME = "SATCHEL_HOME";

  private static final Logger LOG = LoggerFactory.getLogger(KeyRing.class);

  private EnvironmentKeys() {}

  /** One key's text and where it came from (for messages; never the text itself). */
  private record Source(String label, String text) {}

  static KeyRing load(Map<String, String> env, Path homeDirectory) {
    boolean development = "development".equalsIgnoreCase(value(env, ENV).orElse(""));
    String mode = development ? "development mode (SATCHEL_ENV=development)"
        : "production mode (SATCHEL_ENV is " + value(env, ENV).map(v -> "'" + v + "'").orElse("unset")
            + "; only 'development' relaxes the rules)";
    Optional<String> key = value(env, KEY);
    Optional<String> fallbacks = value(env, FALLBACKS);
    Optional<String> file = value(env, FILE);

    if (key.isPresent() && file.isPresent()) {
      throw new SecretKeyException("Both " + KEY + " and " + FILE + " are set; set only one so it is clear which"
          + " key signs. To rotate with a file, put the new key on its first line and the old ones below it.");
    }
    if (file.isPresent() && fallbacks.isPresent()) {
      throw new SecretKeyException(FALLBACKS + " is set together with " + FILE + "; put the fallback keys in the"
          + " file instead, one a line, after the current key.");
    }
    if (fallbacks.isPresent() && key.isEmpty()) {
      throw new MissingSecretKeyException(FALLBACKS + " is set but " + KEY + " is not: the fallbacks only verify"
          + " old cookies, a current key must sign new ones. " + SecretKeyException.HOW_TO_MAKE_A_KEY);
    }

    List<Source> sources = new ArrayList<>();
    if (key.isPresent()) {
      sources.add(new Source(KEY, key.get()));
      if (fallbacks.isPresent()) {
        String[] parts = fallbacks.get().split(",");
        for (int i = 0; i < parts.length; i++) {
          if (!parts[i].isBlank()) {
            sources.add(new Source(FALLBACKS + " entry " + (i + 1), parts[i]));
          }
        }
      }
    } else if (file.isPresent()) {
      sources.addAll(readKeyFile(Path.of(file.get())));
      if (sources.isEmpty()) {
        throw new MissingSecretKeyException("The key file " + file.get() + " named by " + FILE + " holds no key"
            + " (blank lines and lines starting with # are ignored). " + SecretKeyException.HOW_TO_MAKE_A_KEY);
      }
    }

    if (sources.isEmpty()) {
      if (!development) {
        throw new MissingSecretKeyException("No secret key is configured: " + KEY + " and " + FILE + " are both"
            + " unset and Satchel runs in " + mode + ". " + SecretKeyException.HOW_TO_MAKE_A_KEY);
      }
      Path dir = value(env, HOME).map(Path::of).orElse(homeDirectory.resolve(".satchel"));
      return DevelopmentKey.loadOrCreate(dir);
    }

    List<byte[]> keys = new ArrayList<>(sources.size());
    for (Source source : sources) {
      byte[] bytes;
      try {
        bytes = KeyText.parse(source.text());
      } catch (IllegalArgumentException e) {
        throw new SecretKeyException("The secret key in " + source.label() + " cannot be read: " + e.getMessage()
            + ". Accepted forms: base64:<standard base64>, base64url:<url-safe base64>, hex:<hex>, or raw text. "
            + SecretKeyException.HOW_TO_MAKE_A_KEY);
      }
      Optional<String> weakness = KeyStrength.weakness(source.text(), bytes);
      if (weakness.isPresent()) {
        if (!development) {
          throw new WeakSecretKeyException("The secret key in " + source.label() + " is too weak: "
              + weakness.get() + ". Satchel runs in " + mode + " and needs at least " + KeyStrength.MIN_BYTES
              + " bytes of entropy in every key, fallbacks included (a weak fallback forges cookies as well as a"
              + " weak current key). " + SecretKeyException.HOW_TO_MAKE_A_KEY);
        }
        LOG.warn("The secret key in {} is weak ({}); accepted only because SATCHEL_ENV=development.",
            source.label(), weakness.get());
      }
      keys.add(bytes);
    }
    return KeyRing.of(keys);
  }

  private static List<Source> readKeyFile(Path path) {
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SecretKeyException("Cannot read the key file " + path + " named by " + FILE + ": "
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())
          + ". Check the path and that this process may read it.", e);
    }
    List<Source> sources = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        sources.add(new Source(FILE + " (" + path + ", line " + (i + 1) + ")", line));
      }
    }
    return sources;
  }

  /** A variable's value; blank counts as unset (an empty {@code KEY=} line in a .env file is a common slip). */
  private static Optional<String> value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }
}
