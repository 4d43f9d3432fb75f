package dev.satchel.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionId;
import dev.satchel.store.SessionInfo;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.SessionStoreUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A redis-sentinel:// URI: the store asks a (private) Sentinel for the master and works against it. */
class RedisSentinelIT {

  @Test
  void sentinelUriFindsTheMasterAndTheStoreWorksThere() throws Exception {
    try (PrivateRedis master = PrivateRedis.start()) {
      int sentinelPort = PrivateRedis.freePort();
      Path dir = Files.createTempDirectory("satchel-sentinel");
      Path conf = dir.resolve("sentinel.conf");
      Files.writeString(conf, String.join("\n", "port " + sentinelPort, "bind 127.0.0.1", "dir " + dir,
          "sentinel monitor satchelmaster 127.0.0.1 " + master.port() + " 1",
          "sentinel down-after-milliseconds satchelmaster 5000", ""));
      Process sentinel = new ProcessBuilder("redis-server", conf.toString(), "--sentinel").redirectErrorStream(true)
          .redirectOutput(dir.resolve("sentinel.log").toFile()).start();
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!RedisTestSupport.reachable("127.0.0.1", sentinelPort) && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        String uri = "redis-sentinel://127.0.0.1:" + sentinelPort + "#satchelmaster";
        try (RedisSessionStore store = RedisTestSupport.ready(RedisSessionStore.builder(uri).build())) {
          Instant now = Instant.now();
          String key = SessionId.generate().storageKey();
          store.save(key, SessionChanges.create(Map.of("a", "1"),
              new SessionMetadata(now, now, now.plus(Duration.ofMinutes(5)), "sam", null)), now);
          assertThat(store.load(key, now).orElseThrow().attributes()).isEqualTo(Map.of("a", "1"));
          assertThat(store.findByPrincipal("sam", now)).extracting(SessionInfo::storageKey).isEqualTo(List.of(key));
          assertThat(master.command("EXISTS", "satchel:s:{" + key + "}")).as("written to the master").isEqualTo(":1");
        }
      } finally {
        sentinel.destroyForcibly();
        sentinel.waitFor(5, TimeUnit.SECONDS);
      }
      // With the sentinel gone, the message names the sentinel and the master name.
      String uri = "redis-sentinel://127.0.0.1:" + sentinelPort + "#satchelmaster";
      try (RedisSessionStore store = RedisSessionStore.builder(uri).build()) {
        assertThatThrownBy(() -> store.load(SessionId.generate().storageKey(), Instant.now()))
            .isInstanceOf(SessionStoreUnavailableException.class)
            .hasMessageContaining("sentinel 127.0.0.1:" + sentinelPort + " (master satchelmaster)");
      }
    }
  }
}
