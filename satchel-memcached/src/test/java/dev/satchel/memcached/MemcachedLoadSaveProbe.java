package dev.satchel.memcached;

import dev.satchel.redis.RedisSessionStore;
import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionId;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.SessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A manual measurement, not a test: load+save requests per second on a private memcached and on the local Redis,
 * the same workload on both. Each request is what a web request with a session does: {@code load}, then an UPDATE
 * of one attribute with a new expiry. Run (after {@code mvn -pl satchel-memcached -am test-compile}):
 *
 * <pre>
 * mvn -q -pl satchel-memcached dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp satchel-memcached/target/test-classes:satchel-memcached/target/classes:$(cat /tmp/cp.txt) \
 *     dev.satchel.memcached.MemcachedLoadSaveProbe [seconds] [threads]
 * </pre>
 */
public final class MemcachedLoadSaveProbe {

  private static final int SESSIONS = 1_000;

  private MemcachedLoadSaveProbe() {}

  /** Runs the probe and prints one line per store. */
  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    try (PrivateMemcached server = PrivateMemcached.start();
        SessionStore memcached = MemcachedSessionStore.builder(server.address()).keyPrefix("probe:").build()) {
      run("memcached " + server.address(), memcached, seconds, threads);
    }
    try (SessionStore redis = RedisSessionStore.builder("redis://127.0.0.1:6379")
        .keyPrefix("probe-" + System.nanoTime() + ":").build()) {
      run("redis 127.0.0.1:6379", redis, seconds, threads);
    }
  }

  private static void run(String name, SessionStore store, int seconds, int threads) throws Exception {
    // On a busy machine the first connection can take longer than the stores' connect timeouts: wait for it.
    long connectDeadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (true) {
      try {
        store.load(SessionId.generate().storageKey(), Instant.now());
        break;
      } catch (dev.satchel.store.SessionStoreUnavailableException e) {
        if (System.nanoTime() > connectDeadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
    Instant start = Instant.now();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < SESSIONS; i++) {
      String key = SessionId.generate().storageKey();
      store.save(key, SessionChanges.create(Map.of("user", "\"user-" + i + "\"", "cart", "[1,2,3]", "n", "0"),
          new SessionMetadata(start, start, start.plus(Duration.ofMinutes(30)), "user-" + (i % 100), "probe")),
          start);
      keys.add(key);
    }
    // Warm-up a third of the time, then measure.
    measure(store, keys, Math.max(1, seconds / 3), threads);
    AtomicLong[] result = measure(store, keys, seconds, threads);
    long requests = result[0].get();
    long nanos = result[1].get();
    System.out.printf("%-28s %d threads %d s: %,d load+save requests, %,.0f req/s, mean %,.0f µs per request%n",
        name, threads, seconds, requests, requests / (double) seconds, nanos / 1_000.0 / Math.max(1, requests));
    for (String key : keys) {
      store.delete(key);
    }
  }

  private static AtomicLong[] measure(SessionStore store, List<String> keys, int seconds, int threads)
      throws InterruptedException {
    AtomicLong requests = new AtomicLong();
    AtomicLong nanos = new AtomicLong();
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread w = new Thread(() -> {
        int i = thread;
        while (System.nanoTime() < end) {
          String key = keys.get(i++ % keys.size());
          Instant now = Instant.now();
          long t0 = System.nanoTime();
          SessionMetadata md = store.load(key, now).orElseThrow().metadata();
          store.save(key, SessionChanges.update(Map.of("n", Integer.toString(i)), Set.of(),
              md.touched(now, now.plus(Duration.ofMinutes(30)))), now);
          nanos.addAndGet(System.nanoTime() - t0);
          requests.incrementAndGet();
        }
      });
      w.start();
      workers.add(w);
    }
    for (Thread w : workers) {
      w.join();
    }
    return new AtomicLong[] {requests, nanos};
  }
}
