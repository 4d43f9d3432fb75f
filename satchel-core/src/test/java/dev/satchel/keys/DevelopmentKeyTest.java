package dev.satchel.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevelopmentKeyTest {

  @TempDir Path dir;

  @Test
  void keyFileIsOwnerOnlyAndHoldsAStrongKey() throws IOException {
    Path keys = dir.resolve("satchel");
    KeyRing ring = DevelopmentKey.loadOrCreate(keys);
    Path file = keys.resolve("dev-secret-key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
    String text = Files.readString(file).strip();
    assertThat(KeyText.parse(text)).isEqualTo(ring.current()).hasSize(32);
    assertThat(KeyStrength.weakness(text, ring.current())).isEmpty();
    // No temporary files left behind.
    try (var list = Files.list(keys)) {
      assertThat(list.map(p -> p.getFileName().toString())).containsExactly("dev-secret-key");
    }
  }

  @Test
  void manyThreadsStartingAtOnceAllGetTheSameKey() throws Exception {
    int n = 16;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Callable<String> task = () -> {
          start.await();
          return HexFormat.of().formatHex(DevelopmentKey.loadOrCreate(dir.resolve("race")).current());
        };
        results.add(pool.submit(task));
      }
      start.countDown();
      Set<String> keys = new java.util.HashSet<>();
      for (Future<String> f : results) {
        keys.add(f.get(30, TimeUnit.SECONDS));
      }
      assertThat(keys).hasSize(1);
      assertThat(KeyText.parse(Files.readString(dir.resolve("race/dev-secret-key"))))
          .isEqualTo(HexFormat.of().parseHex(keys.iterator().next()));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void severalJvmProcessesStartingAtOnceAllGetTheSameKey() throws Exception {
    Path shared = dir.resolve("procs");
    Path go = dir.resolve("go");
    String java = ProcessHandle.current().info().command().orElse("java");
    List<Process> procs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      procs.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          DevelopmentKeyRacer.class.getName(), shared.toString(), go.toString())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start());
    }
    // Every JVM is up and spinning on the start file before it appears, so they really race.
    Thread.sleep(1500);
    Files.writeString(go, "go");
    List<String> outputs = new ArrayList<>();
    for (Process p : procs) {
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      outputs.add(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
      assertThat(p.exitValue()).isZero();
    }
    assertThat(outputs.stream().collect(Collectors.toSet())).hasSize(1);
    assertThat(outputs.get(0)).matches("[0-9a-f]{64}");
  }

  @Test
  void everyLoadWarnsThatItIsADevelopmentKey() {
    java.io.PrintStream original = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      DevelopmentKey.loadOrCreate(dir.resolve("warn"));
      DevelopmentKey.loadOrCreate(dir.resolve("warn"));
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log).contains("Generated a new DEVELOPMENT secret key in " + dir.resolve("warn/dev-secret-key"));
    assertThat(log.split("Using the DEVELOPMENT secret key", -1)).hasSize(3);
    assertThat(log).contains("never run production like this").contains("SATCHEL_SECRET_KEY");
  }

  @Test
  void damagedFileIsReportedWithTheFix() throws IOException {
    Files.writeString(dir.resolve("dev-secret-key"), "hex:xyz");
    assertThatThrownBy(() -> DevelopmentKey.loadOrCreate(dir))
        .isInstanceOf(SecretKeyException.class)
        .hasMessageContaining("is damaged")
        .hasMessageContaining("Delete it");
  }

  @Test
  void weakFileIsRefused() throws IOException {
    Files.writeString(dir.resolve("dev-secret-key"), "dev");
    assertThatThrownBy(() -> DevelopmentKey.loadOrCreate(dir)).isInstanceOf(WeakSecretKeyException.class);
  }

  @Test
  void unusableDirectoryExplainsTheWayOut() throws IOException {
    // A regular file where the directory should be: fails for every user, root included.
    Path notADirectory = dir.resolve("plain-file");
    Files.writeString(notADirectory, "x");
    assertThatThrownBy(() -> KeyRing.fromEnvironment(Map.of("SATCHEL_ENV", "development",
        "SATCHEL_HOME", notADirectory.resolve("sub").toString()), dir))
        .isInstanceOf(SecretKeyException.class)
        .hasMessageContaining("Cannot create or read the development key file")
        .hasMessageContaining("SATCHEL_HOME");
  }
}
