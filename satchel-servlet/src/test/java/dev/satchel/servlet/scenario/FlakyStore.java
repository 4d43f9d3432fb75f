package dev.satchel.servlet.scenario;

import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionInfo;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.SessionStore;
import dev.satchel.store.SessionStoreUnavailableException;
import dev.satchel.store.StoredSession;
import dev.satchel.store.memory.MemorySessionStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The memory store, with a switch that makes every call fail as an unreachable store does. */
public final class FlakyStore implements SessionStore {

  private final SessionStore delegate = MemorySessionStore.create();
  private volatile boolean down;

  /** Makes the store unreachable (true) or reachable again (false). */
  public void down(boolean down) {
    this.down = down;
  }

  private void check() {
    if (down) {
      throw new SessionStoreUnavailableException("test store at 10.0.0.99:6379 is down (connection refused)");
    }
  }

  @Override
  public Optional<StoredSession> load(String storageKey, Instant now) {
    check();
    return delegate.load(storageKey, now);
  }

  @Override
  public SaveResult save(String storageKey, SessionChanges changes, Instant now) {
    check();
    return delegate.save(storageKey, changes, now);
  }

  @Override
  public CasResult compareAndSet(String storageKey, String attribute, String expectedJson, String newJson,
      SessionMetadata metadata, Instant now) {
    check();
    return delegate.compareAndSet(storageKey, attribute, expectedJson, newJson, metadata, now);
  }

  @Override
  public boolean delete(String storageKey) {
    check();
    return delegate.delete(storageKey);
  }

  @Override
  public List<SessionInfo> findByPrincipal(String principal, Instant now) {
    check();
    return delegate.findByPrincipal(principal, now);
  }

  @Override
  public int deleteByPrincipal(String principal, Instant now) {
    check();
    return delegate.deleteByPrincipal(principal, now);
  }

  @Override
  public List<SessionInfo> list(String afterStorageKey, int limit, Instant now) {
    check();
    return delegate.list(afterStorageKey, limit, now);
  }

  @Override
  public long count(Instant now) {
    check();
    return delegate.count(now);
  }

  @Override
  public int sweep(Instant now, int maxSessions) {
    check();
    return delegate.sweep(now, maxSessions);
  }
}
