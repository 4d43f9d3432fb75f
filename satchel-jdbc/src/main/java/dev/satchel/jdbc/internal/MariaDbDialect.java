package dev.satchel.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** MariaDB 10.3+ and MySQL 8: {@code INSERT ... ON DUPLICATE KEY UPDATE}, {@code DELETE ... LIMIT}, GET_LOCK. */
final class MariaDbDialect implements Dialect {

  /** MariaDB's binary NO PAD collation: case-sensitive, trailing spaces significant, byte order. */
  static final String MARIADB_COLLATION = "utf8mb4_nopad_bin";
  /** MySQL 8's equivalent (it has no utf8mb4_nopad_bin). */
  static final String MYSQL_COLLATION = "utf8mb4_0900_bin";

  @Override
  public String name() {
    return "mariadb";
  }

  @Override
  public String upsertSessionSql(Tables t) {
    return "INSERT INTO " + t.sessions()
        + " (storage_key, principal, device, created_at_us, last_access_us, expires_at_us, version)"
        + " VALUES (?, ?, ?, ?, ?, ?, 1) ON DUPLICATE KEY UPDATE principal = VALUES(principal),"
        + " device = VALUES(device), created_at_us = VALUES(created_at_us),"
        + " last_access_us = VALUES(last_access_us), expires_at_us = VALUES(expires_at_us), version = version + 1";
  }

  @Override
  public String upsertAttributeSql(Tables t) {
    return "INSERT INTO " + t.attributes() + " (storage_key, name, value_json) VALUES (?, ?, ?)"
        + " ON DUPLICATE KEY UPDATE value_json = VALUES(value_json)";
  }

  @Override
  public String sweepSql(Tables t) {
    // MySQL/MariaDB reject LIMIT inside an IN subquery, but single-table DELETE takes ORDER BY ... LIMIT itself.
    return "DELETE FROM " + t.sessions() + " WHERE expires_at_us <= ? ORDER BY expires_at_us LIMIT ?";
  }

  @Override
  public void lockSchema(Connection c, String prefix) throws SQLException {
    // DDL commits implicitly here, so the lock is a named session lock released explicitly.
    try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, 10)")) {
      ps.setString(1, lockName(prefix));
      ps.execute();
    }
  }

  @Override
  public void unlockSchema(Connection c, String prefix) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT RELEASE_LOCK(?)")) {
      ps.setString(1, lockName(prefix));
      ps.execute();
    }
  }

  @Override
  public String adaptScript(String script, String productName) {
    boolean mysql = productName != null && productName.toLowerCase(Locale.ROOT).contains("mysql");
    return mysql ? script.replace(MARIADB_COLLATION, MYSQL_COLLATION) : script;
  }

  @Override
  public Map<String, String> timeoutProperties(Duration connectTimeout, Duration socketTimeout) {
    return Map.of(
        "connectTimeout", Long.toString(Math.max(1, connectTimeout.toMillis())),
        "socketTimeout", Long.toString(Math.max(1, socketTimeout.toMillis())),
        "tcpKeepAlive", "true");
  }

  private static String lockName(String prefix) {
    return "satchel-schema-" + prefix;
  }
}
