package dev.satchel.flask;

/** The hash itsdangerous uses for key derivation and the HMAC signature ({@code digest_method}). */
public enum HashAlgorithm {
  /** SHA-1: the default of itsdangerous and Flask sessions (safe inside HMAC). */
  SHA1("SHA-1", "HmacSHA1"),
  /** SHA-224. */
  SHA224("SHA-224", "HmacSHA224"),
  /** SHA-256. */
  SHA256("SHA-256", "HmacSHA256"),
  /** SHA-384. */
  SHA384("SHA-384", "HmacSHA384"),
  /** SHA-512. */
  SHA512("SHA-512", "HmacSHA512");

  private final String digestName;
  private final String macName;

  HashAlgorithm(String digestName, String macName) {
    this.digestName = digestName;
    this.macName = macName;
  }

  /** The JDK {@code MessageDigest} name. */
  public String digestName() {
    return digestName;
  }

  /** The JDK {@code Mac} name. */
  public String macName() {
    return macName;
  }
}
