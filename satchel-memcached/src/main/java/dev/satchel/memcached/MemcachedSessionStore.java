package dev.satchel.memcached;

import com.spotify.folsom.BinaryMemcacheClient;
import com.spotify.folsom.ExponentialBackoff;
import com.spotify.folsom.GetResult;
import com.spotify.folsom.MemcacheClientBuilder;
import com.spotify.folsom.MemcacheStatus;
import dev.satchel.internal.SettingChecks;
import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionInfo;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.SessionStore;
import dev.satchel.store.SessionStoreException;
import dev.satchel.store.SessionStoreUnavailableException;
import dev.satchel.store.StoredSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SessionStore} on one or more Memcached servers, through the Folsom client (binary protocol, ketama
 * consistent hashing over the servers).
 *
 * <pre>{@code
 * SessionStore store = MemcachedSessionStore.builder("cache1:11211,cache2:11211").keyPrefix("shop:").build();
 * }</pre>
 *
 * <p>Each session is one item (metadata and attributes as JSON) whose TTL follows {@code expiresAt}; every write is
 * read-with-CAS, apply, write-with-CAS, retried when another request wrote in between, so deltas never lose each
 * other and an UPDATE never recreates a deleted item. Each principal has one index item (its storage keys), also
 * written with CAS, so "your sessions" and "log out everywhere" work. Memcached cannot enumerate keys, so
 * {@link #list} and {@link #count} throw {@link UnsupportedOperationException}, and {@link #sweep} returns 0
 * (Memcached drops expired items itself). See {@code docs/stores.md}.
 */
public final class MemcachedSessionStore implements SessionStore {

  private static final Logger LOG = LoggerFactory.getLogger(MemcachedSessionStore.class);
  /** CAS rounds one call may lose to other writers of the same item before it reports a hot spot. */
  private static final int MAX_CAS_ROUNDS = 10_000;
  /** Index records are pruned when written only once they list this many sessions (a read prunes always). */
  private static final int PRUNE_ON_WRITE_ABOVE = 32;
  /** Far enough for any session (year ~5138) and far from overflowing the index arithmetic. */
  private static final long MAX_EPOCH_SECOND = 100_000_000_000L;

  private final BinaryMemcacheClient<byte[]> client;
  private final String servers;
  private final String prefix;
  private final long timeoutMillis;
  private final int maxItemBytes;
  private final long graceMillis;
  private final Clock wallClock;

  private MemcachedSessionStore(Builder b) {
    this.servers = b.servers.stream().map(Object::toString).collect(Collectors.joining(","));
    this.prefix = b.keyPrefix;
    this.timeoutMillis = b.operationTimeout.toMillis();
    this.maxItemBytes = b.maxItemBytes;
    // An index entry younger than this may belong to a CREATE whose session item is still on its way.
    this.graceMillis = Math.max(1_000, 2 * timeoutMillis);
    this.wallClock = b.wallClock;
    MemcacheClientBuilder<byte[]> cb = MemcacheClientBuilder.newByteArrayClient()
        .withRequestTimeoutMillis(timeoutMillis)
        .withConnectionTimeoutMillis(b.connectTimeout.toMillis())
        // Reconnect quickly and keep trying at least every second, so a returning server is used again at once.
        .withBackoff(new ExponentialBackoff(10, 1_000, 2.0))
        // A CAS write retried behind our back could apply twice; the store's own loops decide what to retry.
        .withRetry(false)
        .withMaxSetLength(Integer.MAX_VALUE)
        // No failover between servers: a down server's sessions fail fast instead of being looked up elsewhere.
        .withNodeLocator(FixedRing::locator);
    for (ServerList.Server s : b.servers) {
      cb.withAddress(s.host(), s.port());
    }
    this.client = cb.connectBinary();
    try {
      // Give the first connection a moment so the first requests after startup do not fail; a server that is
      // down only delays startup by connectTimeout, and calls then fail fast until it appears.
      client.awaitFullyConnected(b.connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.warn("Memcached ({}) not fully reachable within {} ms at startup; calls fail fast until it is", servers,
          b.connectTimeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts configuring a store for {@code host:port[,host:port...]}; items are spread by consistent hashing. */
  public static Builder builder(String servers) {
    return new Builder(servers);
  }

  @Override
  public Optional<StoredSession> load(String storageKey, Instant now) {
    requireKey(storageKey);
    Objects.requireNonNull(now, "now");
    byte[] item = await(client.get(sessionKey(storageKey)), "load");
    if (item == null) {
      return Optional.empty();
    }
    SessionRecord record = decodeOrWarn(item, storageKey);
    if (record == null || record.metadata().isExpired(now)) {
      return Optional.empty();
    }
    return Optional.of(record.toStoredSession());
  }

  @Override
  public SaveResult save(String storageKey, SessionChanges changes, Instant now) {
    requireKey(storageKey);
    Objects.requireNonNull(changes, "changes");
    Objects.requireNonNull(now, "now");
    SessionMetadata md = changes.metadata();
    if (changes.kind() == SessionChanges.Kind.CREATE) {
      SessionRecord record = SessionRecord.created(changes);
      if (md.principal() != null) {
        // Index first: an entry whose session never arrives is pruned later; a session missing from its
        // principal's index would survive "log out everywhere".
        record = record.withIndexedUntil(index(md.principal(), storageKey, md.expiresAt(), now));
      }
      byte[] bytes = checkedSize(record.encode(), storageKey);
      MemcacheStatus status = await(client.set(sessionKey(storageKey), bytes, ttlSeconds(md.expiresAt(), now)),
          "save");
      requireOk(status, "save", storageKey, bytes.length);
      return SaveResult.SAVED;
    }
    CasResult result = casLoop(storageKey, now, "save", current -> current.apply(changes));
    return result == CasResult.UPDATED ? SaveResult.SAVED : SaveResult.NOT_FOUND;
  }

  @Override
  public CasResult compareAndSet(String storageKey, String attribute, String expectedJson, String newJson,
      SessionMetadata metadata, Instant now) {
    requireKey(storageKey);
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(now, "now");
    // Only a change of *this* attribute is a conflict; a CAS miss caused by any other write is retried inside.
    return casLoop(storageKey, now, "compareAndSet", current ->
        Objects.equals(current.attributes().get(attribute), expectedJson)
            ? current.withAttribute(attribute, newJson, metadata)
            : null);
  }

  /**
   * Read with CAS, apply {@code step} (null: the expected value is not there, CONFLICT), write with CAS; repeat while
   * another writer of the item got in between. A missing or expired session is NOT_FOUND and nothing is written.
   */
  private CasResult casLoop(String storageKey, Instant now, String op, Function<SessionRecord, SessionRecord> step) {
    String key = sessionKey(storageKey);
    for (int round = 0; round < MAX_CAS_ROUNDS; round++) {
      GetResult<byte[]> read = await(client.casGet(key), op);
      if (read == null) {
        return CasResult.NOT_FOUND;
      }
      SessionRecord current = decodeOrWarn(read.getValue(), storageKey);
      if (current == null || current.metadata().isExpired(now)) {
        return CasResult.NOT_FOUND;
      }
      SessionRecord next = step.apply(current);
      if (next == null) {
        return CasResult.CONFLICT;
      }
      String oldPrincipal = current.metadata().principal();
      String newPrincipal = next.metadata().principal();
      Instant expiresAt = next.metadata().expiresAt();
      if (newPrincipal != null
          && (!newPrincipal.equals(oldPrincipal) || expiresAt.getEpochSecond() >= current.indexedUntil())) {
        next = next.withIndexedUntil(index(newPrincipal, storageKey, expiresAt, now));
      } else if (newPrincipal == null) {
        next = next.withIndexedUntil(0);
      }
      byte[] bytes = checkedSize(next.encode(), storageKey);
      MemcacheStatus status = await(client.set(key, bytes, ttlSeconds(expiresAt, now), read.getCas()), op);
      if (status == MemcacheStatus.OK) {
        if (oldPrincipal != null && !oldPrincipal.equals(newPrincipal)) {
          unindexQuietly(oldPrincipal, List.of(storageKey), op);
        }
        return CasResult.UPDATED;
      }
      if (status == MemcacheStatus.KEY_NOT_FOUND) {
        return CasResult.NOT_FOUND; // deleted between our read and write: never recreate it
      }
      if (status != MemcacheStatus.KEY_EXISTS) {
        requireOk(status, op, storageKey, bytes.length);
      }
      Thread.onSpinWait();
    }
    throw hotSpot(op, storageKey);
  }

  @Override
  public boolean delete(String storageKey) {
    requireKey(storageKey);
    String key = sessionKey(storageKey);
    byte[] item = await(client.get(key), "delete");
    if (item == null) {
      return false;
    }
    MemcacheStatus status = await(client.delete(key), "delete");
    SessionRecord record = SessionRecord.decode(item);
    if (record != null && record.metadata().principal() != null) {
      unindexQuietly(record.metadata().principal(), List.of(storageKey), "delete");
    }
    return status == MemcacheStatus.OK;
  }

  @Override
  public List<SessionInfo> findByPrincipal(String principal, Instant now) {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(now, "now");
    byte[] item = await(client.get(principalKey(principal)), "findByPrincipal");
    if (item == null) {
      return List.of();
    }
    PrincipalRecord index = PrincipalRecord.decode(item);
    List<String> keys = new ArrayList<>(index.keys());
    List<SessionInfo> found = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    List<SessionRecord> records = readSessions(keys, "findByPrincipal");
    long nowMillis = wallClock.millis();
    for (int i = 0; i < keys.size(); i++) {
      SessionRecord r = records.get(i);
      if (r != null && principal.equals(r.metadata().principal())) {
        if (!r.metadata().isExpired(now)) {
          found.add(new SessionInfo(keys.get(i), r.metadata()));
        }
      } else if (nowMillis - index.addedAt(keys.get(i)) > graceMillis) {
        stale.add(keys.get(i));
      }
    }
    if (!stale.isEmpty()) {
      // Lazy repair: entries of sessions that expired, were evicted, or moved to another principal.
      unindexQuietly(principal, stale, "findByPrincipal");
    }
    found.sort(Comparator.comparing((SessionInfo s) -> s.metadata().lastAccessedAt()).reversed());
    return found;
  }

  @Override
  public int deleteByPrincipal(String principal, Instant now) {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(now, "now");
    byte[] item = await(client.get(principalKey(principal)), "deleteByPrincipal");
    if (item == null) {
      return 0;
    }
    List<String> keys = new ArrayList<>(PrincipalRecord.decode(item).keys());
    int live = 0;
    for (String storageKey : keys) {
      if (deleteIfOwnedBy(storageKey, principal, now)) {
        live++;
      }
    }
    unindex(principal, keys, "deleteByPrincipal");
    return live;
  }

  /** Deletes the session if it still belongs to {@code principal}; true when it was live. */
  private boolean deleteIfOwnedBy(String storageKey, String principal, Instant now) {
    String key = sessionKey(storageKey);
    for (int round = 0; round < MAX_CAS_ROUNDS; round++) {
      GetResult<byte[]> read = await(client.casGet(key), "deleteByPrincipal");
      if (read == null) {
        return false;
      }
      SessionRecord r = SessionRecord.decode(read.getValue());
      if (r == null || !principal.equals(r.metadata().principal())) {
        return false;
      }
      // With the CAS read, so a session that switched to another user in between is not logged out by mistake.
      MemcacheStatus status = await(client.delete(key, read.getCas()), "deleteByPrincipal");
      if (status == MemcacheStatus.OK) {
        return !r.metadata().isExpired(now);
      }
      if (status == MemcacheStatus.KEY_NOT_FOUND) {
        return false;
      }
      Thread.onSpinWait();
    }
    throw hotSpot("deleteByPrincipal", storageKey);
  }

  /** Not supported: Memcached cannot enumerate its keys. */
  @Override
  public List<SessionInfo> list(String afterStorageKey, int limit, Instant now) {
    throw new UnsupportedOperationException("MemcachedSessionStore cannot list sessions: Memcached has no way to "
        + "enumerate its keys. Use findByPrincipal for one user's sessions, or a Redis or JDBC store for admin "
        + "listings");
  }

  /** Not supported: Memcached cannot enumerate its keys. */
  @Override
  public long count(Instant now) {
    throw new UnsupportedOperationException("MemcachedSessionStore cannot count sessions: Memcached has no way to "
        + "enumerate its keys (its 'curr_items' statistic counts index items and expired, unreclaimed ones too). "
        + "Use a Redis or JDBC store if you need an exact count");
  }

  /** Returns 0: every item carries a TTL from {@code expiresAt}, and Memcached drops expired items by itself. */
  @Override
  public int sweep(Instant now, int maxSessions) {
    if (maxSessions < 1) {
      throw new IllegalArgumentException("maxSessions must be at least 1, was " + maxSessions);
    }
    return 0;
  }

  @Override
  public void close() {
    client.shutdown();
  }

  @Override
  public String toString() {
    return "MemcachedSessionStore[" + servers + ", prefix '" + prefix + "']";
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Principal index

  /**
   * Makes sure the principal's index lists this session and lives at least until well after {@code expiresAt};
   * returns the epoch second the index is now known to live to. The margin (the session's remaining lifetime
   * again, plus a minute) means a busy session rewrites its index entry about once per idle timeout, not per request.
   */
  private long index(String principal, String storageKey, Instant expiresAt, Instant now) {
    long expires = Math.min(expiresAt.getEpochSecond(), MAX_EPOCH_SECOND);
    long remaining = Math.max(0, expires - now.getEpochSecond());
    long target = Math.min(MAX_EPOCH_SECOND, expires + remaining + 60);
    String key = principalKey(principal);
    for (int round = 0; round < MAX_CAS_ROUNDS; round++) {
      GetResult<byte[]> read = await(client.casGet(key), "index");
      PrincipalRecord index = read == null ? PrincipalRecord.empty() : PrincipalRecord.decode(read.getValue());
      if (index.size() > PRUNE_ON_WRITE_ABOVE) {
        index.removeAll(staleEntries(index, principal, storageKey));
      }
      index.put(storageKey, wallClock.millis(), target);
      byte[] bytes = index.encode();
      checkIndexSize(bytes, principal);
      int ttl = ttlSeconds(Instant.ofEpochSecond(index.until()), now);
      MemcacheStatus status = read == null
          ? await(client.add(key, bytes, ttl), "index")
          : await(client.set(key, bytes, ttl, read.getCas()), "index");
      if (status == MemcacheStatus.OK) {
        return index.until();
      }
      if (status != MemcacheStatus.KEY_EXISTS && status != MemcacheStatus.KEY_NOT_FOUND
          && status != MemcacheStatus.ITEM_NOT_STORED) {
        requireOk(status, "index", principal, bytes.length);
      }
      Thread.onSpinWait();
    }
    throw hotSpot("index", principal);
  }

  /** Entries (other than {@code keep}) whose session is gone or belongs to someone else, past the grace period. */
  private List<String> staleEntries(PrincipalRecord index, String principal, String keep) {
    List<String> keys = new ArrayList<>(index.keys());
    keys.remove(keep);
    List<SessionRecord> records = readSessions(keys, "index");
    long nowMillis = wallClock.millis();
    List<String> stale = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      SessionRecord r = records.get(i);
      boolean owned = r != null && principal.equals(r.metadata().principal());
      if (!owned && nowMillis - index.addedAt(keys.get(i)) > graceMillis) {
        stale.add(keys.get(i));
      }
    }
    return stale;
  }

  /** Removes entries from a principal's index (deleting the item once it is empty). */
  private void unindex(String principal, List<String> storageKeys, String op) {
    String key = principalKey(principal);
    for (int round = 0; round < MAX_CAS_ROUNDS; round++) {
      GetResult<byte[]> read = await(client.casGet(key), op);
      if (read == null) {
        return;
      }
      PrincipalRecord index = PrincipalRecord.decode(read.getValue());
      if (!index.removeAll(storageKeys)) {
        return;
      }
      MemcacheStatus status = index.isEmpty()
          ? await(client.delete(key, read.getCas()), op)
          : await(client.set(key, index.encode(), ttlSeconds(Instant.ofEpochSecond(index.until()),
              Instant.ofEpochMilli(wallClock.millis())), read.getCas()), op);
      if (status == MemcacheStatus.OK || status == MemcacheStatus.KEY_NOT_FOUND) {
        return;
      }
      Thread.onSpinWait();
    }
    throw hotSpot(op, principal);
  }

  /** Index cleanup after the real work is done: a leftover entry is harmless (reads verify and prune it). */
  private void unindexQuietly(String principal, List<String> storageKeys, String op) {
    try {
      unindex(principal, storageKeys, op);
    } catch (SessionStoreException e) {
      LOG.warn("Could not remove {} entr{} from a principal index after {} ({}); it will be pruned on a later read",
          storageKeys.size(), storageKeys.size() == 1 ? "y" : "ies", op, e.getMessage());
    }
  }

  /** The session records under these storage keys in one multi-get (null where absent or not ours). */
  private List<SessionRecord> readSessions(List<String> storageKeys, String op) {
    if (storageKeys.isEmpty()) {
      return List.of();
    }
    List<String> keys = storageKeys.stream().map(this::sessionKey).collect(Collectors.toList());
    List<byte[]> items = await(client.get(keys), op);
    List<SessionRecord> out = new ArrayList<>(items.size());
    for (byte[] item : items) {
      out.add(SessionRecord.decode(item));
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Keys, TTL, limits, errors

  private String sessionKey(String storageKey) {
    return prefix + "s:" + storageKey;
  }

  private String principalKey(String principal) {
    // Principals are any text (spaces, emoji, 200 characters): hashed so the key is short, safe and fixed-size.
    return prefix + "p:" + sha256(principal);
  }

  /**
   * Memcached's TTL in seconds for an item that must live until {@code expiresAt}, judged by the caller's clock:
   * rounded up, at least 1 (0 would mean "never expire"). Memcached reads a TTL above 30 days as an absolute Unix
   * time; Folsom ({@code Utils.ttlToExpiration}) converts such TTLs to one, so passing the relative value is right
   * for any length (tested with a 40-day session).
   */
  static int ttlSeconds(Instant expiresAt, Instant now) {
    Duration left = Duration.between(now, expiresAt);
    if (left.isNegative() || left.isZero()) {
      return 1;
    }
    long seconds = left.getSeconds() + (left.getNano() > 0 ? 1 : 0);
    return (int) Math.min(seconds, Integer.MAX_VALUE);
  }

  private byte[] checkedSize(byte[] bytes, String storageKey) {
    if (bytes.length > maxItemBytes) {
      throw tooLarge(storageKey, bytes.length);
    }
    return bytes;
  }

  private void checkIndexSize(byte[] bytes, String principal) {
    if (bytes.length > maxItemBytes) {
      throw new SessionStoreException("The Memcached index of one principal would hold " + bytes.length
          + " bytes, over the item limit of " + maxItemBytes + " bytes: that principal has too many live sessions");
    }
  }

  private SessionStoreException tooLarge(String storageKey, int bytes) {
    return new SessionStoreException("Session " + shortKey(storageKey) + " is " + bytes + " bytes as JSON, over "
        + "Memcached's item limit (maxItemBytes " + maxItemBytes + "; memcached's default is 1 MiB, raised with its "
        + "-I option): keep large data out of the session, or raise both limits");
  }

  private void requireOk(MemcacheStatus status, String op, String what, int bytes) {
    if (status == MemcacheStatus.OK) {
      return;
    }
    if (status == MemcacheStatus.VALUE_TOO_LARGE) {
      throw tooLarge(what, bytes);
    }
    if (status == MemcacheStatus.OUT_OF_MEMORY || status == MemcacheStatus.BUSY
        || status == MemcacheStatus.TEMPORARY_FAILURE) {
      throw new SessionStoreUnavailableException("Memcached (" + servers + ") refused " + op
          + " with " + status + "; retry later");
    }
    throw new SessionStoreException("Memcached (" + servers + ") answered " + status + " to " + op);
  }

  private SessionStoreException hotSpot(String op, String what) {
    return new SessionStoreException(op + " lost " + MAX_CAS_ROUNDS + " CAS rounds in a row on " + shortKey(what)
        + ": too many parallel requests write this item");
  }

  private SessionRecord decodeOrWarn(byte[] item, String storageKey) {
    SessionRecord record = SessionRecord.decode(item);
    if (record == null) {
      LOG.warn("Memcached item {} is not a session record (foreign data under the store's prefix '{}'); treated as "
          + "absent", shortKey(storageKey), prefix);
    }
    return record;
  }

  private <T> T await(CompletionStage<T> stage, String op) {
    return Await.result(stage, op, servers, timeoutMillis);
  }

  private static String shortKey(String key) {
    return key.length() > 8 ? key.substring(0, 8) + "…" : key;
  }

  private static void requireKey(String storageKey) {
    Objects.requireNonNull(storageKey, "storageKey");
    if (storageKey.isEmpty() || storageKey.length() > 128) {
      throw new IllegalArgumentException("storageKey must be 1-128 characters, was " + storageKey.length());
    }
    for (int i = 0; i < storageKey.length(); i++) {
      char c = storageKey.charAt(i);
      if (c <= ' ' || c >= 127) {
        throw new IllegalArgumentException("storageKey must be printable ASCII without spaces (a SessionId "
            + "storage key), found character " + (int) c + " at index " + i);
      }
    }
  }

  /** Configures a {@link MemcachedSessionStore}; every setter validates and names the offending input. */
  public static final class Builder {

    private final List<ServerList.Server> servers;
    private String keyPrefix = "satchel:";
    private Duration operationTimeout = Duration.ofMillis(500);
    private Duration connectTimeout = Duration.ofSeconds(1);
    private int maxItemBytes = 1024 * 1024 - 1024;
    private Clock wallClock = Clock.systemUTC();

    private Builder(String servers) {
      this.servers = ServerList.parse(servers);
    }

    /** Prefix of every item key (default {@code satchel:}): printable ASCII without spaces, at most 100 characters. */
    public Builder keyPrefix(String keyPrefix) {
      Objects.requireNonNull(keyPrefix, "keyPrefix");
      if (keyPrefix.length() > 100 || keyPrefix.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
        throw new IllegalArgumentException("keyPrefix must be at most 100 printable ASCII characters without "
            + "spaces, was '" + keyPrefix + "'");
      }
      this.keyPrefix = keyPrefix;
      return this;
    }

    /** How long one round trip may take before the call fails with SessionStoreUnavailableException (default 500 ms). */
    public Builder operationTimeout(Duration timeout) {
      this.operationTimeout = SettingChecks.atLeast("operationTimeout", timeout, Duration.ofMillis(1));
      return this;
    }

    /** How long a TCP connect may take (default 1 s); only paid while a server is unreachable. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = SettingChecks.atLeast("connectTimeout", timeout, Duration.ofMillis(1));
      return this;
    }

    /**
     * The largest item (one session as JSON) the store writes, default 1 MiB minus 1 KiB for Memcached's item
     * header. Raise it together with memcached's {@code -I} option.
     */
    public Builder maxItemBytes(int maxItemBytes) {
      this.maxItemBytes = SettingChecks.atLeast("maxItemBytes", maxItemBytes, 1024);
      return this;
    }

    /** The wall clock used only to age index entries for pruning (tests); expiry always uses the caller's now. */
    Builder wallClock(Clock clock) {
      this.wallClock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Creates the store, waiting up to {@code connectTimeout} for the first connections; servers that are down do
     * not stop startup (calls fail fast until they appear).
     */
    public MemcachedSessionStore build() {
      return new MemcachedSessionStore(this);
    }
  }

  /** base64url SHA-256 of the text's UTF-8 bytes. */
  static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
