package dev.satchel.jwt;

/**
 * A key source could not supply keys right now (JWKS endpoint down, slow or answering garbage). Verifiers turn it into
 * {@link JwtResult.Reason#UNAVAILABLE}: answer 503, not 401, because the token itself may be fine.
 */
public class JwtKeysUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A failure with a message naming the source and what went wrong. */
  public JwtKeysUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
