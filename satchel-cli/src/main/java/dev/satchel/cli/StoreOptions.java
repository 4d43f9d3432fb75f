package dev.satchel.cli;

import dev.satchel.jdbc.JdbcSessionStore;
import dev.satchel.redis.RedisSessionStore;
import dev.satchel.store.SessionStore;
import picocli.CommandLine.Option;

/** The --store option of the session commands: a Redis URI or a JDBC URL, as the application uses. */
final class StoreOptions {

  @Option(names = "--store", required = true, paramLabel = "URI",
      description = "redis://host:6379, rediss://..., redis-sentinel://... or a JDBC URL (jdbc:postgresql://..., "
          + "jdbc:mariadb://..., jdbc:h2:...). Default from $SATCHEL_STORE.", defaultValue = "${env:SATCHEL_STORE}")
  String uri;

  @Option(names = "--prefix", paramLabel = "PREFIX",
      description = "The store's key prefix (Redis) or table prefix (JDBC), if the application changed it.")
  String prefix;

  @Option(names = "--timeout", defaultValue = "PT10S", paramLabel = "DURATION",
      description = "How long to wait for the store (ISO-8601, default ${DEFAULT-VALUE}): longer than an "
          + "application's, since a one-shot command pays for a cold start.")
  String timeout;

  SessionStore open() {
    java.time.Duration wait;
    try {
      wait = java.time.Duration.parse(timeout);
    } catch (java.time.format.DateTimeParseException e) {
      throw new CliException(ExitCode.USAGE, "--timeout must be an ISO-8601 duration such as PT10S");
    }
    if (uri == null || uri.isBlank()) {
      throw new CliException(ExitCode.USAGE, "--store is required (a redis:// URI or a jdbc: URL)");
    }
    try {
      if (uri.startsWith("redis://") || uri.startsWith("rediss://") || uri.startsWith("redis-sentinel://")) {
        RedisSessionStore.Builder builder = RedisSessionStore.builder(uri).commandTimeout(wait).connectTimeout(wait);
        if (prefix != null) {
          builder.keyPrefix(prefix);
        }
        return builder.build();
      }
      if (uri.startsWith("jdbc:")) {
        JdbcSessionStore.Builder builder = JdbcSessionStore.builder().jdbcUrl(uri).createSchema(false)
            .connectionTimeout(wait);
        if (prefix != null) {
          builder.tablePrefix(prefix);
        }
        return builder.build();
      }
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, "bad --store: " + e.getMessage());
    }
    throw new CliException(ExitCode.USAGE, "unknown store '" + uri
        + "': use a redis://, rediss://, redis-sentinel:// URI or a jdbc: URL");
  }
}
