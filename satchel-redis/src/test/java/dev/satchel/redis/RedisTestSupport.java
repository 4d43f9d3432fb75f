package dev.satchel.redis;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;

/** Where the shared test Redis is, and the skip-or-fail rule for when it is not there. */
final class RedisTestSupport {

  static final String HOST = "127.0.0.1";
  static final int PORT = 6379;
  static final String URI = "redis://" + HOST + ":" + PORT;

  private RedisTestSupport() {}

  /** Skips the test visibly when Redis is unreachable; fails it instead when CI=true. */
  static void requireRedis() {
    requireServer(HOST, PORT);
  }

  static void requireServer(String host, int port) {
    boolean up = reachable(host, port);
    if (!up && "true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("Redis at " + host + ":" + port + " is unreachable and CI=true: integration tests must run in CI");
    }
    assumeTrue(up, "Redis at " + host + ":" + port + " is unreachable: skipping Redis integration tests");
  }

  static boolean reachable(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A key prefix no other test run uses. */
  static String uniquePrefix(Class<?> testClass) {
    return "satchel-test:" + testClass.getSimpleName() + ":" + UUID.randomUUID().toString().substring(0, 8) + ":";
  }

  /**
   * Returns the store once it answers. Connecting is bounded by connectTimeout so requests fail fast, but a cold
   * JVM on a busy CI machine can need longer for its very first connection; tests wait for it instead of flaking.
   */
  static <S extends dev.satchel.store.SessionStore> S ready(S store) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    String probe = dev.satchel.store.SessionId.generate().storageKey();
    while (true) {
      try {
        store.load(probe, java.time.Instant.now());
        return store;
      } catch (dev.satchel.store.SessionStoreUnavailableException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** Deletes every key under a test's prefix on the shared Redis (tests leave nothing behind, even when they fail). */
  static void deletePrefix(String prefix) {
    io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(URI);
    try (var connection = client.connect()) {
      var sync = connection.sync();
      java.util.List<String> keys = new java.util.ArrayList<>();
      io.lettuce.core.ScanIterator.scan(sync, io.lettuce.core.ScanArgs.Builder.matches(prefix + "*").limit(1000))
          .forEachRemaining(keys::add);
      if (!keys.isEmpty()) {
        sync.del(keys.toArray(String[]::new));
      }
    } finally {
      client.shutdown();
    }
  }
}
