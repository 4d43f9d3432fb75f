package dev.satchel.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay from a local port to a real database server: starting it makes the database "come back", stopping it
 * cuts every open connection like a crashed server would, without touching the shared server itself.
 */
final class TcpForwarder implements AutoCloseable {

  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  private TcpForwarder(int port, String targetHost, int targetPort) throws IOException {
    server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress("127.0.0.1", port));
    Thread acceptor = new Thread(() -> {
      try {
        while (true) {
          Socket client = server.accept();
          Socket upstream = new Socket(targetHost, targetPort);
          sockets.add(client);
          sockets.add(upstream);
          pump(client, upstream);
          pump(upstream, client);
        }
      } catch (IOException closed) {
        // stopped
      }
    }, "forwarder-accept-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts relaying {@code 127.0.0.1:port} to the target. */
  static TcpForwarder start(int port, String targetHost, int targetPort) throws IOException {
    return new TcpForwarder(port, targetHost, targetPort);
  }

  /** A port nothing listens on (free a moment ago). */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[8192];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException closed) {
        // one side went away
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "forwarder-pump");
    t.setDaemon(true);
    t.start();
  }

  /** Stops listening and cuts every relayed connection. */
  @Override
  public void close() {
    closeQuietly(server);
    sockets.forEach(TcpForwarder::closeQuietly);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // already closed
    }
  }
}
