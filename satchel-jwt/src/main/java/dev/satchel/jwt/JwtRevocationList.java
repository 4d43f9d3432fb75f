package dev.satchel.jwt;

import java.time.Instant;

/**
 * Answers whether a token id ({@code jti}) was revoked, so a stateless token can be killed before it expires.
 * {@link dev.satchel.jwt.revocation.JtiDenylist} keeps the list in any Satchel session store.
 */
@FunctionalInterface
public interface JwtRevocationList {

  /**
   * True when the token with this id was revoked.
   *
   * @throws RuntimeException when the list cannot be consulted; the verifier then answers
   *     {@link JwtResult.Reason#UNAVAILABLE} (fail closed: a revoked token must not slip through an outage)
   */
  boolean isRevoked(String tokenId, Instant now);
}
