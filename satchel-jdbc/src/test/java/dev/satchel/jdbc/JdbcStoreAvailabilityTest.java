package dev.satchel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionId;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.SessionStoreUnavailableException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database that is down, or up but silent, fails calls quickly with {@link SessionStoreUnavailableException}, and
 * the store works again by itself once the database is back. Uses an H2 TCP server we start and stop, and a socket
 * that accepts connections but never answers; no external server needed.
 */
class JdbcStoreAvailabilityTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  /** Generous: the configured bound is 500 ms; this only catches hangs, it does not measure speed. */
  private static final Duration HANG = Duration.ofSeconds(5);

  @Test
  void downDatabaseFailsFastAndTheStoreRecoversWhenItReturns(@TempDir Path dir) throws Exception {
    int port = freePort();
    String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/sessions";
    try (JdbcSessionStore store = JdbcSessionStore.builder().jdbcUrl(url).password("hunter2")
        .connectionTimeout(Duration.ofMillis(500)).build()) {
      String key = SessionId.generate().storageKey();

      SessionStoreUnavailableException down = failsFast(() -> store.load(key, T0));
      assertThat(down.getMessage())
          .contains("jdbc:h2:tcp://127.0.0.1:" + port + "/sessions")
          .contains("connectionTimeout 500 ms")
          .doesNotContain("hunter2");

      Server server = startH2(port, dir);
      try {
        eventually(() -> store.save(key, SessionChanges.create(Map.of("a", "1"), meta()), T0));
        assertThat(store.load(key, T0)).isPresent();
      } finally {
        server.stop();
      }

      failsFast(() -> store.load(key, T0));
      failsFast(() -> store.load(key, T0));

      server = startH2(port, dir);
      try {
        eventually(() -> store.load(key, T0).orElseThrow());
        assertThat(store.load(key, T0).orElseThrow().attributes()).containsEntry("a", "1");
      } finally {
        server.stop();
      }
    }
  }

  @Test
  void databaseThatAcceptsButNeverAnswersFailsWithinTheBound() throws Exception {
    try (ServerSocket blackhole = new ServerSocket(0)) {
      List<Socket> held = new ArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(blackhole.accept()); // never read, never answer
          }
        } catch (IOException closed) {
          // test over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      String url = "jdbc:postgresql://127.0.0.1:" + blackhole.getLocalPort() + "/app?user=app&password=hunter2";
      try (JdbcSessionStore store = JdbcSessionStore.builder().jdbcUrl(url)
          .connectionTimeout(Duration.ofMillis(500)).build()) {
        SessionStoreUnavailableException e = failsFast(() -> store.count(T0));
        assertThat(e.getMessage()).contains("127.0.0.1:" + blackhole.getLocalPort()).contains("password=***")
            .doesNotContain("hunter2").contains("500 ms");
        failsFast(() -> store.save(SessionId.generate().storageKey(),
            SessionChanges.create(Map.of("a", "1"), meta()), T0));
      }
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void buildingAStoreNeverBlocksOnTheDatabase() {
    long start = System.nanoTime();
    try (JdbcSessionStore store = JdbcSessionStore.builder().jdbcUrl("jdbc:postgresql://127.0.0.1:1/none")
        .connectionTimeout(Duration.ofMillis(250)).build()) {
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(HANG);
      failsFast(() -> store.delete(SessionId.generate().storageKey()));
    }
  }

  private static SessionMetadata meta() {
    return new SessionMetadata(T0, T0, T0.plusSeconds(3600), null, null);
  }

  private static SessionStoreUnavailableException failsFast(Runnable call) {
    long start = System.nanoTime();
    Throwable[] thrown = new Throwable[1];
    assertThatThrownBy(call::run).isInstanceOf(SessionStoreUnavailableException.class)
        .satisfies(t -> thrown[0] = t);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to fail").isLessThan(HANG);
    return (SessionStoreUnavailableException) thrown[0];
  }

  /** Retries while the store still reports the database unavailable; the pool reconnects in the background. */
  private static void eventually(Runnable call) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        call.run();
        return;
      } catch (SessionStoreUnavailableException e) {
        if (System.nanoTime() > deadline) {
          fail("The store did not recover within 20 s of the database returning", e);
        }
        Thread.sleep(100);
      }
    }
  }

  private static Server startH2(int port, Path dir) throws SQLException {
    return Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists", "-baseDir", dir.toString())
        .start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
