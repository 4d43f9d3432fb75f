package dev.satchel.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionId;
import dev.satchel.store.SessionInfo;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.StoredSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Three JVM processes share sessions in the real Redis: each writes its own attributes and increments a shared
 * counter in every session, in parallel, for a few seconds. Afterwards every attribute holds its writer's last
 * value, every one-off attribute is there, and each counter equals the sum of the increments the processes made.
 */
class RedisMultiProcessIT {

  private static final int PROCESSES = 3;
  private static final int SESSIONS = 3;
  private static final long DURATION_MS = 3_000;

  @Test
  void threeProcessesLoseNoUpdateAndNoIncrement() throws Exception {
    RedisTestSupport.requireRedis();
    String prefix = RedisTestSupport.uniquePrefix(RedisMultiProcessIT.class);
    try (RedisSessionStore store = RedisTestSupport.ready(RedisSessionStore.builder(RedisTestSupport.URI)
        .keyPrefix(prefix).build())) {
      Instant now = Instant.now();
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < SESSIONS; i++) {
        String key = SessionId.generate().storageKey();
        store.save(key, SessionChanges.create(Map.of("hits", "0"),
            new SessionMetadata(now, now, now.plusSeconds(600), "multi", null)), now);
        keys.add(key);
      }
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<Process> processes = new ArrayList<>();
      List<Path> outputs = new ArrayList<>();
      Path go = Files.createTempDirectory("satchel-workers").resolve("go");
      for (int w = 0; w < PROCESSES; w++) {
        Path out = Files.createTempFile("satchel-worker-" + w, ".txt");
        outputs.add(out);
        processes.add(new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
            SharedSessionWorker.class.getName(), RedisTestSupport.URI, prefix, Integer.toString(w),
            Long.toString(DURATION_MS), String.join(",", keys), go.toString())
            .redirectErrorStream(true).redirectOutput(out.toFile()).start());
      }
      long readyBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      for (int w = 0; w < PROCESSES; w++) {
        while (!Files.readString(outputs.get(w)).contains("READY") && processes.get(w).isAlive()
            && System.nanoTime() < readyBy) {
          Thread.sleep(20);
        }
      }
      Files.createFile(go);
      for (int w = 0; w < PROCESSES; w++) {
        Process p = processes.get(w);
        boolean exited = p.waitFor(DURATION_MS + 60_000, TimeUnit.MILLISECONDS);
        if (!exited) {
          p.destroyForcibly();
        }
        String output = Files.readString(outputs.get(w), StandardCharsets.UTF_8);
        assertThat(exited).as("worker %d finished; output:%n%s", w, output).isTrue();
        assertThat(p.exitValue()).as("worker %d exit code; output:%n%s", w, output).isZero();
      }

      long[] expectedHits = new long[SESSIONS];
      Instant later = Instant.now();
      Map<String, StoredSession> sessions = new java.util.HashMap<>();
      for (String key : keys) {
        sessions.put(key, store.load(key, later).orElseThrow());
      }
      long totalWrites = 0;
      for (int w = 0; w < PROCESSES; w++) {
        for (String line : Files.readAllLines(outputs.get(w))) {
          if (!line.startsWith("RESULT ")) {
            continue;
          }
          String[] f = line.split(" ");
          int k = Integer.parseInt(f[1]);
          int last = Integer.parseInt(f[2]);
          int unique = Integer.parseInt(f[3]);
          int increments = Integer.parseInt(f[4]);
          Map<String, String> attributes = sessions.get(keys.get(k)).attributes();
          assertThat(last).as("worker %d wrote session %d", w, k).isPositive();
          assertThat(attributes).as("worker %d's own attribute in session %d", w, k)
              .containsEntry("w" + w, Integer.toString(last));
          for (int u = 0; u < unique; u++) {
            assertThat(attributes).as("one-off attribute %d of worker %d", u, w).containsKey("w" + w + "-u" + u);
          }
          String onceFor = "w" + w + "-u";
          assertThat(attributes.keySet().stream().filter(n -> n.startsWith(onceFor)).count())
              .isEqualTo(unique);
          expectedHits[k] += increments;
          totalWrites += last + increments;
        }
      }
      for (int k = 0; k < SESSIONS; k++) {
        assertThat(sessions.get(keys.get(k)).attributes().get("hits")).as("counter of session %d", k)
            .isEqualTo(Long.toString(expectedHits[k]));
      }
      assertThat(store.findByPrincipal("multi", later)).extracting(SessionInfo::storageKey)
          .containsExactlyInAnyOrderElementsOf(keys);
      System.out.printf("%d processes made %d saves and computes on %d shared sessions in %d ms%n", PROCESSES,
          totalWrites, SESSIONS, DURATION_MS);
      store.deleteByPrincipal("multi", later);
      assertThat(store.count(later)).isZero();
    } finally {
      RedisTestSupport.deletePrefix(prefix);
    }
  }
}
