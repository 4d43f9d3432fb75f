package dev.satchel.testkit;

import dev.satchel.json.SessionJson;
import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionInfo;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.SessionStore;
import dev.satchel.store.StoredSession;
import dev.satchel.store.memory.MemorySessionStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The memory store with one deliberate bug, each a mistake real session stores have shipped. */
final class FaultyStore implements SessionStore {

  /** The bugs. */
  enum Fault {
    RESURRECTING_UPDATE,
    UPDATE_IGNORES_EXPIRY,
    LOAD_IGNORES_EXPIRY,
    LISTING_IGNORES_EXPIRY,
    NORMALIZED_JSON,
    CASE_INSENSITIVE_KEYS,
    TOUCH_DROPS_DATA,
    TOUCH_KEEPS_LATER_EXPIRY,
    NON_ATOMIC_DELTA,
    NON_ATOMIC_CAS,
    CAS_IGNORES_EXPECTED,
    CAS_TREATS_JSON_NULL_AS_ABSENT,
    LIST_IN_COLLATION_ORDER,
    LIST_FILTERS_EXPIRED_AFTER_LIMIT,
    SWEEP_UNBOUNDED,
    PRINCIPAL_OLDEST_FIRST,
    PRINCIPAL_CHANGE_KEEPS_OLD_ENTRY
  }

  private static final Instant DAWN = Instant.EPOCH;

  private final MemorySessionStore delegate = MemorySessionStore.create();
  private final Fault fault;
  /** For PRINCIPAL_CHANGE_KEEPS_OLD_ENTRY: every principal a key ever had. */
  private final Map<String, Set<String>> stalePrincipals = new java.util.concurrent.ConcurrentHashMap<>();

  FaultyStore(Fault fault) {
    this.fault = fault;
  }

  private String k(String key) {
    return fault == Fault.CASE_INSENSITIVE_KEYS && key != null ? key.toLowerCase(Locale.ROOT) : key;
  }

  @Override
  public Optional<StoredSession> load(String storageKey, Instant now) {
    return delegate.load(k(storageKey), fault == Fault.LOAD_IGNORES_EXPIRY ? DAWN : now);
  }

  @Override
  public SaveResult save(String storageKey, SessionChanges changes, Instant now) {
    String key = k(storageKey);
    if (changes.metadata().principal() != null) {
      stalePrincipals.computeIfAbsent(changes.metadata().principal(), p -> java.util.concurrent.ConcurrentHashMap
          .newKeySet()).add(key);
    }
    if (fault == Fault.NORMALIZED_JSON) {
      Map<String, String> normalized = new HashMap<>();
      changes.upserts().forEach((name, json) -> normalized.put(name,
          SessionJson.write(SessionJson.read(json).orElse(null))));
      changes = new SessionChanges(changes.kind(), changes.replaceAll(), normalized, changes.removals(),
          changes.metadata());
    }
    if (changes.kind() == SessionChanges.Kind.UPDATE) {
      switch (fault) {
        case RESURRECTING_UPDATE:
          if (delegate.load(key, now).isEmpty()) {
            return delegate.save(key, SessionChanges.create(changes.upserts(), changes.metadata()), now);
          }
          break;
        case UPDATE_IGNORES_EXPIRY:
          Optional<StoredSession> any = delegate.load(key, DAWN);
          if (any.isPresent() && delegate.load(key, now).isEmpty()) {
            return merge(key, any.get(), changes, now);
          }
          break;
        case TOUCH_DROPS_DATA:
          if (changes.isTouchOnly()) {
            changes = new SessionChanges(changes.kind(), true, Map.of(), Set.of(), changes.metadata());
          }
          break;
        case TOUCH_KEEPS_LATER_EXPIRY:
          Optional<StoredSession> current = delegate.load(key, now);
          if (current.isPresent() && current.get().metadata().expiresAt().isAfter(changes.metadata().expiresAt())) {
            SessionMetadata m = changes.metadata();
            changes = new SessionChanges(changes.kind(), changes.replaceAll(), changes.upserts(), changes.removals(),
                new SessionMetadata(m.createdAt(), m.lastAccessedAt(), current.get().metadata().expiresAt(),
                    m.principal(), m.device()));
          }
          break;
        case NON_ATOMIC_DELTA:
          Optional<StoredSession> read = delegate.load(key, now);
          if (read.isEmpty()) {
            return SaveResult.NOT_FOUND;
          }
          pause();
          return merge(key, read.get(), changes, now);
        default:
          break;
      }
    }
    return delegate.save(key, changes, now);
  }

  private SaveResult merge(String key, StoredSession base, SessionChanges changes, Instant now) {
    Map<String, String> merged = new HashMap<>(changes.replaceAll() ? Map.of() : base.attributes());
    merged.putAll(changes.upserts());
    merged.keySet().removeAll(changes.removals());
    return delegate.save(key, SessionChanges.create(merged, changes.metadata()), now);
  }

  @Override
  public CasResult compareAndSet(String storageKey, String attribute, String expectedJson, String newJson,
      SessionMetadata metadata, Instant now) {
    String key = k(storageKey);
    if (fault == Fault.NON_ATOMIC_CAS || fault == Fault.CAS_IGNORES_EXPECTED) {
      Optional<StoredSession> read = delegate.load(key, now);
      if (read.isEmpty()) {
        return CasResult.NOT_FOUND;
      }
      if (fault == Fault.NON_ATOMIC_CAS
          && !java.util.Objects.equals(read.get().attributes().get(attribute), expectedJson)) {
        return CasResult.CONFLICT;
      }
      pause();
      Map<String, String> upserts = newJson == null ? Map.of() : Map.of(attribute, newJson);
      Set<String> removals = newJson == null ? Set.of(attribute) : Set.of();
      delegate.save(key, SessionChanges.update(upserts, removals, metadata), now);
      return CasResult.UPDATED;
    }
    if (fault == Fault.CAS_TREATS_JSON_NULL_AS_ABSENT && expectedJson == null) {
      Optional<StoredSession> read = delegate.load(key, now);
      if (read.isPresent() && "null".equals(read.get().attributes().get(attribute))) {
        expectedJson = "null"; // what a store does when it maps a JSON null to SQL NULL or a missing hash field
      }
    }
    return delegate.compareAndSet(key, attribute, expectedJson, newJson, metadata, now);
  }

  @Override
  public boolean delete(String storageKey) {
    return delegate.delete(k(storageKey));
  }

  @Override
  public List<SessionInfo> findByPrincipal(String principal, Instant now) {
    if (fault == Fault.PRINCIPAL_CHANGE_KEEPS_OLD_ENTRY) {
      List<SessionInfo> found = new ArrayList<>();
      for (String key : stalePrincipals.getOrDefault(principal, Set.of())) {
        delegate.load(key, now).ifPresent(s -> found.add(new SessionInfo(key, s.metadata())));
      }
      found.sort(Comparator.comparing((SessionInfo i) -> i.metadata().lastAccessedAt()).reversed());
      return found;
    }
    List<SessionInfo> found = delegate.findByPrincipal(principal,
        fault == Fault.LISTING_IGNORES_EXPIRY ? DAWN : now);
    if (fault == Fault.PRINCIPAL_OLDEST_FIRST) {
      found = new ArrayList<>(found);
      found.sort(Comparator.comparing(i -> i.metadata().lastAccessedAt()));
    }
    return found;
  }

  @Override
  public int deleteByPrincipal(String principal, Instant now) {
    return delegate.deleteByPrincipal(principal, now);
  }

  @Override
  public List<SessionInfo> list(String afterStorageKey, int limit, Instant now) {
    Instant at = fault == Fault.LISTING_IGNORES_EXPIRY ? DAWN : now;
    if (fault == Fault.LIST_IN_COLLATION_ORDER) {
      // What a case- and punctuation-insensitive database collation does to ORDER BY key.
      Comparator<String> collation = Comparator.comparing(
          (String key) -> key.replaceAll("[-_]", "").toLowerCase(Locale.ROOT)).thenComparing(Comparator.naturalOrder());
      List<SessionInfo> all = delegate.list(null, Integer.MAX_VALUE, at).stream()
          .sorted(Comparator.comparing(SessionInfo::storageKey, collation)).collect(Collectors.toList());
      List<SessionInfo> page = new ArrayList<>();
      for (SessionInfo info : all) {
        if ((afterStorageKey == null || collation.compare(info.storageKey(), afterStorageKey) > 0)
            && page.size() < limit) {
          page.add(info);
        }
      }
      return page;
    }
    if (fault == Fault.LIST_FILTERS_EXPIRED_AFTER_LIMIT) {
      // SELECT ... ORDER BY key LIMIT n, then dropping expired rows in code.
      List<SessionInfo> window = delegate.list(afterStorageKey, limit, DAWN);
      return window.stream().filter(info -> !info.metadata().isExpired(now)).collect(Collectors.toList());
    }
    return delegate.list(afterStorageKey, limit, at);
  }

  @Override
  public long count(Instant now) {
    return delegate.count(fault == Fault.LISTING_IGNORES_EXPIRY ? DAWN : now);
  }

  @Override
  public int sweep(Instant now, int maxSessions) {
    return delegate.sweep(now, fault == Fault.SWEEP_UNBOUNDED ? Integer.MAX_VALUE : maxSessions);
  }

  private static void pause() {
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
