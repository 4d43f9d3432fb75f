package dev.satchel.jwt;

import java.util.Optional;

/**
 * Where a {@link JwtVerifier} finds the key for a token's {@code kid}: a local {@link JwtKeySet}, or a remote JWKS
 * ({@link dev.satchel.jwt.jwks.RemoteJwks}). Implementations are thread-safe.
 */
public interface JwtKeySource {

  /**
   * The verification key with this id, or empty when the source has none.
   *
   * @throws JwtKeysUnavailableException when the keys cannot be obtained right now (remote source down)
   */
  Optional<JwtKey> find(String keyId);

  /**
   * The source's only key, for tokens that carry no {@code kid}; empty when it holds none or several.
   *
   * @throws JwtKeysUnavailableException when the keys cannot be obtained right now
   */
  Optional<JwtKey> soleKey();
}
