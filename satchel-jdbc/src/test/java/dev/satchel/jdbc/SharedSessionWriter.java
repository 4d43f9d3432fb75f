package dev.satchel.jdbc;

import dev.satchel.store.ComputeResult;
import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.SessionStore.SaveResult;
import dev.satchel.store.SessionStoreUnavailableException;
import dev.satchel.store.StoreOperations;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child process of {@link TwoProcessPostgresIT}: from a given start instant, for a given time, two threads keep
 * writing their own new attributes into one shared session and incrementing a shared counter with
 * {@link StoreOperations#compute}.
 * Prints {@code RESULT <writes> <increments>} at the end.
 */
public final class SharedSessionWriter {

  /** Generous: a cold first connection on a loaded CI machine must not read as an outage. */
  private static final java.time.Duration TEST_CONNECTION_TIMEOUT = java.time.Duration.ofSeconds(10);

  private SharedSessionWriter() {}

  /** Args: jdbcUrl user tablePrefix storageKey writerName startEpochMillis durationMillis. */
  public static void main(String[] args) throws Exception {
    String url = args[0];
    String user = args[1];
    String prefix = args[2];
    String key = args[3];
    String writer = args[4];
    long start = Long.parseLong(args[5]);
    long end = start + Long.parseLong(args[6]);
    AtomicLong writes = new AtomicLong();
    AtomicLong increments = new AtomicLong();
    try (JdbcSessionStore store = JdbcSessionStore.builder().connectionTimeout(TEST_CONNECTION_TIMEOUT).sweepInterval(Duration.ZERO).jdbcUrl(url).username(user).tablePrefix(prefix)
        .createSchema(false).maximumPoolSize(4).build()) {
      warmUp(store, start);
      Thread[] threads = new Thread[2];
      Throwable[] failure = new Throwable[1];
      for (int t = 0; t < threads.length; t++) {
        String name = writer + "t" + t;
        threads[t] = new Thread(() -> {
          try {
            sleepUntil(start);
            // At least a few rounds even if this JVM booted late on a busy machine, so every child really writes.
            for (int n = 0; n < 5 || System.currentTimeMillis() < end; n++) {
              Instant now = JdbcStoreTests.T0.plusMillis(n);
              SessionMetadata meta = JdbcStoreTests.meta(now, null);
              SaveResult r = store.save(key, SessionChanges.update(Map.of(name + "-" + n, Integer.toString(n)),
                  Set.of(), meta), now);
              if (r != SaveResult.SAVED) {
                throw new IllegalStateException("save returned " + r);
              }
              writes.incrementAndGet();
              ComputeResult counted = StoreOperations.compute(store, key, "counter",
                  json -> Long.toString(Long.parseLong(json) + 1), meta, now, 10_000);
              if (!counted.computed()) {
                throw new IllegalStateException("compute returned " + counted);
              }
              increments.incrementAndGet();
            }
          } catch (Throwable e) {
            failure[0] = e;
          }
        });
        threads[t].start();
      }
      for (Thread thread : threads) {
        thread.join();
      }
      if (failure[0] != null) {
        failure[0].printStackTrace();
        System.exit(2);
      }
    }
    System.out.println("RESULT " + writes.get() + " " + increments.get());
  }

  /**
   * Connects before the start line. A cold JVM on a busy machine can need more than the 1 s connection timeout for
   * its very first connection (driver class loading); the store reports that as unavailable and the next call
   * succeeds, which is exactly the retry done here.
   */
  private static void warmUp(JdbcSessionStore store, long start) throws InterruptedException {
    while (true) {
      try {
        store.count(JdbcStoreTests.T0);
        return;
      } catch (SessionStoreUnavailableException e) {
        if (System.currentTimeMillis() > start + 20_000) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  private static void sleepUntil(long epochMillis) throws InterruptedException {
    long wait = epochMillis - System.currentTimeMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }
}
