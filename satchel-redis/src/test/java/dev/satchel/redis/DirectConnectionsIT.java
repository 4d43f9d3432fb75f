package dev.satchel.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionId;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.SessionStore.SaveResult;
import dev.satchel.store.SessionStoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The blocking connections that serve load, save and compare-and-set on a standalone Redis: they are the ones in use,
 * they stay bounded, they survive a Redis restart without failing a load, and they authenticate and select the
 * database the URI names.
 */
@SuppressWarnings("try") // close() may throw InterruptedException: fine in tests
class DirectConnectionsIT {

  private static SessionMetadata meta(Instant now) {
    return new SessionMetadata(now, now, now.plus(Duration.ofMinutes(30)), null, null);
  }

  /** Client connections Redis has open (the test's own CLIENT LIST connection included). */
  private static int clients(PrivateRedis redis) throws Exception {
    return (int) redis.command("CLIENT", "LIST").lines().filter(l -> l.contains("addr=")).count();
  }

  @Test
  void onlyStandaloneWithoutTlsUsesThem() {
    Calls calls = new Calls("x", Duration.ofMillis(500));
    Duration t = Duration.ofSeconds(1);
    assertThat(DirectConnections.forUri(RedisUris.parse("redis://h:6379/2").uris(), false, t, calls, "x")).isNotNull();
    assertThat(DirectConnections.forUri(RedisUris.parse("rediss://h:6379").uris(), false, t, calls, "x")).isNull();
    assertThat(DirectConnections.forUri(RedisUris.parse("redis-sentinel://h:26379#m").uris(), false, t, calls, "x"))
        .isNull();
    RedisUris.Parsed cluster = RedisUris.parse("redis-cluster://h:7000,h:7001");
    assertThat(DirectConnections.forUri(cluster.uris(), cluster.cluster(), t, calls, "x")).isNull();
  }

  @Test
  void requestsRunOnPooledConnectionsThatStayWithinTheBound() throws Exception {
    try (PrivateRedis redis = PrivateRedis.start();
        RedisSessionStore store = RedisTestSupport.ready(RedisSessionStore.builder(redis.uri())
            .commandTimeout(Duration.ofSeconds(5)).sweepInterval(Duration.ZERO).build())) {
      Instant now = Instant.now();
      String key = SessionId.generate().storageKey();
      store.save(key, SessionChanges.create(Map.of("n", "0"), meta(now)), now);
      store.count(now); // the admin operations' Lettuce connection is open too
      int before = clients(redis);
      // Sequential requests reuse one connection.
      for (int i = 0; i < 20; i++) {
        store.load(key, now).orElseThrow();
      }
      assertThat(clients(redis)).isEqualTo(before);

      // Far more threads than the bound: each waits for a free connection instead of opening its own.
      int threads = DirectConnections.MAX_CONNECTIONS * 2;
      CountDownLatch go = new CountDownLatch(1);
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Thread w = new Thread(() -> {
          try {
            go.await();
            for (int i = 0; i < 20; i++) {
              store.load(key, Instant.now()).orElseThrow();
            }
          } catch (Throwable e) {
            failures.add(e);
          }
        });
        workers.add(w);
        w.start();
      }
      go.countDown();
      for (Thread w : workers) {
        w.join(30_000);
      }
      assertThat(failures).isEmpty();
      assertThat(clients(redis)).as("connections to Redis").isLessThanOrEqualTo(before + DirectConnections.MAX_CONNECTIONS);
    }
  }

  @Test
  void aRestartedRedisFailsNoLoadOnTheDeadPooledConnections() throws Exception {
    try (PrivateRedis redis = PrivateRedis.start();
        RedisSessionStore store = RedisTestSupport.ready(RedisSessionStore.builder(redis.uri())
            .commandTimeout(Duration.ofSeconds(2)).sweepInterval(Duration.ZERO).build())) {
      Instant now = Instant.now();
      String key = SessionId.generate().storageKey();
      store.save(key, SessionChanges.create(Map.of("n", "0"), meta(now)), now);
      store.load(key, now).orElseThrow();

      redis.kill();
      redis.restart(); // without persistence: the session is gone, which a load reports as empty

      assertThat(store.load(key, Instant.now())).as("first load after the restart").isEmpty();
      assertThat(store.save(key, SessionChanges.create(Map.of("n", "1"), meta(now)), now)).isEqualTo(SaveResult.SAVED);
      assertThat(store.load(key, now).orElseThrow().attributes()).containsEntry("n", "1");
    }
  }

  @Test
  void theUrisDatabaseAndPasswordAreUsedAndAWrongPasswordFailsClearly() throws Exception {
    try (PrivateRedis redis = PrivateRedis.start()) {
      Instant now = Instant.now();
      String key = SessionId.generate().storageKey();
      try (RedisSessionStore store = RedisTestSupport.ready(RedisSessionStore.builder(redis.uri() + "/3")
          .sweepInterval(Duration.ZERO).build())) {
        store.save(key, SessionChanges.create(Map.of("a", "1"), meta(now)), now);
        assertThat(store.load(key, now)).isPresent();
      }
      assertThat(redis.command("INFO", "keyspace")).contains("db3:keys=").doesNotContain("db0:");

      redis.command("CONFIG", "SET", "requirepass", "s3cret-pw");
      try (RedisSessionStore store = RedisTestSupport.ready(RedisSessionStore.builder(
          "redis://:s3cret-pw@127.0.0.1:" + redis.port() + "/3").sweepInterval(Duration.ZERO).build())) {
        store.save(key, SessionChanges.update(Map.of("a", "2"), Set.of(), meta(now)), now);
        assertThat(store.load(key, now).orElseThrow().attributes()).containsEntry("a", "2");
      }
      try (RedisSessionStore wrong = RedisSessionStore.builder("redis://:nope-pw@127.0.0.1:" + redis.port())
          .sweepInterval(Duration.ZERO).build()) {
        assertThatThrownBy(() -> wrong.load(SessionId.generate().storageKey(), Instant.now()))
            .isInstanceOf(SessionStoreUnavailableException.class).hasMessageContaining("AUTH")
            .hasMessageContaining("127.0.0.1:" + redis.port()).hasMessageNotContaining("nope-pw");
      }
    }
  }
}
