package dev.satchel.redis;

import dev.satchel.store.ComputeResult;
import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.SessionStore.SaveResult;
import dev.satchel.store.StoreOperations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One of the processes of {@link RedisMultiProcessIT}: for a few seconds, writes its own attributes into shared
 * sessions and increments their shared counter, then prints what it wrote so the parent can check nothing was lost.
 *
 * <p>Arguments: redis URI, key prefix, worker number, duration in ms, comma-separated storage keys, start file. The
 * worker connects, prints READY, and starts when the parent creates the start file, so the processes overlap.
 */
public final class SharedSessionWorker {

  private SharedSessionWorker() {}

  /** Runs the worker; exit code 0 when every write returned SAVED or COMPUTED. */
  public static void main(String[] args) throws Exception {
    String uri = args[0];
    String prefix = args[1];
    int worker = Integer.parseInt(args[2]);
    long durationMs = Long.parseLong(args[3]);
    List<String> keys = List.of(args[4].split(","));
    int[] last = new int[keys.size()];
    int[] unique = new int[keys.size()];
    int[] increments = new int[keys.size()];
    String own = "w" + worker;
    // Generous timeouts: this test is about lost updates, and three cold JVMs start on a busy two-core machine.
    try (RedisSessionStore store = RedisSessionStore.builder(uri).keyPrefix(prefix)
        .connectTimeout(Duration.ofSeconds(10)).commandTimeout(Duration.ofSeconds(5)).build()) {
      connect(store, keys.get(0));
      System.out.println("READY");
      System.out.flush();
      java.nio.file.Path go = java.nio.file.Path.of(args[5]);
      long wait = System.nanoTime() + 120_000_000_000L;
      while (!java.nio.file.Files.exists(go) && System.nanoTime() < wait) {
        Thread.sleep(10);
      }
      long end = System.nanoTime() + durationMs * 1_000_000;
      int round = 0;
      while (System.nanoTime() < end) {
        for (int k = 0; k < keys.size(); k++) {
          Instant now = Instant.now();
          SessionMetadata md = new SessionMetadata(now, now, now.plusSeconds(600), "multi", "worker " + worker);
          int next = last[k] + 1;
          java.util.Map<String, String> upserts = new java.util.HashMap<>();
          upserts.put(own, Integer.toString(next));
          if (round % 5 == 0) {
            upserts.put(own + "-u" + unique[k], "true");
          }
          if (store.save(keys.get(k), SessionChanges.update(upserts, Set.of(), md), now) != SaveResult.SAVED) {
            System.err.println("save NOT_FOUND for session " + k);
            System.exit(2);
          }
          last[k] = next;
          if (round % 5 == 0) {
            unique[k]++;
          }
          ComputeResult r = StoreOperations.compute(store, keys.get(k), "hits",
              v -> Long.toString(Long.parseLong(v) + 1), md, now, 100_000);
          if (!r.computed()) {
            System.err.println("compute NOT_FOUND for session " + k);
            System.exit(3);
          }
          increments[k]++;
        }
        round++;
      }
    }
    for (int k = 0; k < keys.size(); k++) {
      System.out.println("RESULT " + k + " " + last[k] + " " + unique[k] + " " + increments[k]);
    }
  }

  /** Waits until the store answers: starting three JVMs on a loaded machine can take longer than any timeout. */
  private static void connect(RedisSessionStore store, String key) throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (true) {
      try {
        store.load(key, Instant.now());
        return;
      } catch (dev.satchel.store.SessionStoreUnavailableException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }
}
