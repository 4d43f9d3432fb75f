package dev.satchel.redis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the test's own on a free port, without persistence, that the test may kill, freeze (SIGSTOP) and
 * restart on the same port without disturbing anybody else's Redis.
 */
final class PrivateRedis implements AutoCloseable {

  private final int port;
  private final Path dir;
  private final List<String> extraArgs;
  private Process process;

  private PrivateRedis(int port, Path dir, List<String> extraArgs) {
    this.port = port;
    this.dir = dir;
    this.extraArgs = extraArgs;
  }

  /** Starts one; skips the test when redis-server is not installed (fails under CI=true). */
  static PrivateRedis start(String... extraArgs) throws IOException, InterruptedException {
    boolean installed = new File("/usr/bin/redis-server").canExecute() || onPath("redis-server");
    if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("redis-server is not installed and CI=true");
    }
    assumeTrue(installed, "redis-server is not installed: skipping tests that need a private Redis");
    PrivateRedis r = new PrivateRedis(freePort(), Files.createTempDirectory("satchel-redis"), List.of(extraArgs));
    r.startProcess();
    return r;
  }

  int port() {
    return port;
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  long pid() {
    return process.pid();
  }

  /** Kills the server at once (SIGKILL): clients see the connection drop. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(5, TimeUnit.SECONDS);
  }

  /** Starts the server again on the same port. */
  void restart() throws IOException, InterruptedException {
    startProcess();
  }

  /** Freezes (SIGSTOP) or thaws (SIGCONT) the server: a slow Redis whose connections stay open. */
  void signal(String signal) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
    p.waitFor(5, TimeUnit.SECONDS);
  }

  private void startProcess() throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--protected-mode", "no"));
    command.addAll(extraArgs);
    process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (ping()) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server exited: " + Files.readString(dir.resolve("redis.log")));
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("redis-server did not answer PING on port " + port + " within 10 s");
  }

  /** Sends one inline command and returns the whole reply text (enough for INFO and PING in tests). */
  String command(String... words) throws IOException {
    return RespClient.call("127.0.0.1", port, List.of(words));
  }

  private boolean ping() {
    try {
      return command("PING").startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }

  private static boolean onPath(String exe) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(File.pathSeparator)) {
      if (new File(d, exe).canExecute()) {
        return true;
      }
    }
    return false;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }
}
