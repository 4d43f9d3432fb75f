package dev.satchel.keys;

/**
 * The secret key configuration cannot be used; the message says what is wrong and exactly how to fix it.
 *
 * <p>Thrown at startup (while loading keys), never while handling a request.
 */
public class SecretKeyException extends IllegalStateException {

  /** How to make a good key, appended to every message. */
  static final String HOW_TO_MAKE_A_KEY = "Make a key with `satchel keygen` or `openssl rand -base64 32` and set it as"
      + " SATCHEL_SECRET_KEY=base64:<output> (or put it on the first line of the file named by"
      + " SATCHEL_SECRET_KEY_FILE). For local development only, set SATCHEL_ENV=development to use a generated"
      + " key kept in ~/.satchel/dev-secret-key.";

  /** A key configuration problem described by {@code message}. */
  public SecretKeyException(String message) {
    super(message);
  }

  /** A key configuration problem described by {@code message}, caused by {@code cause}. */
  public SecretKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
