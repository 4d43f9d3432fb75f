package dev.satchel.demo.reliability;

import dev.satchel.redis.RedisSessionStore;
import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionId;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.SessionStore;
import dev.satchel.store.memory.MemorySessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Bytes per session in the memory store and in Redis; the memory store at its bound under a flood. */
final class MemoryScenarios {

  private MemoryScenarios() {}

  /** A logged-in session as the demo stores it: user, display name, CSRF secret, principal, device. */
  static SessionChanges typicalSession(Instant now) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("user", "\"alice\"");
    attributes.put("display_name", "\"Alice Liddell\"");
    attributes.put("_csrf", "\"" + SessionId.generate().token() + "\"");
    attributes.put("_created", "\"" + now + "\"");
    SessionMetadata meta = new SessionMetadata(now, now, now.plus(Duration.ofHours(24)), "alice",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0 Safari/537.36");
    return SessionChanges.create(attributes, meta);
  }

  static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      PrivateRedis.sleep(100);
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  static void memoryStore(Report report, int sessions) {
    Instant now = Instant.now();
    try (MemorySessionStore store = MemorySessionStore.builder().maximumSessions(sessions * 2L).build()) {
      long before = usedHeap();
      for (int i = 0; i < sessions; i++) {
        store.save(SessionId.generate().storageKey(), typicalSession(now), now);
      }
      long after = usedHeap();
      long count = store.count(now);
      report.line("| memory store (JVM heap delta) | " + sessions + " | " + count + " | "
          + (after - before) / sessions + " |");
    }
  }

  static void redis(Report report, PrivateRedis redis, int sessions) {
    Instant now = Instant.now();
    long before = redis.usedMemory();
    String firstKey = null;
    // A measurement, not a fault test: generous timeouts so a loaded machine does not abort it.
    try (SessionStore store = RedisSessionStore.builder(redis.uri()).connectTimeout(Duration.ofSeconds(10))
        .commandTimeout(Duration.ofSeconds(10)).build()) {
      for (int i = 0; i < sessions; i++) {
        String key = SessionId.generate().storageKey();
        firstKey = firstKey == null ? key : firstKey;
        store.save(key, typicalSession(now), now);
      }
    }
    long after = redis.usedMemory();
    StringBuilder usage = new StringBuilder();
    String keys = redis.command("--scan", "--pattern", "*" + firstKey + "*");
    for (String k : keys == null ? new String[0] : keys.split("\n")) {
      if (!k.isBlank()) {
        usage.append(usage.length() == 0 ? "" : ", ").append("`").append(k.replace(firstKey, "<hash>"))
            .append("` ").append(redis.command("MEMORY", "USAGE", k)).append(" B");
      }
    }
    report.line("| Redis (`INFO memory` used_memory delta; " + redis.command("INFO", "server").lines()
        .filter(l -> l.startsWith("redis_version:")).findFirst().orElse("?").trim() + ") | " + sessions + " | "
        + redis.dbSize() + " keys | " + (after - before) / sessions + " (MEMORY USAGE of one session: " + usage
        + "; the principal index adds a set per user) |");
  }

  /** New visitors far beyond the bound: the store must stay at its bound, evict, and never run out of memory. */
  static void flood(Report report, long bound, int visitors) {
    Instant now = Instant.now();
    boolean oom = false;
    long count;
    long evictions;
    long heap;
    try (MemorySessionStore store = MemorySessionStore.builder().maximumSessions(bound).build()) {
      try {
        for (int i = 0; i < visitors; i++) {
          store.save(SessionId.generate().storageKey(), typicalSession(now), now);
        }
      } catch (OutOfMemoryError e) {
        oom = true;
      }
      PrivateRedis.sleep(500); // Caffeine evicts on its maintenance thread
      count = store.count(now);
      evictions = store.evictionCount();
      heap = usedHeap();
    }
    report.line("| " + bound + " | " + visitors + " | " + count + " | " + evictions + " | " + (oom ? "YES" : "no")
        + " | " + heap / (1024 * 1024) + " MiB |");
    report.want("Memory store at its bound under a flood: no OutOfMemoryError, evictions counted",
        !oom && count <= bound * 11 / 10 && evictions >= visitors - bound * 11 / 10,
        visitors + " new visitors, bound " + bound + ": " + count + " kept, " + evictions + " evicted"
            + (oom ? ", OutOfMemoryError" : ""));
  }
}
