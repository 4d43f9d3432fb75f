package dev.satchel.keys;

/** No secret key is configured and the application runs in production mode. */
public final class MissingSecretKeyException extends SecretKeyException {

  /** A missing-key failure described by {@code message}. */
  public MissingSecretKeyException(String message) {
    super(message);
  }
}
