package dev.satchel.redis;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Redis MONITOR on a private server: every command the server executes, with commands run inside Lua scripts told
 * apart ({@code [0 lua]}) from the ones clients sent.
 */
final class Monitor implements AutoCloseable {

  /** One executed command: its name (lower case), whether a script ran it, and the raw MONITOR line. */
  record Command(String name, boolean fromScript, String line) {}

  private final Socket socket;
  private final List<Command> seen = new CopyOnWriteArrayList<>();
  private final int port;
  private int markers;

  Monitor(int port) throws IOException {
    this.port = port;
    socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
    socket.getOutputStream().write(RespClient.encode(List.of("MONITOR")));
    socket.getOutputStream().flush();
    InputStream in = socket.getInputStream();
    String ok = RespClient.readLine(in);
    if (!ok.startsWith("+OK")) {
      throw new IOException("MONITOR refused: " + ok);
    }
    Thread reader = new Thread(() -> {
      try {
        while (true) {
          String line = RespClient.readLine(in);
          int open = line.indexOf('[');
          int close = line.indexOf(']', open);
          int quote = line.indexOf('"', close);
          if (open < 0 || close < 0 || quote < 0) {
            continue;
          }
          String source = line.substring(open + 1, close);
          String name = line.substring(quote + 1, line.indexOf('"', quote + 1)).toLowerCase(Locale.ROOT);
          seen.add(new Command(name, source.endsWith(" lua"), line));
        }
      } catch (IOException e) {
        // closed
      }
    }, "redis-monitor");
    reader.setDaemon(true);
    reader.start();
  }

  /** Forgets what was seen so far. */
  void clear() {
    seen.clear();
  }

  /** Commands seen since the last clear, once a marker sent after them came back (so none is still in flight). */
  List<Command> drain() throws IOException, InterruptedException {
    String marker = "satchel-marker-" + (++markers);
    RespClient.call("127.0.0.1", port, List.of("ECHO", marker));
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      List<Command> out = new ArrayList<>();
      for (Command c : seen) {
        if (c.line().contains(marker)) {
          clear();
          return out;
        }
        out.add(c);
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException("MONITOR never showed marker " + marker);
  }

  /** Commands clients sent (not run by scripts), since the last clear. */
  List<Command> clientCommands() {
    return seen.stream().filter(c -> !c.fromScript()).toList();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
