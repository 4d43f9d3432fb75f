package dev.satchel.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.store.SessionStore;
import dev.satchel.testkit.SessionStoreContract;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The conformance kit on a three-master Redis Cluster of private redis-servers: proves every script and pipeline
 * addresses one slot per command (a cross-slot command fails there with CROSSSLOT) and that sessions and indexes do
 * spread over the nodes.
 */
class RedisClusterContractIT extends SessionStoreContract {

  private static PrivateRedisCluster cluster;
  private static io.lettuce.core.cluster.RedisClusterClient rawClient;
  private static io.lettuce.core.cluster.api.StatefulRedisClusterConnection<String, String> rawConnection;
  private String prefix;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = PrivateRedisCluster.start();
    rawClient = io.lettuce.core.cluster.RedisClusterClient.create(
        io.lettuce.core.RedisURI.create("redis://127.0.0.1:" + cluster.nodes().get(0).port()));
    rawConnection = rawClient.connect();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (rawConnection != null) {
      rawConnection.close();
      rawClient.shutdown();
    }
    if (cluster != null) {
      // The kit's sessions landed on more than one node: the store really ran sharded.
      Set<Integer> nodesWithKeys = new HashSet<>();
      for (PrivateRedis node : cluster.nodes()) {
        String keyspace = node.command("DBSIZE");
        if (!keyspace.equals(":0")) {
          nodesWithKeys.add(node.port());
        }
      }
      cluster.close();
      assertThat(nodesWithKeys).as("nodes holding keys after the kit ran").hasSizeGreaterThan(1);
    }
  }

  @Override
  protected SessionStore createStore() {
    prefix = RedisTestSupport.uniquePrefix(RedisClusterContractIT.class);
    return RedisTestSupport.ready(RedisSessionStore.builder(cluster.uri()).keyPrefix(prefix).build());
  }

  @Override
  protected boolean backendExpiresByWallClock() {
    return true;
  }

  @Override
  protected java.util.Collection<String> rawStoredKeysAndValues() {
    // KEYS on the cluster connection runs on every master and merges the answers.
    return RedisSessionStoreContractIT.dump(rawConnection.sync(), rawConnection.sync().keys(prefix + "*"));
  }

  @Override
  protected SessionStore createUnreachableStore() {
    try {
      return RedisSessionStore.builder("redis-cluster://127.0.0.1:" + PrivateRedis.freePort()).build();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  protected java.time.Duration unavailableTimeout() {
    return java.time.Duration.ofMillis(2_000);
  }
}
