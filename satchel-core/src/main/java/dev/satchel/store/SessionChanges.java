package dev.satchel.store;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one request changed in a session: the delta a store applies atomically.
 *
 * @param kind whether the session is new or must already exist
 * @param replaceAll true when every attribute not in {@code upserts} must go (after {@code clear()}, or for a
 *     session that was regenerated under a new id)
 * @param upserts attributes written by this request: name to JSON text
 * @param removals attributes removed by this request
 * @param metadata the session's metadata after this request (expiry refreshed)
 */
public record SessionChanges(Kind kind, boolean replaceAll, Map<String, String> upserts, Set<String> removals,
    SessionMetadata metadata) {

  /** Whether a save creates a session or updates one that must still exist. */
  public enum Kind {
    /** A new session under a fresh key. */
    CREATE,
    /** An existing session; a store writes nothing if it is gone. */
    UPDATE
  }

  public SessionChanges {
    Objects.requireNonNull(kind, "kind");
    upserts = Map.copyOf(Objects.requireNonNull(upserts, "upserts"));
    removals = Set.copyOf(Objects.requireNonNull(removals, "removals"));
    Objects.requireNonNull(metadata, "metadata");
    for (String name : removals) {
      if (upserts.containsKey(name)) {
        throw new IllegalArgumentException("Attribute '" + name + "' is both written and removed");
      }
    }
  }

  /** True when only the expiry moves (no attribute written or removed): stores refresh the TTL without rewriting data. */
  public boolean isTouchOnly() {
    return kind == Kind.UPDATE && !replaceAll && upserts.isEmpty() && removals.isEmpty();
  }

  /** A new session holding exactly these attributes. */
  public static SessionChanges create(Map<String, String> attributes, SessionMetadata metadata) {
    return new SessionChanges(Kind.CREATE, true, attributes, Set.of(), metadata);
  }

  /** A delta for an existing session. */
  public static SessionChanges update(Map<String, String> upserts, Set<String> removals, SessionMetadata metadata) {
    return new SessionChanges(Kind.UPDATE, false, upserts, removals, metadata);
  }

  /** Only the expiry of an existing session moves. */
  public static SessionChanges touch(SessionMetadata metadata) {
    return new SessionChanges(Kind.UPDATE, false, Map.of(), Set.of(), metadata);
  }
}
