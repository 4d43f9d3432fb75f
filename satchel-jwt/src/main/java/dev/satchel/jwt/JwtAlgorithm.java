package dev.satchel.jwt;

/**
 * The token algorithms Satchel issues and accepts. Every {@link JwtKey} is pinned to exactly one of them, so a token
 * can never pick how it is checked (no {@code alg=none}, no HMAC with an RSA public key as the secret).
 */
public enum JwtAlgorithm {
  /** HMAC-SHA-256 with a shared secret of at least 32 bytes: one service, or services that share a secret. */
  HS256("HS256", null, true),
  /** RSASSA-PKCS1-v1_5 with SHA-256 and an RSA key of at least 2048 bits: the most widely supported public-key JWS. */
  RS256("RS256", null, false),
  /** ECDSA on P-256 with SHA-256: small keys and signatures. */
  ES256("ES256", null, false),
  /** EdDSA on Ed25519 (JDK implementation): small, fast, deterministic signatures. */
  EDDSA("EdDSA", null, false),
  /** Encrypted token (JWE) with a shared 256-bit key: {@code alg=dir}, {@code enc=A256GCM}. Claims stay confidential. */
  DIR_A256GCM("dir", "A256GCM", true);

  private final String joseName;
  private final String encryption;
  private final boolean symmetric;

  JwtAlgorithm(String joseName, String encryption, boolean symmetric) {
    this.joseName = joseName;
    this.encryption = encryption;
    this.symmetric = symmetric;
  }

  /** The {@code alg} header value (for JWE: {@code dir}). */
  public String joseName() {
    return joseName;
  }

  /** The {@code enc} header value for encrypted tokens; null for signed ones. */
  public String encryption() {
    return encryption;
  }

  /** True for a shared-secret algorithm: such keys are never published in a JWKS. */
  public boolean isSymmetric() {
    return symmetric;
  }

  /** True when tokens are encrypted (JWE) rather than signed (JWS). */
  public boolean isEncryption() {
    return encryption != null;
  }

  /** The signing algorithm with this {@code alg} name; null when Satchel does not support it. */
  static JwtAlgorithm forJwsName(String alg) {
    for (JwtAlgorithm a : values()) {
      if (!a.isEncryption() && a.joseName.equals(alg)) {
        return a;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return encryption == null ? joseName : joseName + "+" + encryption;
  }
}
