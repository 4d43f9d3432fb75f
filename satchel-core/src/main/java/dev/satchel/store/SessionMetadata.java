package dev.satchel.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What a store keeps about a session besides its attributes.
 *
 * @param createdAt when the session was first saved (the absolute timeout counts from here)
 * @param lastAccessedAt when a request last used it (the idle timeout counts from here)
 * @param expiresAt when it stops being valid: the earlier of the idle and absolute deadlines. Stores use it as TTL.
 * @param principal the logged-in user's id, or null for an anonymous session; indexed for "log out everywhere"
 * @param device a short description of the client (user agent), or null; shown on "your sessions" pages
 */
public record SessionMetadata(Instant createdAt, Instant lastAccessedAt, Instant expiresAt, String principal,
    String device) {

  public SessionMetadata {
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastAccessedAt, "lastAccessedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** True when the session is no longer valid at {@code now}. */
  public boolean isExpired(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** A copy with new access time and expiry. */
  public SessionMetadata touched(Instant lastAccessedAt, Instant expiresAt) {
    return new SessionMetadata(createdAt, lastAccessedAt, expiresAt, principal, device);
  }

  /** A copy with another principal. */
  public SessionMetadata withPrincipal(String principal) {
    return new SessionMetadata(createdAt, lastAccessedAt, expiresAt, principal, device);
  }
}
