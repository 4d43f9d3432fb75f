package dev.satchel.session;

import java.time.Instant;

/**
 * A cookie-session codec whose cookies can be revoked before they expire, such as a JWT codec with a {@code jti}
 * denylist. The session manager revokes the old cookie on {@link Session#invalidate()} (logout) and
 * {@link Session#regenerate()} (login), so a copied cookie stops working at once, as with a server-side store.
 */
public interface RevocableCodec extends SessionCodec {

  /** True when revocation is configured (a codec may implement this interface but run without a denylist). */
  boolean canRevoke();

  /**
   * Makes {@code cookieValue} unusable from {@code now} on.
   *
   * @return true when it was a valid cookie and is now revoked
   * @throws dev.satchel.store.SessionStoreUnavailableException when the denylist's store cannot be reached
   */
  boolean revoke(String cookieValue, Instant now);
}
