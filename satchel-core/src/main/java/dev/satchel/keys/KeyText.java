package dev.satchel.keys;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The text form of a secret key, as found in environment variables and key files.
 *
 * <ul>
 *   <li>{@code base64:...} standard base64 (padding optional),</li>
 *   <li>{@code base64url:...} URL-safe base64 (padding optional),</li>
 *   <li>{@code hex:...} hexadecimal, either case,</li>
 *   <li>anything else: the text itself, as UTF-8 bytes (what Flask does with {@code SECRET_KEY}, so the same
 *       secret can serve a Flask app and a Satchel app).</li>
 * </ul>
 * Surrounding whitespace is ignored. A prefix is matched case-sensitively, so a raw secret that happens to start
 * with {@code Base64:} stays raw.
 */
public final class KeyText {

  /** Bytes in a key made by {@link #generate()}: 256 bits. */
  public static final int GENERATED_KEY_BYTES = 32;

  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyText() {}

  /**
   * Decodes one key.
   *
   * @throws IllegalArgumentException if the text is empty or a prefixed form does not decode (the message never
   *     contains the key)
   */
  public static byte[] parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("key text is null");
    }
    String t = text.strip();
    if (t.isEmpty()) {
      throw new IllegalArgumentException("key is empty");
    }
    try {
      byte[] bytes;
      if (t.startsWith("base64:")) {
        bytes = Base64.getDecoder().decode(t.substring(7));
      } else if (t.startsWith("base64url:")) {
        bytes = Base64.getUrlDecoder().decode(t.substring(10));
      } else if (t.startsWith("hex:")) {
        bytes = HexFormat.of().parseHex(t.substring(4));
      } else {
        bytes = t.getBytes(StandardCharsets.UTF_8);
      }
      if (bytes.length == 0) {
        throw new IllegalArgumentException("key is empty after its '" + t.substring(0, t.indexOf(':') + 1)
            + "' prefix");
      }
      return bytes;
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("key is empty")) {
        throw e;
      }
      // Deliberately no e.getMessage(): JDK decoders may quote the offending input, which is secret.
      String prefix = t.substring(0, t.indexOf(':') + 1);
      throw new IllegalArgumentException("key starts with '" + prefix + "' but the rest is not valid "
          + prefix.substring(0, prefix.length() - 1), e);
    }
  }

  /** True when {@code text} uses one of the prefixed binary forms rather than raw UTF-8. */
  public static boolean isEncoded(String text) {
    String t = text.strip();
    return t.startsWith("base64:") || t.startsWith("base64url:") || t.startsWith("hex:");
  }

  /** The canonical text form of a key: {@code base64:} followed by standard base64. */
  public static String format(byte[] key) {
    return "base64:" + Base64.getEncoder().encodeToString(key);
  }

  /** A new random key of {@link #GENERATED_KEY_BYTES} bytes from {@link SecureRandom}. */
  public static byte[] generate() {
    byte[] key = new byte[GENERATED_KEY_BYTES];
    RANDOM.nextBytes(key);
    return key;
  }
}
