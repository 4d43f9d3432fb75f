package dev.satchel.keys;

/** A configured secret key is too short or too predictable to protect sessions. */
public final class WeakSecretKeyException extends SecretKeyException {

  /** A weak-key failure described by {@code message}. */
  public WeakSecretKeyException(String message) {
    super(message);
  }
}
