package dev.satchel.store.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.satchel.internal.SettingChecks;
import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionInfo;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.SessionStore;
import dev.satchel.store.StoredSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions kept in this process's memory, bounded by a maximum number of sessions: for one-process applications and
 * tests. Sessions are lost on restart and are not shared between processes; use the JDBC or Redis store for that.
 *
 * <p>Each session is an immutable snapshot replaced atomically per key, so a request's delta and a compare-and-set
 * never interleave with another write to the same session. When the store is full, Caffeine evicts the sessions
 * least likely to be used again (W-TinyLFU: one-shot bot sessions go first); every eviction is counted
 * ({@link #evictionCount()}) and logged at most once a minute, because an evicted user is silently logged out.
 */
public final class MemorySessionStore implements SessionStore {

  /** The bound used when none is configured. */
  public static final long DEFAULT_MAXIMUM_SESSIONS = 100_000;

  private static final Logger LOG = LoggerFactory.getLogger(MemorySessionStore.class);
  private static final long EVICTION_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
  /** Caffeine rejects durations beyond ~146 years; no session needs more than this. */
  private static final long MAX_TTL_NANOS = Duration.ofDays(365L * 100).toNanos();
  private static final Comparator<SessionInfo> MOST_RECENT_FIRST = Comparator
      .comparing((SessionInfo info) -> info.metadata().lastAccessedAt()).reversed()
      .thenComparing(SessionInfo::storageKey);

  private final long maximumSessions;
  private final Ticker ticker = Ticker.systemTicker();
  private final Cache<String, Entry> cache;
  /** Storage keys in order, for {@link #list}; maintained under each key's write lock. */
  private final ConcurrentSkipListSet<String> keys = new ConcurrentSkipListSet<>();
  /** Principal to its sessions' storage keys; maintained under each key's write lock. */
  private final ConcurrentMap<String, Set<String>> byPrincipal = new ConcurrentHashMap<>();
  private final LongAdder evictions = new LongAdder();
  private final AtomicLong lastEvictionLog;

  private MemorySessionStore(Builder builder) {
    this.maximumSessions = builder.maximumSessions;
    this.lastEvictionLog = new AtomicLong(System.nanoTime() - EVICTION_LOG_INTERVAL_NANOS);
    this.cache = Caffeine.newBuilder()
        .maximumSize(maximumSessions)
        .ticker(ticker)
        .expireAfter(new DeadlineExpiry())
        // Expired sessions leave memory promptly even when the store is idle.
        .scheduler(Scheduler.systemScheduler())
        // Maintenance on the writing thread: evictions are visible (and counted) when the write returns.
        .executor(Runnable::run)
        // Runs atomically with the eviction, under the key's lock, so the indexes never point at a gone session.
        .evictionListener(this::onEvicted)
        .build();
  }

  /** A store with the default bound ({@value #DEFAULT_MAXIMUM_SESSIONS} sessions). */
  public static MemorySessionStore create() {
    return builder().build();
  }

  /** Configures a store. */
  public static Builder builder() {
    return new Builder();
  }

  /** How many sessions were evicted because the store was full (expired sessions are not counted). */
  public long evictionCount() {
    return evictions.sum();
  }

  /** The configured bound. */
  public long maximumSessions() {
    return maximumSessions;
  }

  @Override
  public Optional<StoredSession> load(String storageKey, Instant now) {
    Objects.requireNonNull(storageKey, "storageKey");
    Objects.requireNonNull(now, "now");
    Entry entry = cache.getIfPresent(storageKey);
    if (entry == null || entry.metadata.isExpired(now)) {
      return Optional.empty();
    }
    return Optional.of(new StoredSession(entry.attributes, entry.metadata));
  }

  @Override
  public SaveResult save(String storageKey, SessionChanges changes, Instant now) {
    Objects.requireNonNull(storageKey, "storageKey");
    Objects.requireNonNull(changes, "changes");
    Objects.requireNonNull(now, "now");
    SaveResult[] result = {SaveResult.SAVED};
    cache.asMap().compute(storageKey, (key, old) -> {
      Entry live = old != null && !old.metadata.isExpired(now) ? old : null;
      Entry next;
      if (changes.kind() == SessionChanges.Kind.UPDATE && live == null) {
        // Deleted, revoked or expired: writing would resurrect it. Drop an expired leftover while we hold the lock.
        result[0] = SaveResult.NOT_FOUND;
        next = null;
      } else if (changes.isTouchOnly()) {
        next = entry(live.attributes, changes.metadata(), now); // same immutable map: a touch copies nothing
      } else {
        Map<String, String> attributes = new HashMap<>();
        if (live != null && !changes.replaceAll()) {
          attributes.putAll(live.attributes);
        }
        attributes.putAll(changes.upserts());
        attributes.keySet().removeAll(changes.removals());
        next = entry(attributes, changes.metadata(), now);
      }
      reindex(key, old, next);
      return next;
    });
    return result[0];
  }

  @Override
  public CasResult compareAndSet(String storageKey, String attribute, String expectedJson, String newJson,
      SessionMetadata metadata, Instant now) {
    Objects.requireNonNull(storageKey, "storageKey");
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(now, "now");
    CasResult[] result = {CasResult.NOT_FOUND};
    cache.asMap().compute(storageKey, (key, old) -> {
      if (old == null || old.metadata.isExpired(now)) {
        reindex(key, old, null);
        return null;
      }
      if (!Objects.equals(old.attributes.get(attribute), expectedJson)) {
        result[0] = CasResult.CONFLICT;
        return old;
      }
      Map<String, String> attributes = new HashMap<>(old.attributes);
      if (newJson == null) {
        attributes.remove(attribute);
      } else {
        attributes.put(attribute, newJson);
      }
      Entry next = entry(attributes, metadata, now);
      result[0] = CasResult.UPDATED;
      reindex(key, old, next);
      return next;
    });
    return result[0];
  }

  @Override
  public boolean delete(String storageKey) {
    Objects.requireNonNull(storageKey, "storageKey");
    boolean[] existed = {false};
    cache.asMap().computeIfPresent(storageKey, (key, old) -> {
      existed[0] = true;
      reindex(key, old, null);
      return null;
    });
    return existed[0];
  }

  @Override
  public List<SessionInfo> findByPrincipal(String principal, Instant now) {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(now, "now");
    Set<String> storageKeys = byPrincipal.get(principal);
    if (storageKeys == null) {
      return List.of();
    }
    List<SessionInfo> found = new ArrayList<>();
    for (String key : storageKeys) {
      Entry entry = peek(key);
      if (entry != null && !entry.metadata.isExpired(now) && principal.equals(entry.metadata.principal())) {
        found.add(new SessionInfo(key, entry.metadata));
      }
    }
    found.sort(MOST_RECENT_FIRST);
    return found;
  }

  @Override
  public int deleteByPrincipal(String principal, Instant now) {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(now, "now");
    Set<String> storageKeys = byPrincipal.get(principal);
    if (storageKeys == null) {
      return 0;
    }
    int[] deleted = {0};
    for (String storageKey : List.copyOf(storageKeys)) {
      cache.asMap().computeIfPresent(storageKey, (key, old) -> {
        if (!principal.equals(old.metadata.principal())) {
          return old;
        }
        if (!old.metadata.isExpired(now)) {
          deleted[0]++;
        }
        reindex(key, old, null);
        return null;
      });
    }
    return deleted[0];
  }

  @Override
  public List<SessionInfo> list(String afterStorageKey, int limit, Instant now) {
    Objects.requireNonNull(now, "now");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    Set<String> candidates = afterStorageKey == null ? keys : keys.tailSet(afterStorageKey, false);
    List<SessionInfo> page = new ArrayList<>(Math.min(limit, 1024));
    for (String key : candidates) {
      Entry entry = peek(key);
      if (entry != null && !entry.metadata.isExpired(now)) {
        page.add(new SessionInfo(key, entry.metadata));
        if (page.size() == limit) {
          break;
        }
      }
    }
    return page;
  }

  @Override
  public long count(Instant now) {
    Objects.requireNonNull(now, "now");
    return cache.asMap().values().stream().filter(entry -> !entry.metadata.isExpired(now)).count();
  }

  @Override
  public int sweep(Instant now, int maxSessions) {
    Objects.requireNonNull(now, "now");
    if (maxSessions < 1) {
      throw new IllegalArgumentException("maxSessions must be at least 1, was " + maxSessions);
    }
    int[] removed = {0};
    for (String storageKey : keys) {
      if (removed[0] >= maxSessions) {
        break;
      }
      Entry entry = peek(storageKey);
      // A null entry still indexed is one Caffeine considers expired but has not dropped yet (its timer wheel
      // ticks about once a second): compute drops it now and the eviction listener unindexes it.
      if (entry == null || entry.metadata.isExpired(now)) {
        cache.asMap().compute(storageKey, (key, old) -> {
          if (old == null || !old.metadata.isExpired(now)) {
            return old; // gone already, or refreshed meanwhile
          }
          removed[0]++;
          reindex(key, old, null);
          return null;
        });
      }
    }
    return removed[0];
  }

  /** Drops every session: a memory store holds nothing else to release. */
  @Override
  public void close() {
    cache.invalidateAll();
    keys.clear();
    byPrincipal.clear();
  }

  /**
   * Everything held at rest as text (keys, index entries, attribute names and values, metadata), for the
   * conformance kit's check that no cookie token is ever stored.
   */
  List<String> rawContents() {
    List<String> raw = new ArrayList<>(keys);
    byPrincipal.forEach((principal, members) -> {
      raw.add(principal);
      raw.addAll(members);
    });
    cache.asMap().forEach((key, entry) -> {
      raw.add(key);
      entry.attributes.forEach((name, json) -> {
        raw.add(name);
        raw.add(json);
      });
      raw.add(entry.metadata.toString());
    });
    return raw;
  }

  private Entry peek(String storageKey) {
    // Admin reads must not count as use, or listing sessions would keep them from being evicted.
    return cache.policy().getIfPresentQuietly(storageKey);
  }

  private Entry entry(Map<String, String> attributes, SessionMetadata metadata, Instant now) {
    if (metadata.isExpired(now)) {
      return null; // already past its deadline: nothing to keep
    }
    long ttl = Math.min(durationNanos(now, metadata.expiresAt()), MAX_TTL_NANOS);
    return new Entry(Map.copyOf(attributes), metadata, ticker.read() + ttl);
  }

  private static long durationNanos(Instant from, Instant to) {
    try {
      return Duration.between(from, to).toNanos();
    } catch (ArithmeticException tooFar) {
      return Long.MAX_VALUE;
    }
  }

  /** Moves the key in both indexes from {@code before} to {@code after}; called under the key's write lock. */
  private void reindex(String storageKey, Entry before, Entry after) {
    // The key set holds exactly the keys with an entry, so only a creation or a removal touches it (an update would
    // pay a skip-list walk for nothing).
    if (before == null && after != null) {
      keys.add(storageKey);
    } else if (before != null && after == null) {
      keys.remove(storageKey);
    }
    String oldPrincipal = before == null ? null : before.metadata.principal();
    String newPrincipal = after == null ? null : after.metadata.principal();
    if (Objects.equals(oldPrincipal, newPrincipal)) {
      return;
    }
    if (oldPrincipal != null) {
      // Inside compute, so a concurrent add to the same principal never lands in a set that was just dropped.
      byPrincipal.computeIfPresent(oldPrincipal, (principal, members) -> {
        members.remove(storageKey);
        return members.isEmpty() ? null : members;
      });
    }
    if (newPrincipal != null) {
      byPrincipal.compute(newPrincipal, (principal, members) -> {
        Set<String> set = members == null ? ConcurrentHashMap.newKeySet() : members;
        set.add(storageKey);
        return set;
      });
    }
  }

  private void onEvicted(String storageKey, Entry entry, RemovalCause cause) {
    if (storageKey == null || entry == null) {
      return;
    }
    reindex(storageKey, entry, null);
    if (cause == RemovalCause.SIZE) {
      evictions.increment();
      logEviction(System.nanoTime());
    }
  }

  /** Warns about evictions at most once a minute (a full store evicts on every insert); true when it logged. */
  boolean logEviction(long nowNanos) {
    long last = lastEvictionLog.get();
    if (nowNanos - last >= EVICTION_LOG_INTERVAL_NANOS && lastEvictionLog.compareAndSet(last, nowNanos)) {
      LOG.warn("Memory session store is full ({} sessions): evicted the least used sessions, {} so far. Their users "
          + "are logged out. Raise maximumSessions or use a shared store (JDBC, Redis).",
          maximumSessions, evictions.sum());
      return true;
    }
    return false;
  }

  /** One session: immutable, replaced as a whole on every write. */
  private static final class Entry {
    final Map<String, String> attributes;
    final SessionMetadata metadata;
    /** When Caffeine may drop it, on the ticker's clock: {@code expiresAt} translated from the caller's clock. */
    final long deadlineNanos;

    Entry(Map<String, String> attributes, SessionMetadata metadata, long deadlineNanos) {
      this.attributes = attributes;
      this.metadata = metadata;
      this.deadlineNanos = deadlineNanos;
    }
  }

  /**
   * Expires each entry at its own deadline. The deadline is absolute, so an entry written back unchanged (a failed
   * compare-and-set) keeps its original expiry instead of being granted a new lease.
   */
  private static final class DeadlineExpiry implements Expiry<String, Entry> {
    @Override
    public long expireAfterCreate(String key, Entry value, long currentTime) {
      return remaining(value, currentTime);
    }

    @Override
    public long expireAfterUpdate(String key, Entry value, long currentTime, long currentDuration) {
      return remaining(value, currentTime);
    }

    @Override
    public long expireAfterRead(String key, Entry value, long currentTime, long currentDuration) {
      return currentDuration;
    }

    private static long remaining(Entry value, long currentTime) {
      long left = value.deadlineNanos - currentTime;
      return Math.max(0, Math.min(left, MAX_TTL_NANOS));
    }
  }

  /** Builds a {@link MemorySessionStore}. */
  public static final class Builder {
    private long maximumSessions = DEFAULT_MAXIMUM_SESSIONS;

    private Builder() {}

    /** The most sessions kept at once; beyond it the least used are evicted (default 100,000). */
    public Builder maximumSessions(long maximumSessions) {
      this.maximumSessions = SettingChecks.atLeast("maximumSessions", maximumSessions, 1L);
      return this;
    }

    /** The configured store. */
    public MemorySessionStore build() {
      return new MemorySessionStore(this);
    }
  }
}
