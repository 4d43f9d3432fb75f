package dev.satchel.memcached;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A memcached of the test's own on a free port ({@code memcached -p PORT -U 0 -l 127.0.0.1 -m 64}), which the test
 * may kill and restart on the same port without disturbing anybody else.
 */
final class PrivateMemcached implements AutoCloseable {

  private static final String BINARY = "/usr/bin/memcached";

  private final int port;
  private final List<String> extraArgs;
  private Process process;

  private PrivateMemcached(int port, List<String> extraArgs) {
    this.port = port;
    this.extraArgs = extraArgs;
  }

  /** Starts one; skips the test visibly when memcached is not installed, and fails under CI=true. */
  static PrivateMemcached start(String... extraArgs) throws IOException, InterruptedException {
    boolean installed = new File(BINARY).canExecute();
    if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(BINARY + " is not installed and CI=true (apt-get install memcached)");
    }
    assumeTrue(installed, BINARY + " is not installed: skipping tests that need a private memcached");
    PrivateMemcached m = new PrivateMemcached(freePort(), List.of(extraArgs));
    m.startProcess();
    return m;
  }

  int port() {
    return port;
  }

  String address() {
    return "127.0.0.1:" + port;
  }

  /** Kills the server at once (SIGKILL): clients see the connection drop and lose every item. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(5, TimeUnit.SECONDS);
  }

  /** Freezes (STOP) or thaws (CONT) the server: connections stay open but nothing answers. */
  void signal(String signal) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor(5,
        TimeUnit.SECONDS);
  }

  /** Starts the server again on the same port. */
  void restart() throws IOException, InterruptedException {
    startProcess();
  }

  private void startProcess() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(BINARY, "-p", Integer.toString(port), "-U", "0", "-l",
        "127.0.0.1", "-m", "64"));
    if ("root".equals(System.getProperty("user.name"))) {
      command.addAll(List.of("-u", "root")); // memcached refuses to run as root without naming a user
    }
    command.addAll(extraArgs);
    process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (command("version").startsWith("VERSION")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("memcached exited with " + process.exitValue() + ": " + command);
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("memcached did not answer on port " + port + " within 10 s");
  }

  /** One ASCII-protocol command; the reply up to and including its terminating line. */
  String command(String line) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
      s.setSoTimeout(5_000);
      OutputStream out = s.getOutputStream();
      out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream reply = new ByteArrayOutputStream();
      byte[] buf = new byte[65_536];
      while (true) {
        int n = in.read(buf);
        if (n < 0) {
          break;
        }
        reply.write(buf, 0, n);
        String text = reply.toString(StandardCharsets.UTF_8);
        if (text.endsWith("END\r\n") || text.endsWith("ERROR\r\n") || text.startsWith("VERSION")
            && text.endsWith("\r\n") || text.equals("OK\r\n")) {
          break;
        }
      }
      return reply.toString(StandardCharsets.UTF_8);
    }
  }

  /** Every live key of this server (lru_crawler metadump), decoded. */
  List<String> keys() throws IOException {
    List<String> keys = new ArrayList<>();
    for (String line : command("lru_crawler metadump all").split("\r\n")) {
      if (line.startsWith("key=")) {
        int end = line.indexOf(' ');
        keys.add(URLDecoder.decode(line.substring(4, end < 0 ? line.length() : end), StandardCharsets.UTF_8));
      }
    }
    return keys;
  }

  /** The value under a key, or null when memcached no longer returns it (expired or deleted). */
  String get(String key) throws IOException {
    String reply = command("get " + key);
    if (!reply.startsWith("VALUE ")) {
      return null;
    }
    int body = reply.indexOf("\r\n") + 2;
    return reply.substring(body, reply.length() - "\r\nEND\r\n".length());
  }

  /** A stat from {@code stats}, e.g. curr_items. */
  long stat(String name) throws IOException {
    for (String line : command("stats").split("\r\n")) {
      String[] parts = line.split(" ");
      if (parts.length == 3 && parts[1].equals(name)) {
        return Long.parseLong(parts[2]);
      }
    }
    throw new IllegalStateException("no stat " + name);
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }
}
