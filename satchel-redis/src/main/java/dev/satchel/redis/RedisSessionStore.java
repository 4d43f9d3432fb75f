package dev.satchel.redis;

import dev.satchel.internal.SettingChecks;
import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionInfo;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.SessionStore;
import dev.satchel.store.StoreSweeper;
import dev.satchel.store.SessionStoreException;
import dev.satchel.store.StoredSession;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SessionStore} on Redis (standalone, Sentinel or Cluster) through Lettuce.
 *
 * <pre>{@code
 * SessionStore store = RedisSessionStore.builder("redis://localhost:6379").keyPrefix("shop:").build();
 * }</pre>
 *
 * <p>A load is one HGETALL; a save or a compare-and-set is one Lua script that writes the session's hash and, in the
 * same atomic step, its index entries (on Cluster, where the indexes live in other hash slots, the index scripts are
 * pipelined beside it: still one round trip). Each session lives in one hash whose key carries a Cluster hash tag,
 * with a relative TTL equal to its remaining lifetime. See {@code docs/stores.md}.
 */
public final class RedisSessionStore implements SessionStore {

  private static final Logger LOG = LoggerFactory.getLogger(RedisSessionStore.class);
  /** Sessions handled per pipelined batch by the admin operations (list, sweep, revoke all). */
  private static final int BATCH = 500;
  /** Index entries one LIST script may examine before handing back a cursor, so it never blocks Redis for long. */
  private static final int LIST_SCAN_BUDGET = 2_000;
  private static final int MAX_NAME_BYTES = 1_024;

  private final RedisConnector connector;
  private final KeyLayout keys;
  private final Calls calls;
  private final int maxValueBytes;
  /**
   * True everywhere but on Cluster: the session scripts update the indexes themselves, so a save is one command and
   * the hash and its index entries change atomically. On Cluster the index scripts are sent beside them.
   */
  private final boolean inlineIndexes;
  /** Bounds one sweep run, so a huge backlog is worked off over several runs instead of one long one. */
  private static final int MAX_SWEEP_BATCHES_PER_RUN = 100;
  private StoreSweeper sweeper;

  private RedisSessionStore(Builder b) {
    this.connector = new RedisConnector(b.uris, b.cluster, b.connectTimeout, Scripts.ALL);
    this.keys = new KeyLayout(b.keyPrefix);
    this.calls = new Calls(connector.where(), b.commandTimeout);
    this.maxValueBytes = b.maxValueBytes;
    this.inlineIndexes = !connector.cluster();
  }

  /**
   * Starts configuring a store for one Redis URI: {@code redis://}, {@code rediss://} (TLS), {@code redis-sentinel://}
   * or, for Redis Cluster, {@code redis-cluster://host1:port1,host2:port2} ({@code rediss-cluster://} with TLS).
   */
  public static Builder builder(String uri) {
    return new Builder(uri);
  }

  @Override
  public Optional<StoredSession> load(String storageKey, Instant now) {
    requireKey(storageKey);
    Objects.requireNonNull(now, "now");
    String key = keys.session(storageKey);
    RedisClusterAsyncCommands<String, String> c = connector.commands();
    long deadline = calls.deadline();
    Map<String, String> hash;
    try {
      hash = calls.await(c.hgetall(key), deadline, "load");
    } catch (SessionStoreException e) {
      if (Calls.isWrongType(e.getCause())) {
        LOG.warn("Redis key {} is not a session hash (foreign data under the store's prefix); treated as absent",
            shortKey(storageKey));
        return Optional.empty();
      }
      throw e;
    }
    if (hash == null || hash.isEmpty()) {
      return Optional.empty();
    }
    StoredSession session = SessionHash.decode(hash);
    if (session == null) {
      LOG.warn("Redis hash {} has missing or damaged session metadata (foreign data under the store's prefix); "
          + "treated as absent", shortKey(storageKey));
      return Optional.empty();
    }
    return session.metadata().isExpired(now) ? Optional.empty() : Optional.of(session);
  }

  @Override
  public SaveResult save(String storageKey, SessionChanges changes, Instant now) {
    requireKey(storageKey);
    Objects.requireNonNull(changes, "changes");
    Objects.requireNonNull(now, "now");
    SessionMetadata md = changes.metadata();
    boolean create = changes.kind() == SessionChanges.Kind.CREATE;
    IndexScores scores = IndexScores.of(md, now, create);
    List<String> args = scriptArgs(storageKey, md, now, scores);
    args.add(create ? "C" : "U");
    args.add(changes.replaceAll() ? "1" : "0");
    args.add(Integer.toString(changes.upserts().size()));
    for (Map.Entry<String, String> e : changes.upserts().entrySet()) {
      checkName(e.getKey());
      checkValue(e.getKey(), e.getValue());
      args.add(SessionHash.field(e.getKey()));
      args.add(e.getValue());
    }
    for (String name : changes.removals()) {
      checkName(name);
      args.add(SessionHash.field(name));
    }
    RedisClusterAsyncCommands<String, String> c = connector.commands();
    long deadline = calls.deadline();
    CompletableFuture<List<Object>> written = calls.script(c, Scripts.SAVE, ScriptOutputType.MULTI,
        scriptKeys(storageKey, md), args.toArray(String[]::new));
    IndexUpdate index = inlineIndexes ? null : sendIndexUpdate(c, storageKey, md, scores, create);
    List<Object> reply = calls.await(written, deadline, "save");
    if (asLong(reply.get(0)) == 0) {
      if (index != null) {
        index.await(deadline);
      }
      return SaveResult.NOT_FOUND;
    }
    afterWrite(c, index, deadline, storageKey, md, create ? null : asString(reply, 1), "save");
    return SaveResult.SAVED;
  }

  @Override
  public CasResult compareAndSet(String storageKey, String attribute, String expectedJson, String newJson,
      SessionMetadata metadata, Instant now) {
    requireKey(storageKey);
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(now, "now");
    checkName(attribute);
    if (newJson != null) {
      checkValue(attribute, newJson);
    }
    IndexScores scores = IndexScores.of(metadata, now, false);
    List<String> args = scriptArgs(storageKey, metadata, now, scores);
    args.add(SessionHash.field(attribute));
    args.add(expectedJson != null ? "1" : "0");
    args.add(expectedJson != null ? expectedJson : "");
    args.add(newJson != null ? "1" : "0");
    args.add(newJson != null ? newJson : "");
    RedisClusterAsyncCommands<String, String> c = connector.commands();
    long deadline = calls.deadline();
    CompletableFuture<List<Object>> written = calls.script(c, Scripts.COMPARE_AND_SET, ScriptOutputType.MULTI,
        scriptKeys(storageKey, metadata), args.toArray(String[]::new));
    // On Cluster the index scripts go with the script so compute stays one round trip; on a conflict the index may
    // move to this request's expiry early, which the retry that follows writes anyway.
    IndexUpdate index = inlineIndexes ? null : sendIndexUpdate(c, storageKey, metadata, scores, false);
    List<Object> reply = calls.await(written, deadline, "compareAndSet");
    long status = asLong(reply.get(0));
    if (status != 2) {
      if (index != null) {
        index.await(deadline);
      }
      return status == 1 ? CasResult.CONFLICT : CasResult.NOT_FOUND;
    }
    afterWrite(c, index, deadline, storageKey, metadata, asString(reply, 1), "compareAndSet");
    return CasResult.UPDATED;
  }

  /**
   * After a session was written: on Cluster, waits for the pipelined index scripts and repairs what they could not
   * do; otherwise the script has updated the indexes and only a principal that changed in this request (login or
   * logout without a new id, which the session manager avoids) costs a second round trip, to drop the old
   * principal's entry.
   */
  private void afterWrite(RedisClusterAsyncCommands<String, String> c, IndexUpdate index, long deadline,
      String storageKey, SessionMetadata md, String previousPrincipal, String operation) {
    if (index != null) {
      index.afterWrite(deadline, previousPrincipal);
    } else if (previousPrincipal != null && !previousPrincipal.equals(md.principal())) {
      calls.await(c.zrem(keys.principal(previousPrincipal), storageKey), calls.deadline(), operation);
    }
  }

  @Override
  public boolean delete(String storageKey) {
    requireKey(storageKey);
    RedisClusterAsyncCommands<String, String> c = connector.commands();
    long deadline = calls.deadline();
    CompletableFuture<List<Object>> deleted = calls.script(c, Scripts.DELETE, ScriptOutputType.MULTI,
        new String[] {keys.session(storageKey)}, "any", "", "");
    CompletableFuture<List<Object>> unindexed = calls.script(c, Scripts.UNINDEX, ScriptOutputType.MULTI,
        keys.globalIndexes(), storageKey);
    List<Object> reply = calls.await(deleted, deadline, "delete");
    List<Object> owners = calls.await(unindexed, deadline, "delete");
    Set<String> principals = new HashSet<>();
    addIfText(principals, asString(reply, 2));
    addIfText(principals, asString(owners, 0));
    if (!principals.isEmpty()) {
      long second = calls.deadline();
      List<CompletableFuture<Long>> removals = new ArrayList<>();
      for (String p : principals) {
        removals.add(c.zrem(keys.principal(p), storageKey).toCompletableFuture());
      }
      for (CompletableFuture<Long> f : removals) {
        calls.await(f, second, "delete");
      }
    }
    return asLong(reply.get(0)) == 1;
  }

  @Override
  public List<SessionInfo> findByPrincipal(String principal, Instant now) {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(now, "now");
    RedisClusterAsyncCommands<String, String> c = connector.commands();
    String index = keys.principal(principal);
    List<Object> members = calls.await(calls.script(c, Scripts.PRINCIPAL_MEMBERS, ScriptOutputType.MULTI,
        new String[] {index}, Long.toString(SessionHash.micros(now))), calls.deadline(), "findByPrincipal");
    List<String> storageKeys = texts(members);
    List<SessionInfo> found = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    for (int from = 0; from < storageKeys.size(); from += BATCH) {
      List<String> batch = storageKeys.subList(from, Math.min(storageKeys.size(), from + BATCH));
      List<SessionMetadata> metadata = readMetadata(c, batch, "findByPrincipal");
      for (int i = 0; i < batch.size(); i++) {
        SessionMetadata md = metadata.get(i);
        if (md != null && !md.isExpired(now) && principal.equals(md.principal())) {
          found.add(new SessionInfo(batch.get(i), md));
        } else if (md == null || !principal.equals(md.principal())) {
          stale.add(batch.get(i));
        }
      }
    }
    if (!stale.isEmpty()) {
      // Lazy repair: entries left by a session that vanished or now belongs to someone else.
      calls.await(c.zrem(index, stale.toArray(String[]::new)), calls.deadline(), "findByPrincipal");
    }
    found.sort(Comparator.comparing((SessionInfo s) -> s.metadata().lastAccessedAt()).reversed());
    return found;
  }

  @Override
  public int deleteByPrincipal(String principal, Instant now) {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(now, "now");
    RedisClusterAsyncCommands<String, String> c = connector.commands();
    String index = keys.principal(principal);
    List<String> members = calls.await(c.zrange(index, 0, -1), calls.deadline(), "deleteByPrincipal");
    String nowText = SessionHash.instant(now);
    int live = 0;
    for (int from = 0; from < members.size(); from += BATCH) {
      List<String> batch = members.subList(from, Math.min(members.size(), from + BATCH));
      long deadline = calls.deadline();
      List<CompletableFuture<List<Object>>> replies = new ArrayList<>(batch.size());
      for (String sk : batch) {
        replies.add(calls.script(c, Scripts.DELETE, ScriptOutputType.MULTI, new String[] {keys.session(sk)},
            "owner", principal, nowText));
      }
      List<String> gone = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        List<Object> r = calls.await(replies.get(i), deadline, "deleteByPrincipal");
        boolean deleted = asLong(r.get(0)) == 1;
        String owner = asString(r, 2);
        if (deleted) {
          live += asLong(r.get(1)) == 1 ? 1 : 0;
          gone.add(batch.get(i));
        } else if (owner == null) {
          gone.add(batch.get(i));
        }
      }
      long second = calls.deadline();
      CompletableFuture<Long> dropped = c.zrem(index, batch.toArray(String[]::new)).toCompletableFuture();
      if (!gone.isEmpty()) {
        calls.await(calls.script(c, Scripts.UNINDEX, ScriptOutputType.MULTI, keys.globalIndexes(),
            gone.toArray(String[]::new)), second, "deleteByPrincipal");
      }
      calls.await(dropped, second, "deleteByPrincipal");
    }
    return live;
  }

  @Override
  public List<SessionInfo> list(String afterStorageKey, int limit, Instant now) {
    Objects.requireNonNull(now, "now");
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
    RedisClusterAsyncCommands<String, String> c = connector.commands();
    List<SessionInfo> page = new ArrayList<>(Math.min(limit, BATCH));
    String cursor = afterStorageKey == null ? "" : afterStorageKey;
    String nowMicros = Long.toString(SessionHash.micros(now));
    while (page.size() < limit) {
      int want = Math.min(limit - page.size(), BATCH);
      List<Object> reply = calls.await(calls.script(c, Scripts.LIST, ScriptOutputType.MULTI,
          new String[] {keys.expiryIndex(), keys.keyIndex()}, cursor, Integer.toString(want), nowMicros,
          Integer.toString(LIST_SCAN_BUDGET)), calls.deadline(), "list");
      List<String> texts = texts(reply);
      String next = texts.isEmpty() ? "" : texts.get(0);
      List<String> candidates = texts.size() > 1 ? texts.subList(1, texts.size()) : List.of();
      List<SessionMetadata> metadata = readMetadata(c, candidates, "list");
      for (int i = 0; i < candidates.size(); i++) {
        SessionMetadata md = metadata.get(i);
        if (md != null && !md.isExpired(now)) {
          page.add(new SessionInfo(candidates.get(i), md));
        }
      }
      if (next.isEmpty()) {
        break;
      }
      cursor = next;
    }
    return page;
  }

  @Override
  public long count(Instant now) {
    Objects.requireNonNull(now, "now");
    RedisClusterAsyncCommands<String, String> c = connector.commands();
    // An index score is at most INDEX_LEAD above the session's expiry: a score beyond now + lead is a live session
    // for sure; one between now and now + lead may belong to a session that expired already, so its hash decides.
    long nowMicros = SessionHash.micros(now);
    long sure = nowMicros + Scripts.INDEX_LEAD_MICROS;
    CompletableFuture<Long> beyond = c.zcount(keys.expiryIndex(),
        Range.from(Range.Boundary.excluding(sure), Range.Boundary.unbounded())).toCompletableFuture();
    Range<Long> window = Range.from(Range.Boundary.excluding(nowMicros), Range.Boundary.including(sure));
    long live = 0;
    for (int offset = 0; ; offset += BATCH) {
      List<String> candidates = calls.await(c.zrangebyscore(keys.expiryIndex(), window, Limit.create(offset, BATCH)),
          calls.deadline(), "count");
      long deadline = calls.deadline();
      List<CompletableFuture<String>> expiries = new ArrayList<>(candidates.size());
      for (String sk : candidates) {
        expiries.add(c.hget(keys.session(sk), SessionHash.EXPIRES).toCompletableFuture());
      }
      for (CompletableFuture<String> f : expiries) {
        Instant expires;
        try {
          expires = SessionHash.parseInstant(calls.await(f, deadline, "count"));
        } catch (SessionStoreException e) {
          if (!Calls.isWrongType(e.getCause())) {
            throw e;
          }
          expires = null;
        }
        if (expires != null && expires.isAfter(now)) {
          live++;
        }
      }
      if (candidates.size() < BATCH) {
        break;
      }
    }
    return calls.await(beyond, calls.deadline(), "count") + live;
  }

  @Override
  public int sweep(Instant now, int maxSessions) {
    Objects.requireNonNull(now, "now");
    if (maxSessions <= 0) {
      return 0;
    }
    RedisClusterAsyncCommands<String, String> c = connector.commands();
    long nowMicros = SessionHash.micros(now);
    List<String> candidates = calls.await(c.zrangebyscore(keys.expiryIndex(),
        Range.from(Range.Boundary.unbounded(), Range.Boundary.including(nowMicros)), Limit.create(0, maxSessions)),
        calls.deadline(), "sweep");
    String nowText = SessionHash.instant(now);
    int removed = 0;
    for (int from = 0; from < candidates.size(); from += BATCH) {
      List<String> batch = candidates.subList(from, Math.min(candidates.size(), from + BATCH));
      long deadline = calls.deadline();
      List<CompletableFuture<List<Object>>> replies = new ArrayList<>(batch.size());
      for (String sk : batch) {
        replies.add(calls.script(c, Scripts.DELETE, ScriptOutputType.MULTI, new String[] {keys.session(sk)},
            "expired", "", nowText));
      }
      List<String> gone = new ArrayList<>();
      Set<String> principalsFromHash = new HashSet<>();
      Map<String, String> stillLive = new java.util.HashMap<>();
      for (int i = 0; i < batch.size(); i++) {
        List<Object> r = calls.await(replies.get(i), deadline, "sweep");
        if (asLong(r.get(0)) == 0 && asLong(r.get(1)) == 1) {
          stillLive.put(batch.get(i), asString(r, 3));
        } else {
          gone.add(batch.get(i));
          String p = asString(r, 2);
          if (p != null) {
            principalsFromHash.add(p + "\n" + batch.get(i));
          }
        }
      }
      long second = calls.deadline();
      List<CompletableFuture<?>> pending = new ArrayList<>();
      CompletableFuture<List<Object>> owners = gone.isEmpty() ? CompletableFuture.completedFuture(List.of())
          : calls.script(c, Scripts.UNINDEX, ScriptOutputType.MULTI, keys.globalIndexes(),
              gone.toArray(String[]::new));
      for (Map.Entry<String, String> e : stillLive.entrySet()) {
        // The index lagged behind the session (a race between two saves): move the entry to the real expiry.
        Instant expires = SessionHash.parseInstant(e.getValue());
        if (expires != null) {
          pending.add(c.zadd(keys.expiryIndex(), ZAddArgs.Builder.xx(), (double) SessionHash.micros(expires),
              e.getKey()).toCompletableFuture());
        }
      }
      List<Object> ownerReply = calls.await(owners, second, "sweep");
      for (int i = 0; i < gone.size(); i++) {
        String owner = asString(ownerReply, i);
        if (owner != null) {
          principalsFromHash.add(owner + "\n" + gone.get(i));
        }
      }
      for (String entry : principalsFromHash) {
        int nl = entry.lastIndexOf('\n');
        pending.add(c.zrem(keys.principal(entry.substring(0, nl)), entry.substring(nl + 1)).toCompletableFuture());
      }
      for (CompletableFuture<?> f : pending) {
        calls.await(f, second, "sweep");
      }
      removed += gone.size();
    }
    return removed;
  }

  /** Stops the background sweeper and closes the connection. */
  @Override
  public void close() {
    if (sweeper != null) {
      sweeper.close();
    }
    connector.close();
  }

  @Override
  public String toString() {
    return "RedisSessionStore[" + connector.where() + ", prefix " + keys.prefix() + "]";
  }

  // ---------------------------------------------------------------------------------------------------------------

  /**
   * The index scores of one write: the exact expiry, and the target an update writes when it has to move an entry
   * (the expiry plus the lead, so that the saves of the next minute leave the indexes alone; a create or a session
   * that is already over gets its exact expiry).
   */
  private record IndexScores(String now, String expires, String target) {
    static IndexScores of(SessionMetadata md, Instant now, boolean create) {
      long nowMicros = SessionHash.micros(now);
      long expires = SessionHash.micros(md.expiresAt());
      long target = create || expires <= nowMicros ? expires : expires + Scripts.INDEX_LEAD_MICROS;
      return new IndexScores(Long.toString(nowMicros), Long.toString(expires), Long.toString(target));
    }
  }

  /** The index updates of one save on Cluster, sent in the same round trip as the session script. */
  private final class IndexUpdate {
    private final RedisClusterAsyncCommands<String, String> c;
    private final String storageKey;
    private final SessionMetadata md;
    private final IndexScores scores;
    private final CompletableFuture<Long> global;
    private final CompletableFuture<Long> principal;

    IndexUpdate(RedisClusterAsyncCommands<String, String> c, String storageKey, SessionMetadata md,
        IndexScores scores, CompletableFuture<Long> global, CompletableFuture<Long> principal) {
      this.c = c;
      this.storageKey = storageKey;
      this.md = md;
      this.scores = scores;
      this.global = global;
      this.principal = principal;
    }

    void await(long deadline) {
      calls.await(global, deadline, "save");
      if (principal != null) {
        calls.await(principal, deadline, "save");
      }
    }

    /**
     * After the session was written: when an index had no live entry to move (it lagged, or the principal changed
     * in this request) a second round trip adds it; the old principal's entry goes. Rare, so saves stay one trip.
     */
    void afterWrite(long deadline, String previousPrincipal) {
      long globalMoved = calls.await(global, deadline, "save");
      long principalMoved = principal == null ? 1 : calls.await(principal, deadline, "save");
      boolean principalChanged = !Objects.equals(previousPrincipal, md.principal()) && previousPrincipal != null;
      if (globalMoved == 1 && principalMoved == 1 && !principalChanged) {
        return;
      }
      long second = calls.deadline();
      List<CompletableFuture<?>> repairs = new ArrayList<>();
      if (globalMoved != 1) {
        repairs.add(calls.script(c, Scripts.INDEX, ScriptOutputType.INTEGER, keys.globalIndexes(), "C", scores.now(),
            storageKey, scores.expires(), scores.expires(), md.principal() != null ? "1" : "0",
            orEmpty(md.principal())));
      }
      if (principalMoved != 1) {
        repairs.add(calls.script(c, Scripts.PRINCIPAL, ScriptOutputType.INTEGER,
            new String[] {keys.principal(md.principal())}, "C", scores.now(), storageKey, scores.expires(),
            scores.expires()));
      }
      if (principalChanged) {
        repairs.add(c.zrem(keys.principal(previousPrincipal), storageKey).toCompletableFuture());
      }
      for (CompletableFuture<?> f : repairs) {
        calls.await(f, second, "save");
      }
    }
  }

  private IndexUpdate sendIndexUpdate(RedisClusterAsyncCommands<String, String> c, String storageKey,
      SessionMetadata md, IndexScores scores, boolean create) {
    String mode = create ? "C" : "U";
    CompletableFuture<Long> global = calls.script(c, Scripts.INDEX, ScriptOutputType.INTEGER, keys.globalIndexes(),
        mode, scores.now(), storageKey, scores.expires(), scores.target(), md.principal() != null ? "1" : "0",
        orEmpty(md.principal()));
    CompletableFuture<Long> principal = md.principal() == null ? null
        : calls.script(c, Scripts.PRINCIPAL, ScriptOutputType.INTEGER, new String[] {keys.principal(md.principal())},
            mode, scores.now(), storageKey, scores.expires(), scores.target());
    return new IndexUpdate(c, storageKey, md, scores, global, principal);
  }

  /** The keys of a session script: with the index keys when it updates them itself. */
  private String[] scriptKeys(String storageKey, SessionMetadata md) {
    return inlineIndexes ? keys.sessionAndIndexes(storageKey, md.principal()) : new String[] {keys.session(storageKey)};
  }

  /** HMGETs the metadata of several sessions in one pipelined round trip; null for a missing or foreign one. */
  private List<SessionMetadata> readMetadata(RedisClusterAsyncCommands<String, String> c, List<String> storageKeys,
      String operation) {
    long deadline = calls.deadline();
    List<CompletableFuture<List<KeyValue<String, String>>>> replies = new ArrayList<>(storageKeys.size());
    for (String sk : storageKeys) {
      replies.add(c.hmget(keys.session(sk), SessionHash.METADATA_FIELDS).toCompletableFuture());
    }
    List<SessionMetadata> out = new ArrayList<>(storageKeys.size());
    for (CompletableFuture<List<KeyValue<String, String>>> f : replies) {
      try {
        out.add(SessionHash.decodeMetadata(calls.await(f, deadline, operation)));
      } catch (SessionStoreException e) {
        if (!Calls.isWrongType(e.getCause())) {
          throw e;
        }
        out.add(null);
      }
    }
    return out;
  }

  /** ARGV 1..13 of the session scripts: the metadata, then the index scores and the storage key. */
  private static List<String> scriptArgs(String storageKey, SessionMetadata md, Instant now, IndexScores scores) {
    List<String> args = new ArrayList<>(24);
    args.add(SessionHash.instant(now));
    args.add(Long.toString(SessionHash.ttlMillis(now, md.expiresAt())));
    args.add(SessionHash.instant(md.createdAt()));
    args.add(SessionHash.instant(md.lastAccessedAt()));
    args.add(SessionHash.instant(md.expiresAt()));
    args.add(md.principal() != null ? "1" : "0");
    args.add(orEmpty(md.principal()));
    args.add(md.device() != null ? "1" : "0");
    args.add(orEmpty(md.device()));
    args.add(scores.now());
    args.add(scores.expires());
    args.add(scores.target());
    args.add(storageKey);
    return args;
  }

  private static void requireKey(String storageKey) {
    Objects.requireNonNull(storageKey, "storageKey");
    if (storageKey.isEmpty() || storageKey.indexOf('{') >= 0 || storageKey.indexOf('}') >= 0) {
      throw new IllegalArgumentException("Not a storage key (SessionId.storageKey()): '" + storageKey + "'");
    }
  }

  private static void checkName(String name) {
    Objects.requireNonNull(name, "attribute name");
    long bytes = Utf8.length(name);
    if (bytes < 0) {
      throw new SessionStoreException("Attribute name " + Utf8.show(name) + " contains an unpaired UTF-16 surrogate "
          + "at index " + (-bytes - 1) + "; the Redis store keeps names as UTF-8 text");
    }
    if (bytes > MAX_NAME_BYTES) {
      throw new SessionStoreException("Attribute name " + Utf8.show(name) + " is " + bytes + " bytes, over the "
          + "Redis store's limit of " + MAX_NAME_BYTES);
    }
  }

  private void checkValue(String name, String json) {
    Objects.requireNonNull(json, "value of attribute " + name);
    long bytes = Utf8.length(json);
    if (bytes < 0) {
      throw new SessionStoreException("Value of attribute " + Utf8.show(name) + " contains an unpaired UTF-16 "
          + "surrogate at index " + (-bytes - 1) + "; it cannot be stored as UTF-8 JSON");
    }
    if (bytes > maxValueBytes) {
      throw new SessionStoreException("Value of attribute " + Utf8.show(name) + " is " + bytes + " bytes of JSON, "
          + "over the Redis store's limit of " + maxValueBytes + " (maxValueBytes): keep large data elsewhere and "
          + "store a reference in the session");
    }
  }

  private static long asLong(Object o) {
    return o instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(o));
  }

  private static String asString(List<Object> reply, int index) {
    if (reply == null || reply.size() <= index) {
      return null;
    }
    Object o = reply.get(index);
    return o == null ? null : o.toString();
  }

  private static List<String> texts(List<Object> reply) {
    List<String> out = new ArrayList<>(reply.size());
    for (Object o : reply) {
      out.add(o == null ? "" : o.toString());
    }
    return out;
  }

  private static void addIfText(Set<String> set, String s) {
    if (s != null) {
      set.add(s);
    }
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  /** A key for logs: the prefix and the first characters of the storage key (enough to find it, not to replay). */
  private String shortKey(String storageKey) {
    return keys.session(storageKey.length() > 8 ? storageKey.substring(0, 8) + "…" : storageKey);
  }

  /** Configures a {@link RedisSessionStore}; every setter checks its input and names it when it is wrong. */
  public static final class Builder {
    private final List<RedisURI> uris;
    private boolean cluster;
    private String keyPrefix = "satchel:";
    private Duration commandTimeout = Duration.ofMillis(500);
    private Duration connectTimeout = Duration.ofSeconds(1);
    private int maxValueBytes = 1 << 20;
    private Duration sweepInterval = Duration.ofMinutes(5);
    private int sweepBatchSize = 500;
    private Clock clock = Clock.systemUTC();

    private Builder(String uri) {
      Objects.requireNonNull(uri, "uri");
      RedisUris.Parsed parsed = RedisUris.parse(uri);
      this.uris = parsed.uris();
      this.cluster = parsed.cluster();
    }

    /** Treats the URI's hosts as Redis Cluster seed nodes (same as the {@code redis-cluster://} scheme). */
    public Builder cluster(boolean cluster) {
      if (cluster && !uris.get(0).getSentinels().isEmpty()) {
        throw new IllegalArgumentException("A redis-sentinel:// URI cannot be used as cluster seeds");
      }
      this.cluster = cluster;
      return this;
    }

    /** The prefix of every key the store writes (default {@code satchel:}); give each application its own. */
    public Builder keyPrefix(String keyPrefix) {
      Objects.requireNonNull(keyPrefix, "keyPrefix");
      if (keyPrefix.isEmpty() || keyPrefix.indexOf('{') >= 0 || keyPrefix.indexOf('}') >= 0
          || Utf8.length(keyPrefix) < 0) {
        throw new IllegalArgumentException("keyPrefix must be non-empty text without '{' or '}' (they would change "
            + "Redis Cluster hash slots), was " + Utf8.show(keyPrefix));
      }
      this.keyPrefix = keyPrefix;
      return this;
    }

    /** How long one call waits for Redis before failing with SessionStoreUnavailableException (default 500 ms). */
    public Builder commandTimeout(Duration timeout) {
      this.commandTimeout = SettingChecks.atLeast("commandTimeout", timeout, Duration.ofMillis(1));
      return this;
    }

    /**
     * How long opening a connection (TCP connect plus handshake) may take (default 1 s). Only startup pays it:
     * afterwards Lettuce reconnects in the background while calls fail fast.
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = SettingChecks.atLeast("connectTimeout", timeout, Duration.ofMillis(1));
      return this;
    }

    /** The largest JSON value one attribute may hold, in UTF-8 bytes (default 1 MiB). */
    public Builder maxValueBytes(int maxValueBytes) {
      this.maxValueBytes = SettingChecks.atLeast("maxValueBytes", maxValueBytes, 16);
      return this;
    }

    /**
     * The store. It starts connecting in the background and never fails for an unreachable Redis here: it can be
     * built while Redis is still starting, and calls fail with SessionStoreUnavailableException until Redis is up.
     */
    public RedisSessionStore build() {
      RedisSessionStore store = new RedisSessionStore(this);
      store.connector.connectInBackground();
      if (!sweepInterval.isZero()) {
        store.sweeper = new StoreSweeper(store, clock, sweepInterval, sweepBatchSize, MAX_SWEEP_BATCHES_PER_RUN, "redis");
      }
      return store;
    }

    /**
     * How often a daemon thread sweeps index entries of expired sessions (default 5 minutes; {@code Duration.ZERO}
     * turns it off, then call {@link RedisSessionStore#sweep} from your own scheduler while it returns its limit).
     */
    public Builder sweepInterval(Duration sweepInterval) {
      this.sweepInterval = SettingChecks.offOrPositive("sweepInterval", sweepInterval);
      return this;
    }

    /** How many expired sessions one sweep batch handles (default 500): bounds each pipelined batch. */
    public Builder sweepBatchSize(int sweepBatchSize) {
      this.sweepBatchSize = SettingChecks.atLeast("sweepBatchSize", sweepBatchSize, 1);
      return this;
    }

    /** The clock the background sweeper reads (default UTC system clock); other calls take {@code now} explicitly. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }
  }
}
