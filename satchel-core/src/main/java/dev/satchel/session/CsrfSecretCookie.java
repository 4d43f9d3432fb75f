package dev.satchel.session;

import dev.satchel.keys.KeyRing;
import dev.satchel.sign.TimestampSigner;
import dev.satchel.sign.Verification;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The session cookie of a server-side session that holds nothing but its CSRF secret: a visitor who opened a form
 * and has not logged in or been given anything yet. Such a session is not stored (bots and passers-by must not
 * grow the store); the secret travels in the cookie instead, as {@code SECRET.CREATED.TIMESTAMP.SIGNATURE}, signed
 * with the key ring derived for {@value #PURPOSE} so the server only accepts secrets it issued.
 *
 * <p>The value contains dots, so it can never be mistaken for a session id (43 base64url characters). Once the
 * session holds real data it is stored and the cookie becomes an id again; the secret moves into the store with it
 * (or is rotated away, on login). Expiry follows the session rules: the idle timeout from the last re-issue (re-issued
 * at most every {@code refreshAfter}, so it slides) and the absolute timeout from the first issue.
 */
final class CsrfSecretCookie {

  /** The HKDF purpose of the signing key: nothing else is ever signed with it. */
  static final String PURPOSE = "satchel.csrf";

  private final TimestampSigner signer;
  private final SessionManager.Timeouts timeouts;

  CsrfSecretCookie(KeyRing keys, SessionManager.Timeouts timeouts) {
    this.timeouts = timeouts;
    // Anonymous sessions are never permanent: the plain idle timeout is their maximum age.
    Duration maxAge = timeouts.idle().getSeconds() < 1 ? Duration.ofSeconds(1) : timeouts.idle();
    this.signer = TimestampSigner.builder(keys.derive(PURPOSE)).maxAge(maxAge).build();
  }

  /** What a valid cookie carried. */
  record Value(String secret, Instant createdAt, Instant issuedAt, boolean signedWithFallbackKey) {}

  /** The cookie value for {@code secret}, first issued at {@code createdAt}, signed now. */
  String encode(String secret, Instant createdAt, Instant now) {
    return signer.sign(secret + "." + createdAt.getEpochSecond(), now);
  }

  /** The secret of a cookie this server signed and that has not expired; empty for anything else, never throws. */
  Optional<Value> decode(String cookieValue, Instant now) {
    if (!(signer.verify(cookieValue, now) instanceof Verification.Valid valid)) {
      return Optional.empty();
    }
    String payload = valid.payload();
    int dot = payload.indexOf('.');
    if (dot < 0 || !Session.isCsrfSecret(payload.substring(0, dot))) {
      return Optional.empty();
    }
    Instant createdAt;
    try {
      createdAt = Instant.ofEpochSecond(Long.parseLong(payload.substring(dot + 1)));
    } catch (NumberFormatException | java.time.DateTimeException e) {
      return Optional.empty();
    }
    if (createdAt.isAfter(valid.timestamp())
        || (timeouts.absolute() != null && !now.isBefore(createdAt.plus(timeouts.absolute())))) {
      return Optional.empty();
    }
    return Optional.of(new Value(payload.substring(0, dot), createdAt, valid.timestamp(),
        valid.signedWithFallbackKey()));
  }

  /** True when a still-valid cookie should be signed again: its idle timeout slides, or a fallback key signed it. */
  boolean refreshDue(Value value, Instant now) {
    return value.signedWithFallbackKey()
        || Duration.between(value.issuedAt(), now).compareTo(timeouts.refreshAfter()) >= 0;
  }
}
