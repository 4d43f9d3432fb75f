package dev.satchel.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/** PostgreSQL 9.5+: {@code INSERT ... ON CONFLICT}, transactional DDL, advisory locks. */
final class PostgresDialect implements Dialect {

  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  public String upsertSessionSql(Tables t) {
    return "INSERT INTO " + t.sessions()
        + " AS s (storage_key, principal, device, created_at_us, last_access_us, expires_at_us, version)"
        + " VALUES (?, ?, ?, ?, ?, ?, 1) ON CONFLICT (storage_key) DO UPDATE SET principal = EXCLUDED.principal,"
        + " device = EXCLUDED.device, created_at_us = EXCLUDED.created_at_us,"
        + " last_access_us = EXCLUDED.last_access_us, expires_at_us = EXCLUDED.expires_at_us, version = s.version + 1";
  }

  @Override
  public String upsertAttributeSql(Tables t) {
    return "INSERT INTO " + t.attributes() + " (storage_key, name, value_json) VALUES (?, ?, ?)"
        + " ON CONFLICT (storage_key, name) DO UPDATE SET value_json = EXCLUDED.value_json";
  }

  @Override
  public String sweepSql(Tables t) {
    // SKIP LOCKED: several nodes may sweep at once without queueing behind each other's batches.
    return "DELETE FROM " + t.sessions() + " WHERE storage_key IN (SELECT storage_key FROM " + t.sessions()
        + " WHERE expires_at_us <= ? ORDER BY expires_at_us LIMIT ? FOR UPDATE SKIP LOCKED)";
  }

  @Override
  public boolean insertAttributeIfAbsent(Connection c, Tables t, String key, String name, String json)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t.attributes()
        + " (storage_key, name, value_json) VALUES (?, ?, ?) ON CONFLICT (storage_key, name) DO NOTHING")) {
      ps.setString(1, key);
      ps.setString(2, name);
      ps.setString(3, json);
      return ps.executeUpdate() == 1;
    }
  }

  @Override
  public void lockSchema(Connection c, String prefix) throws SQLException {
    // Concurrent CREATE TABLE IF NOT EXISTS can still collide in pg_type; a transaction-scoped advisory lock
    // makes processes starting together create the schema one after the other.
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
      ps.setLong(1, 0x5A7C_4E10_0000_0000L ^ prefix.hashCode());
      ps.execute();
    }
  }

  @Override
  public boolean transactionalDdl() {
    return true;
  }

  @Override
  public Map<String, String> timeoutProperties(Duration connectTimeout, Duration socketTimeout) {
    // pgJDBC takes whole seconds; 0 would mean "no limit", so round up to at least 1.
    return Map.of(
        "connectTimeout", Long.toString(ceilSeconds(connectTimeout)),
        "loginTimeout", Long.toString(ceilSeconds(connectTimeout)),
        "socketTimeout", Long.toString(ceilSeconds(socketTimeout)),
        "tcpKeepAlive", "true");
  }

  private static long ceilSeconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }
}
