package dev.satchel.demo.reliability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A redis-server of our own on a free port, so killing it disturbs nobody else on the machine. */
final class PrivateRedis implements AutoCloseable {

  final int port;
  private final boolean appendOnly;
  private final Path dir;
  private Process process;

  PrivateRedis(boolean appendOnly) throws IOException {
    this.port = freePort();
    this.appendOnly = appendOnly;
    this.dir = Files.createTempDirectory("satchel-reliability-redis");
    start();
  }

  static boolean available() {
    return Files.isExecutable(Path.of("/usr/bin/redis-server")) || Files.isExecutable(Path.of("/usr/local/bin/redis-server"));
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** Starts (or restarts, on the same port and data directory) the server and waits until it accepts commands. */
  void start() throws IOException {
    List<String> cmd = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
        "--dir", dir.toString(), "--save", "", "--appendonly", appendOnly ? "yes" : "no"));
    if (appendOnly) {
      // Every acknowledged write is on disk before Redis answers: the only setting that loses nothing on SIGKILL.
      cmd.addAll(List.of("--appendfsync", "always"));
    }
    process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile())
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if ("PONG".equals(command("PING"))) {
        return;
      }
      sleep(50);
    }
    throw new IOException("private redis-server did not start on port " + port);
  }

  /** SIGKILL: no shutdown hook, no final fsync. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** One command through redis-cli; null when the server does not answer. */
  String command(String... args) {
    List<String> cmd = new ArrayList<>(List.of("redis-cli", "-p", String.valueOf(port)));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      return p.waitFor() == 0 && !out.startsWith("Could not connect") ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  long dbSize() {
    return Long.parseLong(command("DBSIZE"));
  }

  /**
   * Commands executed so far (INFO commandstats), not counting INFO itself, which is how this is read; commands run
   * inside Lua scripts count as well.
   */
  long commandCalls() {
    long calls = 0;
    for (String line : command("INFO", "commandstats").split("\n")) {
      int colon = line.indexOf(':');
      if (line.startsWith("cmdstat_") && !line.startsWith("cmdstat_info:") && line.startsWith("calls=", colon + 1)) {
        int end = line.indexOf(',', colon);
        calls += Long.parseLong(line.substring(colon + 1 + "calls=".length(), end < 0 ? line.length() : end).trim());
      }
    }
    return calls;
  }

  long usedMemory() {
    for (String line : command("INFO", "memory").split("\n")) {
      if (line.startsWith("used_memory:")) {
        return Long.parseLong(line.substring("used_memory:".length()).trim());
      }
    }
    throw new IllegalStateException("no used_memory in INFO memory");
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      kill();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }

  static boolean reachable(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
