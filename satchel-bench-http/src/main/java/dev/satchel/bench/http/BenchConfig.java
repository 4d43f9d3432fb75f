package dev.satchel.bench.http;

import java.util.List;

/**
 * How {@link HttpBenchApp} runs, from its flags.
 *
 * @param server javalin (Javalin + satchel-javalin) or jetty (a plain servlet on Jetty + SatchelFilter)
 * @param mode baseline, cookie, encrypted, memory, h2, postgres or redis
 * @param port HTTP port on 127.0.0.1
 * @param jdbcUrl database for h2 / postgres
 * @param tablePrefix JDBC table prefix, so benchmark tables never mix with the tests' tables
 * @param redisUri Redis for the redis mode
 * @param keyPrefix Redis key prefix
 */
record BenchConfig(String server, String mode, int port, String jdbcUrl, String tablePrefix, String redisUri,
    String keyPrefix) {

  static final List<String> SERVERS = List.of("javalin", "jetty");
  static final List<String> MODES = List.of("baseline", "cookie", "encrypted", "memory", "h2", "postgres", "redis");

  BenchConfig {
    if (!SERVERS.contains(server)) {
      throw new IllegalArgumentException("unknown server '" + server + "': choose one of "
          + String.join(", ", SERVERS));
    }
    if (!MODES.contains(mode)) {
      throw new IllegalArgumentException("unknown mode '" + mode + "': choose one of " + String.join(", ", MODES));
    }
  }

  /** Parses {@code --name value} flags; unknown flags are an error naming the flag. */
  static BenchConfig parse(String[] args) {
    String server = "javalin";
    String mode = "baseline";
    String port = "8090";
    String jdbcUrl = null;
    String tablePrefix = "bench_";
    String redisUri = "redis://127.0.0.1:6379";
    String keyPrefix = "bench:";
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value for " + args[i]);
      }
      String value = args[i + 1];
      switch (args[i]) {
        case "--server" -> server = value;
        case "--mode" -> mode = value;
        case "--port" -> port = value;
        case "--jdbc-url" -> jdbcUrl = value;
        case "--table-prefix" -> tablePrefix = value;
        case "--redis-uri" -> redisUri = value;
        case "--key-prefix" -> keyPrefix = value;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (jdbcUrl == null) {
      jdbcUrl = mode.equals("h2") ? "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1"
          : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    }
    try {
      return new BenchConfig(server, mode, Integer.parseInt(port), jdbcUrl, tablePrefix, redisUri, keyPrefix);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port must be a number, was '" + port + "'");
    }
  }

  static String usage() {
    return """
        Usage: HttpBenchApp [--server S] [--mode MODE] [--port N] [--jdbc-url URL] [--table-prefix P]
                            [--redis-uri URI] [--key-prefix P]
          --server  javalin (Javalin + SatchelPlugin) or jetty (plain servlet on Jetty + SatchelFilter)
                    (default javalin)
          --mode    baseline (no Satchel), cookie, encrypted, memory, h2, postgres, redis (default baseline)
        """;
  }
}
