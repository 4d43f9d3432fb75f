package dev.satchel.redis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Three private redis-server processes joined into a Redis Cluster (three masters, no replicas) for tests. */
final class PrivateRedisCluster implements AutoCloseable {

  private final List<PrivateRedis> nodes = new ArrayList<>();

  static PrivateRedisCluster start() throws IOException, InterruptedException {
    PrivateRedisCluster cluster = new PrivateRedisCluster();
    try {
      for (int i = 0; i < 3; i++) {
        cluster.nodes.add(PrivateRedis.start("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
            "--cluster-node-timeout", "5000"));
      }
      List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
      for (PrivateRedis n : cluster.nodes) {
        command.add("127.0.0.1:" + n.port());
      }
      command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
      Process create = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(create.getInputStream().readAllBytes());
      if (!create.waitFor(60, TimeUnit.SECONDS) || create.exitValue() != 0) {
        throw new IllegalStateException("redis-cli --cluster create failed: " + output);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      for (PrivateRedis n : cluster.nodes) {
        while (!n.command("CLUSTER", "INFO").contains("cluster_state:ok")) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("cluster not ok on port " + n.port());
          }
          Thread.sleep(100);
        }
      }
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** The store URI for this cluster's seed nodes. */
  String uri() {
    return "redis-cluster://" + nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
  }

  List<PrivateRedis> nodes() {
    return nodes;
  }

  @Override
  public void close() throws InterruptedException {
    for (PrivateRedis n : nodes) {
      n.close();
    }
  }
}
