package dev.satchel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.store.StoreSweeper;
import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionId;
import dev.satchel.store.SessionMetadata;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The background sweeper: expired rows really leave the database, in bounded batches, and outages do not kill it. */
class JdbcSweeperTest {

  /** Generous: a cold first connection on a loaded CI machine must not read as an outage. */
  private static final java.time.Duration TEST_CONNECTION_TIMEOUT = java.time.Duration.ofSeconds(10);

  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static JdbcSessionStore.Builder h2(String name) {
    return JdbcSessionStore.builder().connectionTimeout(TEST_CONNECTION_TIMEOUT).jdbcUrl("jdbc:h2:mem:sweeper-" + name + "-" + System.nanoTime()).clock(CLOCK);
  }

  private static List<String> sessions(JdbcSessionStore store, int count, Instant expiresAt) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String key = SessionId.generate().storageKey();
      Instant created = expiresAt.minusSeconds(60);
      store.save(key, SessionChanges.create(Map.of("a", "1"), new SessionMetadata(created, created, expiresAt, null,
          null)), created);
      keys.add(key);
    }
    return keys;
  }

  @Test
  void theBackgroundSweeperDeletesExpiredSessionsAndKeepsLiveOnes() throws InterruptedException {
    try (JdbcSessionStore store = h2("background").sweepInterval(Duration.ofMillis(50)).build()) {
      sessions(store, 5, NOW.minusSeconds(1));
      List<String> live = sessions(store, 2, NOW.plusSeconds(60));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      // list() at a time before every expiry sees rows that are still in the table, expired or not.
      Instant past = NOW.minusSeconds(3600);
      while (store.count(past) > 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(store.count(past)).as("rows left in the table").isEqualTo(2);
      assertThat(store.load(live.get(0), NOW)).isPresent();
    }
  }

  @Test
  void oneRunWorksInBatchesAndStopsAtItsBound() {
    try (JdbcSessionStore store = h2("batches").sweepInterval(Duration.ZERO).build()) {
      sessions(store, 25, NOW.minusSeconds(1));
      StoreSweeper bounded = new StoreSweeper(store, CLOCK, Duration.ofDays(1), 4, 3, "jdbc-test");
      try {
        assertThat(bounded.runOnce()).as("3 batches of 4").isEqualTo(12);
        assertThat(bounded.runOnce()).isEqualTo(12);
        assertThat(bounded.runOnce()).as("a short batch ends the run").isEqualTo(1);
        assertThat(bounded.runOnce()).isZero();
      } finally {
        bounded.close();
      }
    }
  }

  @Test
  void anUnreachableDatabaseDoesNotStopTheSweeper() {
    try (JdbcSessionStore store = JdbcSessionStore.builder().jdbcUrl("jdbc:postgresql://127.0.0.1:1/none")
        .connectionTimeout(Duration.ofMillis(250)).sweepInterval(Duration.ZERO).build()) {
      StoreSweeper sweeper = new StoreSweeper(store, CLOCK, Duration.ofDays(1), 10, 1, "jdbc-test");
      try {
        assertThat(sweeper.runOnce()).isZero();
        assertThat(sweeper.runOnce()).isZero();
      } finally {
        sweeper.close();
      }
    }
  }
}
