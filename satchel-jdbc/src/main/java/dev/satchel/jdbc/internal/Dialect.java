package dev.satchel.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What differs between the databases the JDBC store supports: upsert syntax, bounded sweeps, schema locking and
 * driver timeouts. Everything else is portable SQL in {@link Tables}.
 */
public interface Dialect {

  /** Short name used in resource names ({@code schema-<name>.sql}) and messages. */
  String name();

  /** Upserts the session row. Parameters: key, principal, device, created, last access, expires (all set). */
  String upsertSessionSql(Tables t);

  /** Upserts one attribute. Parameters: key, name, value. */
  String upsertAttributeSql(Tables t);

  /**
   * Deletes at most {@code limit} expired sessions, oldest expiry first; attributes go by ON DELETE CASCADE.
   * Parameters: now (micros), limit.
   */
  String sweepSql(Tables t);

  /**
   * Inserts an attribute only if the session has none under that name; returns true when it inserted. The default
   * is portable SQL; dialects with a native insert-if-absent override it.
   */
  default boolean insertAttributeIfAbsent(Connection c, Tables t, String key, String name, String json)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t.attributes()
        + " (storage_key, name, value_json) SELECT ?, ?, ? FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM "
        + t.attributes() + " WHERE storage_key = ? AND name = ?)")) {
      ps.setString(1, key);
      ps.setString(2, name);
      ps.setString(3, json);
      ps.setString(4, key);
      ps.setString(5, name);
      return ps.executeUpdate() == 1;
    }
  }

  /** Serialises schema creation across processes (advisory lock); a no-op where DDL is already safe. */
  default void lockSchema(Connection c, String prefix) throws SQLException {}

  /** Releases what {@link #lockSchema} took, for locks that do not end with the transaction. */
  default void unlockSchema(Connection c, String prefix) throws SQLException {}

  /** Whether DDL runs inside a transaction (PostgreSQL), so the schema lock can be transaction-scoped. */
  default boolean transactionalDdl() {
    return false;
  }

  /** Turns the schema script's generic text into this server's (e.g. MySQL's collation name). */
  default String adaptScript(String script, String productName) {
    return script;
  }

  /** Driver properties that bound connect and socket waits, so a dead server fails fast instead of hanging. */
  Map<String, String> timeoutProperties(Duration connectTimeout, Duration socketTimeout);

  /** True for a duplicate-key violation (SQLState 23505, or MySQL/MariaDB error 1062). */
  default boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState()) || e.getErrorCode() == 1062;
  }

  /** The dialect for a JDBC URL, if Satchel knows it. */
  static Optional<Dialect> forUrl(String jdbcUrl) {
    String url = jdbcUrl.toLowerCase(Locale.ROOT);
    if (url.startsWith("jdbc:h2:")) {
      return Optional.of(new H2Dialect());
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return Optional.of(new PostgresDialect());
    }
    if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
      return Optional.of(new MariaDbDialect());
    }
    return Optional.empty();
  }

  /** The dialect for {@code DatabaseMetaData.getDatabaseProductName()}, if Satchel knows it. */
  static Optional<Dialect> forProduct(String productName) {
    String product = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
    if (product.contains("h2")) {
      return Optional.of(new H2Dialect());
    }
    if (product.contains("postgres")) {
      return Optional.of(new PostgresDialect());
    }
    if (product.contains("mariadb") || product.contains("mysql")) {
      return Optional.of(new MariaDbDialect());
    }
    return Optional.empty();
  }
}
