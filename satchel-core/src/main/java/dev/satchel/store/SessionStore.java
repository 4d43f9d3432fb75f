package dev.satchel.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where server-side sessions live: the SPI behind the memory, JDBC, Redis and Memcached stores.
 *
 * <p>Every method takes the session's <em>storage key</em> ({@link SessionId#storageKey()}, the SHA-256 of the
 * cookie token): a store never sees a token, so what it holds at rest cannot be replayed as a cookie. Attribute
 * values cross this SPI as JSON text; stores never interpret them.
 *
 * <p>The guarantees every implementation gives (checked by {@code dev.satchel.testkit.SessionStoreContract}):
 * <ul>
 *   <li>an expired session ({@code now >= expiresAt}) is never returned, listed or counted;</li>
 *   <li>{@link #save} applies one request's attribute delta atomically, and deltas on different attributes from
 *       parallel requests never lose each other;</li>
 *   <li>an {@link SessionChanges.Kind#UPDATE} never resurrects a session that was deleted or has expired: a request
 *       still running when the user logged out everywhere cannot log them back in;</li>
 *   <li>{@link #compareAndSet} is atomic per attribute, so {@code Session.compute} keeps every increment;</li>
 *   <li>failures to reach the backing service surface as {@link SessionStoreUnavailableException} within the
 *       store's configured timeout, never as a hang.</li>
 * </ul>
 * Implementations are thread-safe.
 */
public interface SessionStore extends AutoCloseable {

  /** The session under this key, or empty when absent or expired. At most one round trip. */
  Optional<StoredSession> load(String storageKey, Instant now);

  /**
   * Applies one request's changes. A {@code CREATE} writes a new session; an {@code UPDATE} applies the delta only
   * if the session still exists and has not expired, and otherwise does nothing and returns {@code NOT_FOUND}.
   */
  SaveResult save(String storageKey, SessionChanges changes, Instant now);

  /**
   * Atomically replaces one attribute if it still holds {@code expectedJson} ({@code null}: absent), and refreshes
   * the session's metadata (expiry) in the same step. {@code newJson} {@code null} removes the attribute.
   * The comparison is exact text on this one attribute (writes to other attributes never cause a conflict); the
   * stored metadata becomes {@code metadata}, principal index included. A conflict writes nothing.
   */
  CasResult compareAndSet(String storageKey, String attribute, String expectedJson, String newJson,
      SessionMetadata metadata, Instant now);

  /** Deletes one session; true when it existed. */
  boolean delete(String storageKey);

  /** The live sessions of one principal (user), most recently used first. */
  List<SessionInfo> findByPrincipal(String principal, Instant now);

  /**
   * Deletes every session of one principal ("log out everywhere"); returns how many were deleted: every live one,
   * and possibly expired ones that were not swept yet.
   */
  int deleteByPrincipal(String principal, Instant now);

  /**
   * A page of live sessions in storage-key order, starting after {@code afterStorageKey} (null: from the start).
   * The order is {@link String#compareTo} (binary, case-sensitive); a page shorter than {@code limit} means the end.
   */
  List<SessionInfo> list(String afterStorageKey, int limit, Instant now);

  /** How many live sessions the store holds. */
  long count(Instant now);

  /**
   * Removes up to {@code maxSessions} expired sessions (and their index entries) and returns how many it removed;
   * call again while it returns {@code maxSessions}. Stores whose backend expires entries by itself may return 0.
   */
  int sweep(Instant now, int maxSessions);

  /** Releases connections and threads. */
  @Override
  default void close() {}

  /** What {@link #save} did. */
  enum SaveResult {
    /** The changes were written. */
    SAVED,
    /** An UPDATE found no live session (expired, revoked or logged out elsewhere): nothing was written. */
    NOT_FOUND
  }

  /** What {@link #compareAndSet} did. */
  enum CasResult {
    /** The attribute held the expected value and now holds the new one. */
    UPDATED,
    /** Another request changed the attribute first: read it again and retry. */
    CONFLICT,
    /** No live session under that key. */
    NOT_FOUND
  }
}
