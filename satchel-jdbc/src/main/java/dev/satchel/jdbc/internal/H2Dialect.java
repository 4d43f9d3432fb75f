package dev.satchel.jdbc.internal;

import java.time.Duration;
import java.util.Map;

/** H2 2.x, embedded (file or in-memory) or server mode: the default for development and one-node apps. */
final class H2Dialect implements Dialect {

  /**
   * H2's {@code CREATE ... IF NOT EXISTS} is not atomic: stores creating the same tables at once can fail with
   * "object already exists". Embedded H2 lives in this JVM (a file database is locked to one process), so a JVM-wide
   * lock serialises schema creation the way PostgreSQL's advisory lock and MariaDB's GET_LOCK do across processes.
   */
  private static final java.util.concurrent.locks.ReentrantLock SCHEMA_LOCK =
      new java.util.concurrent.locks.ReentrantLock();

  @Override
  public void lockSchema(java.sql.Connection c, String prefix) {
    SCHEMA_LOCK.lock();
  }

  @Override
  public void unlockSchema(java.sql.Connection c, String prefix) {
    if (SCHEMA_LOCK.isHeldByCurrentThread()) {
      SCHEMA_LOCK.unlock();
    }
  }

  @Override
  public String name() {
    return "h2";
  }

  @Override
  public String upsertSessionSql(Tables t) {
    return "MERGE INTO " + t.sessions()
        + " (storage_key, principal, device, created_at_us, last_access_us, expires_at_us, version) KEY (storage_key)"
        + " VALUES (?, ?, ?, ?, ?, ?, 1)";
  }

  @Override
  public String upsertAttributeSql(Tables t) {
    return "MERGE INTO " + t.attributes() + " (storage_key, name, value_json) KEY (storage_key, name) VALUES (?, ?, ?)";
  }

  @Override
  public String sweepSql(Tables t) {
    return "DELETE FROM " + t.sessions() + " WHERE storage_key IN (SELECT storage_key FROM " + t.sessions()
        + " WHERE expires_at_us <= ? ORDER BY expires_at_us LIMIT ?)";
  }

  @Override
  public Map<String, String> timeoutProperties(Duration connectTimeout, Duration socketTimeout) {
    // Embedded H2 has no network; server mode has no per-connection socket timeout setting. Hikari's
    // connectionTimeout still bounds every wait for a connection.
    return Map.of();
  }
}
