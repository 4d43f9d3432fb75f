package dev.satchel.bench.http;

import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionId;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.memory.MemorySessionStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Heap bytes per session in the memory store: the heap after a full GC with N sessions saved (the same two
 * attributes the HTTP bench app stores), minus the heap before, divided by N. Prints one line:
 * {@code sessions=N bytesPerSession=B}.
 *
 * <p>Run: {@code java -cp satchel-bench-http.jar dev.satchel.bench.http.MemoryPerSession 100000}
 */
public final class MemoryPerSession {

  private MemoryPerSession() {}

  /** Measures with {@code args[0]} sessions (default 100,000). */
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    MemorySessionStore store = MemorySessionStore.builder().maximumSessions(n * 2L).build();
    Instant now = Instant.now();
    // Warm the store's code paths and indexes, then measure from a settled heap.
    store.save(SessionId.hash("warm-up"), changes(now), now);
    long before = usedAfterGc();
    for (int i = 0; i < n; i++) {
      store.save(SessionId.generate().storageKey(), changes(now), now);
    }
    long after = usedAfterGc();
    if (store.count(now) != n + 1) {
      throw new IllegalStateException("expected " + (n + 1) + " sessions, the store holds " + store.count(now));
    }
    System.out.println("sessions=" + n + " bytesPerSession=" + Math.round((after - before) / (double) n));
    store.close();
  }

  private static SessionChanges changes(Instant now) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("user", "\"alice\"");
    attributes.put("counter", "0");
    return SessionChanges.create(attributes,
        new SessionMetadata(now, now, now.plus(Duration.ofHours(24)), null, null));
  }

  private static long usedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
