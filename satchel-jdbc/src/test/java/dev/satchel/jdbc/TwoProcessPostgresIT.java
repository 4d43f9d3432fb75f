package dev.satchel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two JVMs share one PostgreSQL session: each writes its own attributes and bumps one shared counter, in parallel,
 * for two seconds. Every attribute of both must be there afterwards and the counter must equal the sum of all
 * increments: nothing is lost across processes (the guarantee an in-process lock could never give).
 */
class TwoProcessPostgresIT {

  /** Generous: a cold first connection on a loaded CI machine must not read as an outage. */
  private static final java.time.Duration TEST_CONNECTION_TIMEOUT = java.time.Duration.ofSeconds(10);

  private final String prefix = Databases.uniquePrefix("twoproc");

  @BeforeAll
  static void serverIsUp() {
    Databases.requireReachable("PostgreSQL", Databases.POSTGRES_URL, Databases.POSTGRES_USER);
  }

  @AfterEach
  void dropTables() {
    Databases.dropTables(Databases.POSTGRES_URL, Databases.POSTGRES_USER, prefix);
  }

  @Test
  void twoProcessesWritingOneSessionLoseNoUpdate() throws Exception {
    try (JdbcSessionStore store = JdbcSessionStore.builder().connectionTimeout(TEST_CONNECTION_TIMEOUT).sweepInterval(Duration.ZERO).jdbcUrl(Databases.POSTGRES_URL)
        .username(Databases.POSTGRES_USER).tablePrefix(prefix).build()) {
      String key = SessionId.generate().storageKey();
      store.save(key, SessionChanges.create(Map.of("counter", "0"), JdbcStoreTests.meta(JdbcStoreTests.T0, null)),
          JdbcStoreTests.T0);

      long start = System.currentTimeMillis() + 5_000; // time for both JVMs to boot and connect
      List<Process> children = new ArrayList<>();
      for (String writer : List.of("p1", "p2")) {
        children.add(spawn(key, writer, start, 2_000));
      }
      long writes = 0;
      long increments = 0;
      for (Process child : children) {
        String output = finish(child);
        String result = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst()
            .orElseThrow(() -> new AssertionError("child printed no RESULT:\n" + output));
        String[] parts = result.split(" ");
        assertThat(Long.parseLong(parts[1])).as("writes by one child").isPositive();
        writes += Long.parseLong(parts[1]);
        increments += Long.parseLong(parts[2]);
      }

      System.out.println("Two processes on one session: " + writes + " attribute writes, " + increments
          + " compare-and-set increments");
      Map<String, String> attributes = store.load(key, JdbcStoreTests.T0).orElseThrow().attributes();
      assertThat(attributes.keySet().stream().filter(n -> n.startsWith("p1")).count()).isPositive();
      assertThat(attributes.keySet().stream().filter(n -> n.startsWith("p2")).count()).isPositive();
      assertThat(attributes).hasSize((int) writes + 1);
      assertThat(attributes).containsEntry("counter", Long.toString(increments));
    }
  }

  private Process spawn(String key, String writer, long start, long durationMillis) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        SharedSessionWriter.class.getName(), Databases.POSTGRES_URL, Databases.POSTGRES_USER, prefix, key, writer,
        Long.toString(start), Long.toString(durationMillis));
    pb.redirectErrorStream(true);
    return pb.start();
  }

  private static String finish(Process child) throws Exception {
    byte[] out = child.getInputStream().readAllBytes();
    boolean exited = child.waitFor(60, TimeUnit.SECONDS);
    String text = new String(out, StandardCharsets.UTF_8);
    if (!exited) {
      child.destroyForcibly();
      throw new AssertionError("child did not finish:\n" + text);
    }
    assertThat(child.exitValue()).as("child exit code; output:\n" + text).isZero();
    return text;
  }
}
