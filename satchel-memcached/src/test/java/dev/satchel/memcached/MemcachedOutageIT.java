package dev.satchel.memcached;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionId;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.SessionStore;
import dev.satchel.store.SessionStoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A memcached killed under the store: calls fail fast with a clear message; it is used again once it is back. */
class MemcachedOutageIT {

  @Test
  void killedServerFailsFastAndIsUsedAgainWithoutRestart() throws Exception {
    try (PrivateMemcached server = PrivateMemcached.start();
        SessionStore store = MemcachedSessionStore.builder(server.address()).keyPrefix("outage:")
            .operationTimeout(Duration.ofMillis(500)).build()) {
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      SessionMetadata md = new SessionMetadata(now, now, now.plus(Duration.ofMinutes(30)), "outage-user", null);
      String key = SessionId.generate().storageKey();
      assertThat(store.save(key, SessionChanges.create(Map.of("a", "1"), md), now))
          .isEqualTo(SessionStore.SaveResult.SAVED);

      server.kill();
      long slowest = 0;
      for (int i = 0; i < 5; i++) {
        for (Runnable call : new Runnable[] {
            () -> store.load(key, now),
            () -> store.save(key, SessionChanges.update(Map.of("b", "2"), Set.of(), md), now),
            () -> store.save(SessionId.generate().storageKey(), SessionChanges.create(Map.of(), md), now),
            () -> store.compareAndSet(key, "a", "1", "2", md, now),
            () -> store.delete(key),
            () -> store.findByPrincipal("outage-user", now),
            () -> store.deleteByPrincipal("outage-user", now)}) {
          long start = System.nanoTime();
          assertThatThrownBy(call::run).isInstanceOf(SessionStoreUnavailableException.class)
              .hasMessageContaining(server.address()).hasMessageContaining("500 ms");
          slowest = Math.max(slowest, (System.nanoTime() - start) / 1_000_000);
        }
      }
      System.out.println("memcached killed: slowest failing call took " + slowest + " ms");
      assertThat(slowest).as("slowest failing call (ms)").isLessThanOrEqualTo(2_000);

      server.restart();
      long restarted = System.nanoTime();
      String fresh = SessionId.generate().storageKey();
      long deadline = restarted + Duration.ofSeconds(5).toNanos();
      boolean recovered = false;
      while (System.nanoTime() < deadline) {
        try {
          store.save(fresh, SessionChanges.create(Map.of("c", "3"), md), now);
          recovered = store.load(fresh, now).isPresent();
          if (recovered) {
            break;
          }
        } catch (SessionStoreUnavailableException e) {
          Thread.sleep(20);
        }
      }
      System.out.println("memcached restarted: first successful save+load after "
          + (System.nanoTime() - restarted) / 1_000_000 + " ms");
      assertThat(recovered).as("store used again within 5 s of the restart").isTrue();
      // A killed memcached lost its items: the old session is simply gone (a fresh session), never an error.
      assertThat(store.load(key, now)).isEmpty();
      assertThat(store.findByPrincipal("outage-user", now)).extracting(s -> s.storageKey()).containsExactly(fresh);
    }
  }

  @Test
  void withTwoServersOnlyTheDeadOnesSessionsFailAndNoneMoveToTheOther() throws Exception {
    try (PrivateMemcached alive = PrivateMemcached.start(); PrivateMemcached dying = PrivateMemcached.start();
        SessionStore store = MemcachedSessionStore.builder(alive.address() + "," + dying.address())
            .keyPrefix("half:").build()) {
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      SessionMetadata md = new SessionMetadata(now, now, now.plus(Duration.ofMinutes(30)), null, null);
      java.util.List<String> keys = new java.util.ArrayList<>();
      for (int i = 0; i < 60; i++) {
        String key = SessionId.generate().storageKey();
        store.save(key, SessionChanges.create(Map.of("i", String.valueOf(i)), md), now);
        keys.add(key);
      }
      java.util.List<String> onAlive = new java.util.ArrayList<>();
      for (String key : keys) {
        if (alive.get("half:s:" + key) != null) {
          onAlive.add(key);
        }
      }
      assertThat(onAlive).hasSizeBetween(10, 50);

      dying.kill();
      int failed = 0;
      for (String key : keys) {
        if (onAlive.contains(key)) {
          assertThat(store.load(key, now)).as("a session on the live server").isPresent();
          assertThat(store.save(key, SessionChanges.update(Map.of("b", "2"), Set.of(), md), now))
              .isEqualTo(SessionStore.SaveResult.SAVED);
        } else {
          // Not rerouted to the live server, where it would be missing (a silent logout) or, after the dead
          // server returns, stale.
          assertThatThrownBy(() -> store.load(key, now)).isInstanceOf(SessionStoreUnavailableException.class)
              .hasMessageContaining(dying.address());
          failed++;
        }
      }
      assertThat(failed).isEqualTo(keys.size() - onAlive.size());
    }
  }

  @Test
  void aFrozenServerFailsWithinTheOperationTimeoutAndIsUsedAgainWhenItThaws() throws Exception {
    try (PrivateMemcached server = PrivateMemcached.start();
        SessionStore store = MemcachedSessionStore.builder(server.address()).keyPrefix("frozen:")
            .operationTimeout(Duration.ofMillis(300)).build()) {
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      SessionMetadata md = new SessionMetadata(now, now, now.plus(Duration.ofMinutes(30)), null, null);
      String key = SessionId.generate().storageKey();
      store.save(key, SessionChanges.create(Map.of("a", "1"), md), now);

      server.signal("STOP");
      try {
        long slowest = 0;
        for (int i = 0; i < 4; i++) {
          long start = System.nanoTime();
          assertThatThrownBy(() -> store.load(key, now)).isInstanceOf(SessionStoreUnavailableException.class)
              .hasMessageContaining(server.address()).hasMessageContaining("300 ms");
          slowest = Math.max(slowest, (System.nanoTime() - start) / 1_000_000);
        }
        System.out.println("memcached frozen: slowest failing call took " + slowest + " ms");
        assertThat(slowest).as("bounded by the 300 ms operationTimeout plus slack").isLessThan(2_000);
      } finally {
        server.signal("CONT");
      }
      long thawed = System.nanoTime();
      boolean back = false;
      while (!back && System.nanoTime() - thawed < Duration.ofSeconds(5).toNanos()) {
        try {
          back = store.load(key, now).isPresent();
        } catch (SessionStoreUnavailableException e) {
          Thread.sleep(20);
        }
      }
      System.out.println("memcached thawed: session readable again after "
          + (System.nanoTime() - thawed) / 1_000_000 + " ms");
      assertThat(back).as("the session, kept by the frozen server, is read again within 5 s").isTrue();
    }
  }
}
