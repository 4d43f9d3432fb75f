package dev.satchel.demo.reliability;

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

/** A demo JVM started on a free port with the reliability routes; its base URL once it says it is running. */
final class DemoProcess implements AutoCloseable {

  private static final Pattern RUNNING = Pattern.compile("running at (http://127\\.0\\.0\\.1:\\d+)/");

  final String url;
  private final Process process;
  private final StringBuffer output = new StringBuffer();

  DemoProcess(String secretKey, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-cp", System.getProperty("java.class.path"), "dev.satchel.demo.DemoApp", "--port", "0", "--bench-routes"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.remove("SATCHEL_ENV");
    env.put("SATCHEL_SECRET_KEY", secretKey);
    process = builder.start();
    CompletableFuture<String> started = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          if (output.length() < 200_000) {
            output.append(line).append('\n');
          }
          Matcher m = RUNNING.matcher(line);
          if (m.find()) {
            started.complete(m.group(1));
          }
        }
        started.completeExceptionally(new IllegalStateException("demo exited before starting:\n" + output));
      } catch (Exception e) {
        started.completeExceptionally(e);
      }
    }, "demo-output");
    reader.setDaemon(true);
    reader.start();
    url = started.get(90, TimeUnit.SECONDS);
  }

  /** Everything the demo printed (its log), for the report when something unexpected happened. */
  String output() {
    return output.toString();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
