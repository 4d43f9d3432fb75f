package dev.satchel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionId;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.SessionStoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL and MariaDB going away and coming back, through a relay we can cut: calls fail fast with
 * {@link SessionStoreUnavailableException} while the database is gone (including on connections that were open when
 * it went), and the same store works again by itself once it is back.
 */
class DatabaseOutageIT {

  private static final Instant T0 = Instant.now();
  private static final Duration HANG = Duration.ofSeconds(5);

  @Test
  void postgresqlOutageAndRecovery() throws Exception {
    Databases.requireReachable("PostgreSQL", Databases.POSTGRES_URL, Databases.POSTGRES_USER);
    outageAndRecovery(port -> "jdbc:postgresql://127.0.0.1:" + port + "/test", Databases.POSTGRES_USER, 5432,
        Databases.POSTGRES_URL);
  }

  @Test
  void mariadbOutageAndRecovery() throws Exception {
    Databases.requireReachable("MariaDB", Databases.MARIADB_URL, Databases.MARIADB_USER);
    outageAndRecovery(port -> "jdbc:mariadb://127.0.0.1:" + port + "/test", Databases.MARIADB_USER, 3306,
        Databases.MARIADB_URL);
  }

  private interface UrlForPort {
    String url(int port);
  }

  private void outageAndRecovery(UrlForPort urls, String user, int realPort, String realUrl) throws Exception {
    int port = TcpForwarder.freePort();
    String prefix = Databases.uniquePrefix("outage");
    String key = SessionId.generate().storageKey();
    SessionMetadata meta = new SessionMetadata(T0, T0, T0.plusSeconds(3600), null, null);
    try (JdbcSessionStore store = JdbcSessionStore.builder().jdbcUrl(urls.url(port)).username(user)
        .tablePrefix(prefix).connectionTimeout(Duration.ofMillis(500)).socketTimeout(Duration.ofSeconds(2))
        .sweepInterval(Duration.ZERO).build()) {
      // Down from the start: nothing listens on the port.
      SessionStoreUnavailableException e = failsFast(() -> store.load(key, T0));
      assertThat(e.getMessage()).contains("127.0.0.1:" + port).contains("connectionTimeout 500 ms");

      TcpForwarder up = TcpForwarder.start(port, "127.0.0.1", realPort);
      try {
        eventually(() -> store.save(key, SessionChanges.create(Map.of("a", "1"), meta), T0));
        assertThat(store.load(key, T0)).isPresent();
      } finally {
        up.close(); // cut: pooled connections die mid-life
      }

      failsFast(() -> store.load(key, T0));
      failsFast(() -> store.save(key, SessionChanges.update(Map.of("b", "2"), java.util.Set.of(), meta), T0));

      TcpForwarder back = TcpForwarder.start(port, "127.0.0.1", realPort);
      try {
        eventually(() -> store.load(key, T0).orElseThrow());
        assertThat(store.load(key, T0).orElseThrow().attributes()).isEqualTo(Map.of("a", "1"));
      } finally {
        back.close();
      }
    } finally {
      Databases.dropTables(realUrl, user, prefix);
    }
  }

  private static SessionStoreUnavailableException failsFast(Supplier<?> call) {
    long start = System.nanoTime();
    Throwable[] thrown = new Throwable[1];
    assertThatThrownBy(call::get).isInstanceOf(SessionStoreUnavailableException.class).satisfies(t -> thrown[0] = t);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to fail").isLessThan(HANG);
    return (SessionStoreUnavailableException) thrown[0];
  }

  private static void eventually(Supplier<?> call) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        call.get();
        return;
      } catch (SessionStoreUnavailableException e) {
        if (System.nanoTime() > deadline) {
          fail("The store did not recover within 20 s of the database returning", e);
        }
        Thread.sleep(100);
      }
    }
  }
}
