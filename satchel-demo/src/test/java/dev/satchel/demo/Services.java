package dev.satchel.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assumptions;

/** The local servers some tests need: skipped visibly when absent, a failure under CI=true. */
final class Services {

  private Services() {}

  static void require(String name, int port) {
    boolean up;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      up = true;
    } catch (IOException e) {
      up = false;
    }
    if (!up && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException("CI=true but " + name + " is not reachable on 127.0.0.1:" + port);
    }
    Assumptions.assumeTrue(up, "SKIPPED: " + name + " not reachable on 127.0.0.1:" + port);
  }
}
