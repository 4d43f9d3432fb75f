package dev.satchel.demo;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the demo runs: from command-line flags first, then environment variables, then defaults that need no server.
 *
 * <pre>
 * --store cookie|encrypted|flask|memory|h2|postgres|redis|memcached   (SATCHEL_DEMO_STORE, default cookie)
 * --port N                                                  (SATCHEL_DEMO_PORT, default 8080)
 * --jdbc-url URL                                            (SATCHEL_DEMO_JDBC_URL)
 * --redis-uri URI                                           (SATCHEL_DEMO_REDIS_URI, default redis://127.0.0.1:6379)
 * --memcached-servers H:P,H:P                               (SATCHEL_DEMO_MEMCACHED_SERVERS, default 127.0.0.1:11211)
 * --bench-routes                                            (off: adds the reliability suite's POST /bench/put)
 * </pre>
 */
record DemoConfig(String store, int port, String jdbcUrl, String redisUri, String memcachedServers,
    boolean benchRoutes) {

  static final List<String> STORES = List.of("cookie", "encrypted", "flask", "memory", "h2", "postgres", "redis",
      "memcached");
  static final String DEFAULT_MEMCACHED_SERVERS = "127.0.0.1:11211";

  DemoConfig {
    store = store.toLowerCase(Locale.ROOT);
    if (!STORES.contains(store)) {
      throw new IllegalArgumentException("Unknown store '" + store + "': choose one of " + String.join(", ", STORES));
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("Port must be 0-65535, was " + port);
    }
    if (memcachedServers == null) {
      memcachedServers = DEFAULT_MEMCACHED_SERVERS;
    }
  }

  /** A configuration with the default Memcached servers (for callers that do not use Memcached). */
  DemoConfig(String store, int port, String jdbcUrl, String redisUri) {
    this(store, port, jdbcUrl, redisUri, DEFAULT_MEMCACHED_SERVERS, false);
  }

  /** A configuration without the reliability suite's extra routes. */
  DemoConfig(String store, int port, String jdbcUrl, String redisUri, String memcachedServers) {
    this(store, port, jdbcUrl, redisUri, memcachedServers, false);
  }

  /** Reads flags, falling back to the environment. */
  static DemoConfig parse(String[] args, Map<String, String> env) {
    String store = env.getOrDefault("SATCHEL_DEMO_STORE", "cookie");
    String port = env.getOrDefault("SATCHEL_DEMO_PORT", "8080");
    String jdbcUrl = env.get("SATCHEL_DEMO_JDBC_URL");
    String redisUri = env.getOrDefault("SATCHEL_DEMO_REDIS_URI", "redis://127.0.0.1:6379");
    boolean benchRoutes = false;
    String memcachedServers = env.getOrDefault("SATCHEL_DEMO_MEMCACHED_SERVERS", DEFAULT_MEMCACHED_SERVERS);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      boolean flag = name.equals("--help") || name.equals("-h") || name.equals("--bench-routes");
      if (value == null && !flag) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("Missing value for " + name);
        }
        value = args[++i];
      }
      switch (name) {
        case "--store" -> store = value;
        case "--port" -> port = value;
        case "--jdbc-url" -> jdbcUrl = value;
        case "--redis-uri" -> redisUri = value;
        case "--bench-routes" -> benchRoutes = true;
        case "--memcached-servers" -> memcachedServers = value;
        case "--help", "-h" -> throw new HelpRequested();
        default -> throw new IllegalArgumentException("Unknown option " + name + " (try --help)");
      }
    }
    int portNumber;
    try {
      portNumber = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Port must be a number, was '" + port + "'");
    }
    return new DemoConfig(store, portNumber, jdbcUrl, redisUri, memcachedServers, benchRoutes);
  }

  static String usage() {
    return """
        Usage: satchel demo [--store STORE] [--port N] [--jdbc-url URL] [--redis-uri URI]
                            [--memcached-servers HOST:PORT,...]
          --store      where sessions live: cookie (signed, default), encrypted, flask, memory, h2, postgres, redis,
                       memcached
          --port       HTTP port (default 8080; 0 picks a free one)
          --jdbc-url   database for --store h2/postgres (defaults: jdbc:h2:file:./.satchel/demo-sessions,
                       jdbc:postgresql://127.0.0.1:5432/test?user=postgres)
          --redis-uri  Redis for --store redis (default redis://127.0.0.1:6379)
          --memcached-servers  Memcached for --store memcached, comma-separated (default 127.0.0.1:11211)
          --bench-routes  adds POST /bench/put and GET /bench/keys for reliability/run (CSRF-protected; off by default)
        Environment: SATCHEL_SECRET_KEY (else a development key is made and kept in ~/.satchel),
                     SATCHEL_DEMO_STORE, SATCHEL_DEMO_PORT, SATCHEL_DEMO_JDBC_URL, SATCHEL_DEMO_REDIS_URI,
                     SATCHEL_DEMO_MEMCACHED_SERVERS
        """;
  }

  /** Thrown when the user asked for --help. */
  static final class HelpRequested extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HelpRequested() {
      super("help", null, false, false);
    }
  }
}
