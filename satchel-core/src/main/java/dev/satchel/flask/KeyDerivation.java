package dev.satchel.flask;

/** How itsdangerous turns a secret key and a salt into the signing key. */
public enum KeyDerivation {
  /** {@code digest(salt + key)}. */
  CONCAT,
  /** {@code digest(salt + "signer" + key)}: itsdangerous's default, used by Flask-WTF's CSRF tokens. */
  DJANGO_CONCAT,
  /** {@code HMAC-digest(key, salt)}: what Flask's session cookie uses. */
  HMAC,
  /** The secret key itself, salt ignored. */
  NONE
}
