package dev.satchel.store;

import java.util.Objects;

/**
 * One stored session as admin tools and "your sessions" pages see it: no attributes, no token.
 *
 * @param storageKey the SHA-256 of the session's token (what {@link SessionStore#delete} takes)
 * @param metadata timestamps, expiry, principal and device
 */
public record SessionInfo(String storageKey, SessionMetadata metadata) {

  public SessionInfo {
    Objects.requireNonNull(storageKey, "storageKey");
    Objects.requireNonNull(metadata, "metadata");
  }
}
