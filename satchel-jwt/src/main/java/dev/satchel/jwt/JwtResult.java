package dev.satchel.jwt;

import java.util.Objects;
import java.util.Optional;

/** What verifying a token gave: its claims, or the reason it was refused. */
public sealed interface JwtResult {

  /** Why a token was refused. Only {@link #UNAVAILABLE} is the server's fault (answer 503); the rest mean 401. */
  enum Reason {
    /** No token at all (empty value, no {@code Authorization: Bearer} header). */
    MISSING,
    /** Not a compact JWS/JWE, bad base64, header or payload not JSON, a registered claim of the wrong type, too long. */
    MALFORMED,
    /** The header's algorithm is not the one the key is pinned to, or is {@code none}, or is not allowed at all. */
    ALGORITHM_NOT_ALLOWED,
    /** No key with the token's {@code kid} (or no {@code kid} and several keys). */
    UNKNOWN_KEY,
    /** The signature (or the JWE authentication tag) does not verify: tampered, or made with another key. */
    BAD_SIGNATURE,
    /**
     * The {@code typ} header names another kind of token (an access token, a Satchel session, a logout token...),
     * or is absent where the verifier requires one: tokens of different types are never confused.
     */
    WRONG_TYPE,
    /** A required claim is absent: {@code exp} always, {@code jti} when a denylist is configured. */
    MISSING_CLAIM,
    /** {@code exp} has passed (beyond the clock skew). */
    EXPIRED,
    /** {@code nbf} or {@code iat} lies in the future (beyond the clock skew). */
    NOT_YET_VALID,
    /** {@code iss} is absent or not an accepted issuer. */
    WRONG_ISSUER,
    /** {@code aud} does not name this service (or names an audience a verifier without one does not accept). */
    WRONG_AUDIENCE,
    /** The token's {@code jti} is on the denylist (the user logged out). */
    REVOKED,
    /** Keys or the denylist could not be reached; the token was not judged (fail closed). */
    UNAVAILABLE
  }

  /** True for {@link Valid}. */
  default boolean isValid() {
    return this instanceof Valid;
  }

  /** The claims of a valid token; empty when rejected. */
  default Optional<JwtClaims> validClaims() {
    return this instanceof Valid v ? Optional.of(v.claims()) : Optional.empty();
  }

  /** A verified token: its claims and the id of the key that verified it. */
  record Valid(JwtClaims claims, String keyId) implements JwtResult {
    public Valid {
      Objects.requireNonNull(claims, "claims");
      Objects.requireNonNull(keyId, "keyId");
    }
  }

  /** A refused token, with a short detail for debug logs that never echoes secrets or the token. */
  record Rejected(Reason reason, String detail) implements JwtResult {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
