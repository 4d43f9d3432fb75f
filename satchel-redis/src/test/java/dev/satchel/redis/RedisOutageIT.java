package dev.satchel.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionId;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.SessionStore.SaveResult;
import dev.satchel.store.SessionStoreUnavailableException;
import dev.satchel.store.StoredSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Redis going away under load: a private redis-server is killed (or frozen with SIGSTOP) while threads load and save;
 * every call must fail within the command timeout plus slack with SessionStoreUnavailableException, and the same store
 * must work again within 5 s of Redis returning, with no torn session.
 */
@SuppressWarnings("try") // close() may throw InterruptedException: fine in tests
class RedisOutageIT {

  private static final Duration TIMEOUT = Duration.ofMillis(500);
  /** Scheduling slack on a loaded two-core machine; a hang would take far longer. */
  private static final long SLACK_MS = 1_000;
  private static final int THREADS = 6;
  private static final int SESSIONS = 4;

  /** One call's fate. */
  private record Call(long startNanos, long endNanos, Throwable failure) {
    long millis() {
      return (endNanos - startNanos) / 1_000_000;
    }
  }

  /** Threads that load a session and write x=y=i into it in one save, forever, recording every call. */
  private static final class Load implements AutoCloseable {
    final List<Call> calls = new CopyOnWriteArrayList<>();
    final ConcurrentLinkedQueue<String> torn = new ConcurrentLinkedQueue<>();
    final AtomicBoolean stop = new AtomicBoolean();
    final List<Thread> threads = new ArrayList<>();

    Load(RedisSessionStore store, List<String> keys) {
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        Thread th = new Thread(() -> {
          int i = 0;
          while (!stop.get()) {
            String key = keys.get((thread + i) % keys.size());
            int value = thread * 1_000_000 + i++;
            long start = System.nanoTime();
            try {
              Instant now = Instant.now();
              Optional<StoredSession> s = store.load(key, now);
              s.ifPresent(session -> {
                if (!session.attributes().get("x").equals(session.attributes().get("y"))) {
                  torn.add(key + " " + session.attributes());
                }
              });
              Map<String, String> xy = Map.of("x", Integer.toString(value), "y", Integer.toString(value));
              SessionMetadata md = new SessionMetadata(now, now, now.plusSeconds(600), null, null);
              if (s.isEmpty() || store.save(key, SessionChanges.update(xy, Set.of(), md), now)
                  == SaveResult.NOT_FOUND) {
                store.save(key, SessionChanges.create(xy, md), now);
              }
              calls.add(new Call(start, System.nanoTime(), null));
            } catch (Throwable e) {
              calls.add(new Call(start, System.nanoTime(), e));
            }
          }
        }, "outage-load-" + t);
        th.start();
        threads.add(th);
      }
    }

    List<Call> startedAfter(long nanos) {
      return calls.stream().filter(c -> c.startNanos() >= nanos).toList();
    }

    @Override
    public void close() throws InterruptedException {
      stop.set(true);
      for (Thread t : threads) {
        t.join(10_000);
        assertThat(t.isAlive()).as("load thread %s hangs", t.getName()).isFalse();
      }
    }
  }

  private static List<String> keys() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < SESSIONS; i++) {
      keys.add(SessionId.generate().storageKey());
    }
    return keys;
  }

  private static void assertFailedFastWithUnavailable(List<Call> during, int port, String reason) {
    List<Call> failed = during.stream().filter(c -> c.failure() != null).toList();
    System.out.printf("Redis %s: %d calls, %d failed, slowest %d ms%n", reason, during.size(), failed.size(),
        during.stream().mapToLong(Call::millis).max().orElse(0));
    assertThat(failed).as("calls failed while Redis was %s", reason).isNotEmpty();
    assertThat(failed).allSatisfy(c -> {
      assertThat(c.failure()).isInstanceOf(SessionStoreUnavailableException.class)
          .hasMessageContaining("127.0.0.1:" + port);
    });
    assertThat(during).allSatisfy(c -> assertThat(c.millis()).as("call duration while Redis was %s", reason)
        .isLessThanOrEqualTo(2 * TIMEOUT.toMillis() + SLACK_MS));
  }

  /** Milliseconds from {@code since} until every thread has had a successful call again (or -1). */
  private static long recoveryMillis(Load load, long since, long waitMs) throws InterruptedException {
    long deadline = System.nanoTime() + waitMs * 1_000_000;
    while (System.nanoTime() < deadline) {
      List<Call> ok = load.startedAfter(since).stream().filter(c -> c.failure() == null).toList();
      if (ok.size() >= THREADS) {
        long ms = (ok.get(0).endNanos() - since) / 1_000_000;
        System.out.printf("first successful call %d ms after Redis came back%n", ms);
        return ms;
      }
      Thread.sleep(20);
    }
    return -1;
  }

  @Test
  void killedRedisFailsFastAndTheSameStoreRecoversWhenItReturns() throws Exception {
    try (PrivateRedis redis = PrivateRedis.start();
        RedisSessionStore store = RedisTestSupport.ready(
            RedisSessionStore.builder(redis.uri()).commandTimeout(TIMEOUT).build())) {
      List<String> keys = keys();
      try (Load load = new Load(store, keys)) {
        assertThat(recoveryMillis(load, System.nanoTime(), 30_000)).as("healthy before the kill").isNotNegative();
        Thread.sleep(300);
        assertThat(load.calls).isNotEmpty().allSatisfy(c -> assertThat(c.failure()).isNull());

        long killedAt = System.nanoTime();
        redis.kill();
        Thread.sleep(2_000);
        long restartedAt = System.nanoTime();
        assertFailedFastWithUnavailable(load.startedAfter(killedAt).stream()
            .filter(c -> c.startNanos() < restartedAt).toList(), redis.port(), "down");

        redis.restart();
        long recovered = recoveryMillis(load, System.nanoTime(), 5_000);
        assertThat(recovered).as("ms until calls succeed again after the restart").isBetween(0L, 5_000L);
        long healthyFrom = System.nanoTime() + 300_000_000L;
        Thread.sleep(1_000);
        assertThat(load.startedAfter(healthyFrom)).isNotEmpty()
            .allSatisfy(c -> assertThat(c.failure()).as("call after recovery").isNull());
      }
      Instant now = Instant.now();
      for (String key : keys) {
        StoredSession s = store.load(key, now).orElseThrow();
        assertThat(s.attributes().get("x")).isEqualTo(s.attributes().get("y"));
      }
    }
  }

  @Test
  void frozenRedisTimesOutAndRecoversWhenThawed() throws Exception {
    try (PrivateRedis redis = PrivateRedis.start();
        RedisSessionStore store = RedisTestSupport.ready(
            RedisSessionStore.builder(redis.uri()).commandTimeout(TIMEOUT).build())) {
      List<String> keys = keys();
      try (Load load = new Load(store, keys)) {
        assertThat(recoveryMillis(load, System.nanoTime(), 30_000)).as("healthy before the freeze").isNotNegative();
        Thread.sleep(300);
        long frozenAt = System.nanoTime();
        redis.signal("STOP");
        try {
          Thread.sleep(2_000);
        } finally {
          redis.signal("CONT");
        }
        long thawedAt = System.nanoTime();
        List<Call> during = load.startedAfter(frozenAt).stream().filter(c -> c.startNanos() < thawedAt).toList();
        assertFailedFastWithUnavailable(during, redis.port(), "frozen");
        assertThat(during.stream().filter(c -> c.failure() != null).map(c -> c.failure().getMessage()))
            .anySatisfy(m -> assertThat(m).contains("within 500 ms"));

        long recovered = recoveryMillis(load, thawedAt, 5_000);
        assertThat(recovered).as("ms until calls succeed again after SIGCONT").isBetween(0L, 5_000L);
      }
      assertThat(store.load(keys.get(0), Instant.now())).isPresent();
    }
  }

  @Test
  void redisDownAtStartupFailsFastThenConnectsWhenItAppears() throws Exception {
    try (PrivateRedis redis = PrivateRedis.start()) {
      redis.kill();
      try (RedisSessionStore store = RedisSessionStore.builder(redis.uri()).commandTimeout(TIMEOUT).build()) {
        String key = SessionId.generate().storageKey();
        for (int i = 0; i < 5; i++) {
          long start = System.nanoTime();
          assertThatThrownBy(() -> store.load(key, Instant.now()))
              .isInstanceOf(SessionStoreUnavailableException.class)
              .hasMessageContaining("127.0.0.1:" + redis.port());
          assertThat((System.nanoTime() - start) / 1_000_000).isLessThanOrEqualTo(TIMEOUT.toMillis() + SLACK_MS);
        }
        redis.restart();
        long deadline = System.nanoTime() + 5_000_000_000L;
        Optional<StoredSession> loaded = null;
        while (loaded == null && System.nanoTime() < deadline) {
          try {
            loaded = store.load(key, Instant.now());
          } catch (SessionStoreUnavailableException e) {
            Thread.sleep(50);
          }
        }
        assertThat(loaded).as("a load succeeded within 5 s of Redis starting").isNotNull().isEmpty();
      }
    }
  }
}
