package dev.satchel.memcached;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.satchel.store.ComputeResult;
import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionId;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.SessionStore;
import dev.satchel.store.SessionStoreException;
import dev.satchel.store.StoreOperations;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the kit cannot see: two servers with consistent hashing, long TTLs, the item size limit. */
class MemcachedStoreIT {

  private static PrivateMemcached first;
  private static PrivateMemcached second;

  @BeforeAll
  static void start() throws Exception {
    first = PrivateMemcached.start();
    second = PrivateMemcached.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (first != null) {
      first.close();
    }
    if (second != null) {
      second.close();
    }
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  private static SessionMetadata meta(String principal, Instant now, Duration life) {
    return new SessionMetadata(now, now, now.plus(life), principal, "JUnit");
  }

  private static String create(SessionStore store, Map<String, String> attributes, SessionMetadata md, Instant now) {
    String key = SessionId.generate().storageKey();
    assertThat(store.save(key, SessionChanges.create(attributes, md), now)).isEqualTo(SessionStore.SaveResult.SAVED);
    return key;
  }

  @Test
  void sessionsSpreadOverTwoServersAndAnyServerOrderFindsThem() throws Exception {
    String servers = first.address() + "," + second.address();
    String reversed = second.address() + "," + first.address();
    long before1 = first.stat("curr_items");
    long before2 = second.stat("curr_items");
    Instant now = now();
    List<String> keys = new ArrayList<>();
    try (SessionStore store = MemcachedSessionStore.builder(servers).keyPrefix("spread:").build();
        SessionStore other = MemcachedSessionStore.builder(reversed).keyPrefix("spread:").build()) {
      for (int i = 0; i < 200; i++) {
        keys.add(create(store, Map.of("i", String.valueOf(i)), meta("spread-user", now, Duration.ofMinutes(30)), now));
      }
      long added1 = first.stat("curr_items") - before1;
      long added2 = second.stat("curr_items") - before2;
      // 200 sessions + 1 index item; ketama gives each server a fair share, far from all-or-nothing.
      assertThat(added1 + added2).isEqualTo(201);
      assertThat(added1).as("items on the first server").isBetween(40L, 161L);
      assertThat(added2).as("items on the second server").isBetween(40L, 161L);

      for (int i = 0; i < keys.size(); i++) {
        String expected = String.valueOf(i);
        assertThat(other.load(keys.get(i), now)).as("session %d through the reversed server list", i)
            .hasValueSatisfying(s -> assertThat(s.attributes()).containsEntry("i", expected));
      }
      assertThat(other.findByPrincipal("spread-user", now)).hasSize(200);
      assertThat(other.deleteByPrincipal("spread-user", now)).isEqualTo(200);
      for (String key : keys) {
        assertThat(store.load(key, now)).isEmpty();
      }
    }
  }

  @Test
  void parallelComputeOverTwoServersIsExact() throws Exception {
    String servers = first.address() + "," + second.address();
    Instant now = now();
    int threads = 8;
    int perThread = 50;
    try (SessionStore store = MemcachedSessionStore.builder(servers).keyPrefix("compute:").build()) {
      List<String> sessions = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        sessions.add(create(store, Map.of("n", "0"), meta(null, now, Duration.ofMinutes(30)), now));
      }
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          done.add(pool.submit(() -> {
            for (int i = 0; i < perThread; i++) {
              String key = sessions.get((thread + i) % sessions.size());
              // Unrelated attributes written in between make the session's CAS token move under compute.
              store.save(key, SessionChanges.update(Map.of("t" + thread, String.valueOf(i)), java.util.Set.of(),
                  meta(null, now, Duration.ofMinutes(30))), now);
              ComputeResult r = StoreOperations.compute(store, key, "n", v -> String.valueOf(Long.parseLong(v) + 1),
                  meta(null, now, Duration.ofMinutes(30)), now, 100_000);
              assertThat(r.computed()).isTrue();
            }
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      long total = 0;
      for (String key : sessions) {
        total += Long.parseLong(store.load(key, now).orElseThrow().attributes().get("n"));
      }
      assertThat(total).isEqualTo((long) threads * perThread);
    }
  }

  @Test
  void sessionsLongerThanThirtyDaysAreKeptNotExpiredAtOnce() throws Exception {
    // Memcached reads a TTL over 30 days as an absolute Unix time: sent as a plain number of seconds, a 40-day
    // session would be dated 1970 and vanish at once.
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    try (SessionStore store = MemcachedSessionStore.builder(first.address()).keyPrefix("long:").build()) {
      String key = create(store, Map.of("a", "1"), meta("long-user", now, Duration.ofDays(40)), now);
      assertThat(store.load(key, now)).isPresent();
      assertThat(first.get("long:s:" + key)).as("the item in memcached itself").isNotNull();
      store.save(key, SessionChanges.touch(meta("long-user", now, Duration.ofDays(400))), now);
      assertThat(first.get("long:s:" + key)).as("after a touch to 400 days").isNotNull();
      assertThat(store.findByPrincipal("long-user", now)).hasSize(1);
    }
  }

  @Test
  void anOversizedSessionFailsWithAClearMessageAndWritesNothing() throws Exception {
    Instant now = now();
    String huge = "\"" + "x".repeat(1_100_000) + "\"";
    try (SessionStore store = MemcachedSessionStore.builder(first.address()).keyPrefix("big:").build()) {
      String key = SessionId.generate().storageKey();
      assertThatThrownBy(() -> store.save(key, SessionChanges.create(Map.of("big", huge),
          meta(null, now, Duration.ofMinutes(5))), now)).isInstanceOf(SessionStoreException.class)
          .hasMessageContaining("item limit").hasMessageContaining("-I");
      assertThat(store.load(key, now)).isEmpty();

      String small = create(store, Map.of("a", "1"), meta(null, now, Duration.ofMinutes(5)), now);
      assertThatThrownBy(() -> store.save(small, SessionChanges.update(Map.of("big", huge), java.util.Set.of(),
          meta(null, now, Duration.ofMinutes(5))), now)).isInstanceOf(SessionStoreException.class)
          .hasMessageContaining("item limit");
      assertThat(store.load(small, now).orElseThrow().attributes()).containsExactlyEntriesOf(Map.of("a", "1"));
    }
    // A store configured above the server's own limit gets the server's refusal, with the same message.
    try (SessionStore store = MemcachedSessionStore.builder(first.address()).keyPrefix("big2:")
        .maxItemBytes(4 * 1024 * 1024).build()) {
      String key = SessionId.generate().storageKey();
      assertThatThrownBy(() -> store.save(key, SessionChanges.create(Map.of("big", huge),
          meta(null, now, Duration.ofMinutes(5))), now)).isInstanceOf(SessionStoreException.class)
          .hasMessageContaining("item limit");
      assertThat(store.load(key, now)).isEmpty();
    }
  }
}
