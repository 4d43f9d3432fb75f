package dev.satchel.redis;

import dev.satchel.store.SessionStore;
import dev.satchel.testkit.SessionStoreContract;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Redis store against the conformance kit, on the real Redis at 127.0.0.1:6379, a fresh key prefix per test. */
class RedisSessionStoreContractIT extends SessionStoreContract {

  private static RedisClient rawClient;
  private static StatefulRedisConnection<String, String> rawConnection;
  private static RedisCommands<String, String> raw;
  private String prefix;

  @BeforeAll
  static void connect() {
    RedisTestSupport.requireRedis();
    rawClient = RedisClient.create(RedisTestSupport.URI);
    rawConnection = rawClient.connect();
    raw = rawConnection.sync();
  }

  @AfterAll
  static void disconnect() {
    if (rawConnection != null) {
      rawConnection.close();
      rawClient.shutdown();
    }
  }

  @Override
  protected SessionStore createStore() {
    prefix = RedisTestSupport.uniquePrefix(RedisSessionStoreContractIT.class);
    return RedisTestSupport.ready(RedisSessionStore.builder(RedisTestSupport.URI).keyPrefix(prefix).build());
  }

  @Override
  protected void closeStore(SessionStore store) {
    store.close();
    List<String> keys = ourKeys();
    if (!keys.isEmpty()) {
      raw.del(keys.toArray(String[]::new));
    }
  }

  @Override
  protected boolean backendExpiresByWallClock() {
    return true;
  }

  @Override
  protected SessionStore createUnreachableStore() {
    try {
      return RedisSessionStore.builder("redis://127.0.0.1:" + PrivateRedis.freePort()).build();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  protected java.time.Duration unavailableTimeout() {
    return java.time.Duration.ofMillis(500 + 1_500); // commandTimeout plus scheduling slack on a busy machine
  }

  @Override
  protected Collection<String> rawStoredKeysAndValues() {
    return dump(raw, ourKeys());
  }

  /** Every key, field, member and value of these keys, as the kit's at-rest checks want them. */
  static List<String> dump(io.lettuce.core.cluster.api.sync.RedisClusterCommands<String, String> raw,
      List<String> keys) {
    List<String> out = new ArrayList<>();
    for (String key : keys) {
      out.add(key);
      switch (raw.type(key)) {
        case "hash" -> raw.hgetall(key).forEach((f, v) -> {
          out.add(f);
          out.add(v);
        });
        case "zset" -> out.addAll(raw.zrange(key, 0, -1));
        case "string" -> out.add(raw.get(key));
        default -> out.add("<" + raw.type(key) + ">");
      }
    }
    return out;
  }

  private List<String> ourKeys() {
    List<String> keys = new ArrayList<>();
    ScanIterator.scan(raw, ScanArgs.Builder.matches(prefix.replace("[", "\\[") + "*").limit(1000))
        .forEachRemaining(keys::add);
    return keys;
  }
}
