package dev.satchel.memcached;

import dev.satchel.store.SessionStore;
import dev.satchel.testkit.SessionStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Memcached store against the conformance kit, on a private memcached, a fresh key prefix per test. Memcached
 * cannot enumerate keys (no list/count) and expires items itself (sweep returns 0); everything else is checked.
 */
class MemcachedSessionStoreContractIT extends SessionStoreContract {

  private static final AtomicInteger TESTS = new AtomicInteger();
  private static PrivateMemcached server;
  private String prefix;

  @BeforeAll
  static void startServer() throws Exception {
    server = PrivateMemcached.start();
  }

  @AfterAll
  static void stopServer() throws InterruptedException {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected SessionStore createStore() {
    prefix = "kit" + TESTS.incrementAndGet() + ":";
    return MemcachedSessionStore.builder(server.address()).keyPrefix(prefix).build();
  }

  @Override
  protected boolean supportsEnumeration() {
    return false;
  }

  @Override
  protected boolean sweepRemovesExpiredSessions() {
    return false;
  }

  @Override
  protected boolean backendExpiresByWallClock() {
    return true;
  }

  @Override
  protected Duration wallClockTtl() {
    // Memcached TTLs are whole seconds on a one-second clock: a 2 s TTL is gone within 2 s, the kit waits 2.6 s.
    return Duration.ofSeconds(2);
  }

  @Override
  protected Collection<String> rawStoredKeysAndValues() {
    try {
      List<String> out = new ArrayList<>();
      for (String key : server.keys()) {
        if (!key.startsWith(prefix)) {
          continue;
        }
        String value = server.get(key);
        if (value != null) {
          out.add(key);
          out.add(value);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected SessionStore createUnreachableStore() {
    try {
      return MemcachedSessionStore.builder("127.0.0.1:" + PrivateMemcached.freePort()).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected Duration unavailableTimeout() {
    return Duration.ofMillis(500 + 1_500); // operationTimeout plus scheduling slack on a busy machine
  }
}
