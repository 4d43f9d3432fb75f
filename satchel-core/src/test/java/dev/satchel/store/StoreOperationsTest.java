package dev.satchel.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.satchel.store.memory.MemorySessionStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StoreOperationsTest {

  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private static final SessionMetadata META = new SessionMetadata(NOW, NOW, NOW.plusSeconds(1800), null, null);

  private final MemorySessionStore memory = MemorySessionStore.create();
  private final String key = SessionId.generate().storageKey();

  @Test
  void retriesAfterAConflictWithAFreshRead() {
    memory.save(key, SessionChanges.create(Map.of("n", "1"), META), NOW);
    AtomicInteger conflictsLeft = new AtomicInteger(2);
    AtomicInteger calls = new AtomicInteger();
    SessionStore racy = new Forwarding(memory) {
      @Override
      public CasResult compareAndSet(String k, String a, String expected, String next, SessionMetadata m, Instant n) {
        if (conflictsLeft.getAndDecrement() > 0) {
          // Another request increments first: the next read must see it.
          memory.compareAndSet(k, a, memory.load(k, n).orElseThrow().attributes().get(a),
              String.valueOf(Long.parseLong(memory.load(k, n).orElseThrow().attributes().get(a)) + 10), m, n);
          return CasResult.CONFLICT;
        }
        return super.compareAndSet(k, a, expected, next, m, n);
      }
    };
    ComputeResult result = StoreOperations.compute(racy, key, "n", v -> {
      calls.incrementAndGet();
      return String.valueOf(Long.parseLong(v) + 1);
    }, META, NOW, 5);
    assertThat(result.outcome()).isEqualTo(ComputeResult.Outcome.COMPUTED);
    assertThat(result.attempts()).isEqualTo(3);
    assertThat(calls.get()).isEqualTo(3);
    assertThat(result.json()).isEqualTo("22");
    assertThat(memory.load(key, NOW).orElseThrow().attributes()).containsEntry("n", "22");
  }

  @Test
  void givesUpWithAClearErrorAfterMaxRetriesConflicts() {
    memory.save(key, SessionChanges.create(Map.of("n", "1"), META), NOW);
    SessionStore alwaysConflicts = new Forwarding(memory) {
      @Override
      public CasResult compareAndSet(String k, String a, String expected, String next, SessionMetadata m, Instant n) {
        return CasResult.CONFLICT;
      }
    };
    assertThatThrownBy(() -> StoreOperations.compute(alwaysConflicts, key, "hot", v -> "1", META, NOW, 4))
        .isInstanceOf(SessionStoreException.class)
        .hasMessageContaining("'hot'").hasMessageContaining("4 times");
  }

  @Test
  void aMissingSessionIsNotFoundWithoutCallingTheFunction() {
    AtomicInteger calls = new AtomicInteger();
    ComputeResult result = StoreOperations.compute(memory, key, "n", v -> {
      calls.incrementAndGet();
      return "1";
    }, META, NOW, 3);
    assertThat(result).isEqualTo(new ComputeResult(ComputeResult.Outcome.NOT_FOUND, null, 0));
    assertThat(result.computed()).isFalse();
    assertThat(calls.get()).isZero();
    assertThat(memory.load(key, NOW)).isEmpty();
  }

  @Test
  void aSessionDeletedBetweenReadAndWriteIsNotFound() {
    memory.save(key, SessionChanges.create(Map.of("n", "1"), META), NOW);
    ComputeResult result = StoreOperations.compute(memory, key, "n", v -> {
      memory.delete(key);
      return "2";
    }, META, NOW, 3);
    assertThat(result.outcome()).isEqualTo(ComputeResult.Outcome.NOT_FOUND);
    assertThat(memory.load(key, NOW)).isEmpty();
  }

  @Test
  void rejectsFewerThanOneAttempt() {
    assertThatThrownBy(() -> StoreOperations.compute(memory, key, "n", v -> v, META, NOW, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRetries").hasMessageContaining("0");
  }

  /** Passes every call through, so a test overrides only the one it breaks. */
  private static class Forwarding implements SessionStore {
    private final SessionStore target;

    Forwarding(SessionStore target) {
      this.target = target;
    }

    @Override
    public Optional<StoredSession> load(String storageKey, Instant now) {
      return target.load(storageKey, now);
    }

    @Override
    public SaveResult save(String storageKey, SessionChanges changes, Instant now) {
      return target.save(storageKey, changes, now);
    }

    @Override
    public CasResult compareAndSet(String storageKey, String attribute, String expectedJson, String newJson,
        SessionMetadata metadata, Instant now) {
      return target.compareAndSet(storageKey, attribute, expectedJson, newJson, metadata, now);
    }

    @Override
    public boolean delete(String storageKey) {
      return target.delete(storageKey);
    }

    @Override
    public List<SessionInfo> findByPrincipal(String principal, Instant now) {
      return target.findByPrincipal(principal, now);
    }

    @Override
    public int deleteByPrincipal(String principal, Instant now) {
      return target.deleteByPrincipal(principal, now);
    }

    @Override
    public List<SessionInfo> list(String afterStorageKey, int limit, Instant now) {
      return target.list(afterStorageKey, limit, now);
    }

    @Override
    public long count(Instant now) {
      return target.count(now);
    }

    @Override
    public int sweep(Instant now, int maxSessions) {
      return target.sweep(now, maxSessions);
    }
  }
}
