package dev.satchel.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two demo processes on two ports sharing one store: a login on one is a login on both, and so is a logout. */
class DemoMultiInstanceIT {

  private static final Pattern RUNNING = Pattern.compile("running at (http://127\\.0\\.0\\.1:\\d+)/");
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    for (Process p : processes) {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  /** Starts a demo JVM and returns its base URL once it says it is running. */
  String startDemo(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), DemoApp.class.getName(), "--port", "0"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("SATCHEL_ENV", "development");
    Process process = builder.start();
    processes.add(process);
    CompletableFuture<String> url = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
          seen.append(line).append('\n');
          Matcher m = RUNNING.matcher(line);
          if (m.find()) {
            url.complete(m.group(1));
          }
        }
        url.completeExceptionally(new AssertionError("demo exited before starting:\n" + seen));
      } catch (Exception e) {
        url.completeExceptionally(e);
      }
    });
    reader.setDaemon(true);
    reader.start();
    return url.get(60, TimeUnit.SECONDS);
  }

  void loginOnOneIsLoginOnBoth(String... storeArgs) throws Exception {
    String a = startDemo(storeArgs);
    String b = startDemo(storeArgs);
    DemoClient browser = new DemoClient();
    assertThat(browser.get(b + "/profile").statusCode()).isEqualTo(302);

    assertThat(browser.submit(a + "/login", a + "/login", Map.of("username", "alice", "password", "wonderland"))
        .statusCode()).isEqualTo(302);
    assertThat(browser.get(b + "/profile").body()).contains("id=\"profile-user\">alice<");

    assertThat(browser.submit(b + "/logout", b + "/logout", Map.of()).statusCode()).isEqualTo(302);
    assertThat(browser.get(a + "/profile").statusCode()).isEqualTo(302);
    assertThat(browser.get(b + "/profile").statusCode()).isEqualTo(302);
  }

  @Test
  void sharingRedis() throws Exception {
    Services.require("Redis", 6379);
    loginOnOneIsLoginOnBoth("--store", "redis");
  }

  @Test
  void sharingPostgres() throws Exception {
    Services.require("PostgreSQL", 5432);
    loginOnOneIsLoginOnBoth("--store", "postgres");
  }
}
