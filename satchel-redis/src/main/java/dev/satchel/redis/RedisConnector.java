package dev.satchel.redis;

import dev.satchel.store.SessionStoreUnavailableException;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * Owns the Lettuce client and its one shared connection (Lettuce multiplexes every thread over it).
 *
 * <p>Connects lazily, so an application starts while Redis is down; a failed connect is remembered for
 * {@link #RETRY_INTERVAL} so request threads fail at once instead of each waiting a connect timeout. Once connected,
 * Lettuce reconnects by itself (delay capped at one second) and, because queued commands would make request threads
 * wait for an outage of unknown length, rejects commands while disconnected.
 */
final class RedisConnector implements AutoCloseable {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RedisConnector.class);

  /** How long a failed connect is remembered before the next request tries again. */
  static final Duration RETRY_INTERVAL = Duration.ofMillis(250);
  /** Commands in flight on the connection before new ones are rejected (bounds memory while Redis stalls). */
  static final int REQUEST_QUEUE_SIZE = 16_384;

  private final ClientResources resources;
  private final AbstractRedisClient client;
  private final boolean cluster;
  private final RedisURI standaloneUri;
  private final String where;
  private final Duration connectTimeout;
  private final ReentrantLock lock = new ReentrantLock();
  private final List<LuaScript> preload;

  private volatile StatefulConnection<String, String> connection;
  private volatile RedisClusterAsyncCommands<String, String> commands;
  private volatile long lastFailureNanos;
  private volatile String lastFailure;
  private volatile boolean closed;

  RedisConnector(List<RedisURI> uris, boolean cluster, Duration connectTimeout, List<LuaScript> preload) {
    this.preload = List.copyOf(preload);
    this.cluster = cluster;
    this.connectTimeout = connectTimeout;
    this.where = describe(uris, cluster);
    this.resources = DefaultClientResources.builder()
        .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
        .build();
    for (RedisURI uri : uris) {
      // Bounds the connection handshake (HELLO, AUTH); commands are bounded by Calls.
      uri.setTimeout(connectTimeout);
    }
    SocketOptions socket = SocketOptions.builder().connectTimeout(connectTimeout).keepAlive(true).build();
    // No Lettuce command timeouts: every reply is awaited through Calls against one deadline, which cancels what is
    // still pending when it passes. Lettuce's own timeouts would schedule and cancel a timer task per command, CPU
    // spent on every request for a bound that Calls already enforces.
    TimeoutOptions timeouts = TimeoutOptions.builder().timeoutCommands(false).build();
    if (cluster) {
      RedisClusterClient c = RedisClusterClient.create(resources, uris);
      c.setOptions(ClusterClientOptions.builder()
          .autoReconnect(true)
          .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
          .requestQueueSize(REQUEST_QUEUE_SIZE)
          .socketOptions(socket)
          .timeoutOptions(timeouts)
          .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
              .enableAllAdaptiveRefreshTriggers()
              .enablePeriodicRefresh(Duration.ofSeconds(30))
              .build())
          .build());
      this.client = c;
      this.standaloneUri = null;
    } else {
      RedisClient c = RedisClient.create(resources);
      c.setOptions(ClientOptions.builder()
          .autoReconnect(true)
          .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
          .requestQueueSize(REQUEST_QUEUE_SIZE)
          .socketOptions(socket)
          .timeoutOptions(timeouts)
          .build());
      this.client = c;
      this.standaloneUri = uris.get(0);
    }
  }

  /** True on Redis Cluster, where keys in different hash slots cannot meet in one script. */
  boolean cluster() {
    return cluster;
  }

  /** Where Redis is, for error messages: host:port (never a password). */
  String where() {
    return where;
  }

  /**
   * Starts connecting in the background, so the first request does not pay for it (nor for loading the client's
   * classes); a failure is only logged, and the next request tries again.
   */
  void connectInBackground() {
    Thread t = new Thread(() -> {
      try {
        commands();
      } catch (RuntimeException e) {
        LOG.info("Redis session store not connected yet: {}", e.getMessage());
      }
    }, "satchel-redis-connect");
    t.setDaemon(true);
    t.start();
  }

  /** The shared async command interface, connecting first if needed. */
  RedisClusterAsyncCommands<String, String> commands() {
    RedisClusterAsyncCommands<String, String> c = commands;
    return c != null ? c : connect();
  }

  private RedisClusterAsyncCommands<String, String> connect() {
    if (closed) {
      throw new IllegalStateException("The Redis session store is closed");
    }
    String failure = lastFailure;
    if (failure != null && System.nanoTime() - lastFailureNanos < RETRY_INTERVAL.toNanos()) {
      throw new SessionStoreUnavailableException(failure);
    }
    try {
      if (!lock.tryLock(connectTimeout.toMillis() + 100, TimeUnit.MILLISECONDS)) {
        throw new SessionStoreUnavailableException("Redis at " + where + " is unreachable: still connecting after "
            + connectTimeout.toMillis() + " ms (connectTimeout)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SessionStoreUnavailableException("Interrupted while connecting to Redis at " + where, e);
    }
    try {
      if (commands != null) {
        return commands;
      }
      try {
        if (cluster) {
          StatefulRedisClusterConnection<String, String> conn = ((RedisClusterClient) client).connect(StringCodec.UTF8);
          connection = conn;
          commands = conn.async();
        } else {
          StatefulRedisConnection<String, String> conn =
              ((RedisClient) client).connect(StringCodec.UTF8, standaloneUri);
          connection = conn;
          commands = conn.async();
        }
        lastFailure = null;
        // Warm the script cache (on every node for Cluster) without waiting: the first saves then run by SHA alone.
        // After a Redis restart the NOSCRIPT fallback in Calls re-sends them.
        for (LuaScript script : preload) {
          commands.scriptLoad(script.source());
        }
        return commands;
      } catch (RuntimeException e) {
        String message = "Redis at " + where + " is unreachable (connect timeout " + connectTimeout.toMillis()
            + " ms): " + rootMessage(e);
        lastFailure = message;
        lastFailureNanos = System.nanoTime();
        throw new SessionStoreUnavailableException(message, e);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    closed = true;
    StatefulConnection<String, String> c = connection;
    if (c != null) {
      c.close();
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }

  static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return m == null ? root.getClass().getSimpleName() : m;
  }

  private static String describe(List<RedisURI> uris, boolean cluster) {
    RedisURI first = uris.get(0);
    if (!first.getSentinels().isEmpty()) {
      return "sentinel " + first.getSentinels().stream().map(u -> u.getHost() + ":" + u.getPort())
          .collect(Collectors.joining(",")) + " (master " + first.getSentinelMasterId() + ")";
    }
    String hosts = uris.stream().map(u -> u.getHost() + ":" + u.getPort()).collect(Collectors.joining(","));
    return cluster ? "cluster " + hosts : hosts;
  }
}
