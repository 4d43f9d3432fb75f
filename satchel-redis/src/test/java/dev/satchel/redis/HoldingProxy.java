package dev.satchel.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of Redis that can hold back every reply. While replies are held, whatever a client manages to
 * send is what it sends in one round trip: it cannot see a reply before sending its next command.
 */
final class HoldingProxy implements AutoCloseable {

  private final ServerSocket server;
  private final int target;
  private final Object lock = new Object();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private boolean holding;

  HoldingProxy(int targetPort) throws IOException {
    this.target = targetPort;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    Thread acceptor = new Thread(this::accept, "proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Starts or stops holding back replies (bytes from Redis to clients). */
  void hold(boolean hold) {
    synchronized (lock) {
      holding = hold;
      lock.notifyAll();
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket redis = new Socket("127.0.0.1", target);
        sockets.add(client);
        sockets.add(redis);
        pump(client.getInputStream(), redis.getOutputStream(), false);
        pump(redis.getInputStream(), client.getOutputStream(), true);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(InputStream in, OutputStream out, boolean replies) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[8192];
      try {
        int n;
        while ((n = in.read(buf)) != -1) {
          if (replies) {
            synchronized (lock) {
              while (holding) {
                lock.wait();
              }
            }
          }
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // connection closed
      }
    }, replies ? "proxy-replies" : "proxy-requests");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
