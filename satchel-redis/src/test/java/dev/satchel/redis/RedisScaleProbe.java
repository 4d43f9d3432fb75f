package dev.satchel.redis;

import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.SessionStore.SaveResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A manual measurement, not a test: load+save round trips per second against a private redis-server holding 1,000
 * and then 1,000,000 sessions, to show the per-request cost does not grow with the store. Sessions are bulk-created
 * by a Lua script in the store's exact layout (saving a million through the store would take minutes).
 *
 * <p>Run: {@code mvn -pl satchel-redis -am test-compile} then
 * {@code java -cp <test classpath> dev.satchel.redis.RedisScaleProbe [seconds] [threads]}.
 */
public final class RedisScaleProbe {

  private static final String POPULATE = """
      local prefix, from, to, now, exp, ttl = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], ARGV[5], ARGV[6]
      local expMicros = ARGV[7]
      for i = from, to - 1 do
        local sk = string.format('%043d', i)
        local k = prefix .. 's:{' .. sk .. '}'
        redis.call('HSET', k, '@c', now, '@a', now, '@e', exp, '@p', 'user' .. (i % 100000), 'a:user', '"u' .. i .. '"',
          'a:cart', '[1,2,3]', 'a:n', '0')
        redis.call('PEXPIRE', k, ttl)
        redis.call('ZADD', prefix .. '{i}:exp', expMicros, sk)
        redis.call('ZADD', prefix .. '{i}:keys', 0, sk)
        redis.call('HSET', prefix .. '{i}:owners', sk, 'user' .. (i % 100000))
        redis.call('ZADD', prefix .. 'p:user' .. (i % 100000), expMicros, sk)
      end
      return to - from
      """;

  private RedisScaleProbe() {}

  /** Populates, measures at 1,000 and at 1,000,000 sessions, prints one line per measurement. */
  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    try (PrivateRedis redis = PrivateRedis.start();
        RedisSessionStore store = RedisTestSupport.ready(RedisSessionStore.builder(redis.uri())
            .commandTimeout(Duration.ofSeconds(2)).sweepInterval(Duration.ZERO).build())) {
      Instant now = Instant.now();
      Instant expires = now.plus(Duration.ofHours(2));
      int stored = 0;
      for (int target : new int[] {1_000, 1_000_000}) {
        long t0 = System.nanoTime();
        while (stored < target) {
          int to = Math.min(target, stored + 10_000);
          redis.command("EVAL", POPULATE, "0", "satchel:", Integer.toString(stored), Integer.toString(to),
              SessionHash.instant(now), SessionHash.instant(expires), Long.toString(7_200_000),
              Long.toString(SessionHash.micros(expires)));
          stored = to;
        }
        System.out.printf("populated %,d sessions in %.1f s; %s%n", stored, (System.nanoTime() - t0) / 1e9,
            redis.command("INFO", "memory").lines().filter(l -> l.startsWith("used_memory_human")).findFirst()
                .orElse(""));
        measure(store, stored, seconds, threads);
      }
    }
  }

  private static void measure(RedisSessionStore store, int stored, int seconds, int threads) throws Exception {
    AtomicLong requests = new AtomicLong();
    AtomicLong nanos = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int seed = t;
      Thread w = new Thread(() -> {
        java.util.Random random = new java.util.Random(seed);
        while (System.nanoTime() < end) {
          String sk = String.format("%043d", random.nextInt(stored));
          long start = System.nanoTime();
          Instant now = Instant.now();
          var session = store.load(sk, now).orElseThrow();
          SessionMetadata md = session.metadata().touched(now, now.plus(Duration.ofMinutes(30)));
          SaveResult r = store.save(sk, SessionChanges.update(Map.of("n", Long.toString(start)), Set.of(), md), now);
          if (r != SaveResult.SAVED) {
            throw new IllegalStateException("save " + r);
          }
          nanos.addAndGet(System.nanoTime() - start);
          requests.incrementAndGet();
        }
      });
      w.start();
      workers.add(w);
    }
    for (Thread w : workers) {
      w.join();
    }
    System.out.printf("%,d sessions stored, %d threads: %,d load+save requests/s, mean %.0f µs per request%n",
        stored, threads, requests.get() / seconds, nanos.get() / 1e3 / requests.get());
  }
}
