package dev.satchel.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionId;
import dev.satchel.store.SessionMetadata;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The background sweeper empties the indexes of expired sessions without anyone calling sweep. */
class IndexSweeperIT {

  @Test
  void theBackgroundSweeperRemovesIndexEntriesOfExpiredSessions() throws Exception {
    try (PrivateRedis redis = PrivateRedis.start()) {
      Instant now = Instant.now();
      // The sweeper's clock runs an hour ahead, so the sessions below are expired for it but alive for Redis' TTL.
      Clock ahead = Clock.fixed(now.plus(Duration.ofHours(1)), ZoneOffset.UTC);
      try (RedisSessionStore store = RedisTestSupport.ready(RedisSessionStore.builder(redis.uri())
          .sweepInterval(Duration.ofMillis(200)).sweepBatchSize(3).clock(ahead).build())) {
        for (int i = 0; i < 10; i++) {
          store.save(SessionId.generate().storageKey(), SessionChanges.create(Map.of("i", "1"),
              new SessionMetadata(now, now, now.plus(Duration.ofMinutes(30)), "ivy", null)), now);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!redis.command("ZCARD", "satchel:{i}:exp").equals(":0") && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertThat(redis.command("ZCARD", "satchel:{i}:exp")).isEqualTo(":0");
        assertThat(redis.command("EXISTS", "satchel:p:ivy")).isEqualTo(":0");
        assertThat(redis.command("DBSIZE")).isEqualTo(":0");
      }
    }
  }
}
