package dev.satchel.jdbc.internal;

/** Every statement the store runs, built once for one dialect and table prefix. */
public final class Sql {

  private static final String META = "created_at_us, last_access_us, expires_at_us, principal, device";

  /** Session row and all its attributes in one round trip. Params: key, now. */
  public final String load;
  /** Params: key, principal, device, created, last access, expires. */
  public final String upsertSession;
  /** Moves a live session's metadata; 0 rows: gone or expired. Params: principal, device, last, expires, key, now. */
  public final String updateLiveSession;
  /** Params: key, name, value. */
  public final String upsertAttribute;
  /** Params: key. */
  public final String deleteAllAttributes;
  /** Params: key, name. */
  public final String deleteAttribute;
  /** Params: key, name, expected value. */
  public final String deleteAttributeIfValue;
  /** Params: new value, key, name, expected value. */
  public final String updateAttributeIfValue;
  /** Params: key, name. */
  public final String selectAttribute;
  /** Params: key. */
  public final String deleteSession;
  /** Params: principal, now. */
  public final String findByPrincipal;
  /** Params: principal, now. */
  public final String deleteByPrincipal;
  /** Params: now, limit. */
  public final String listFirst;
  /** Params: after, now, limit. */
  public final String listAfter;
  /** Params: now. */
  public final String count;
  /** Params: now, limit. */
  public final String sweep;

  /** Builds the statements for one dialect and table pair. */
  public Sql(Dialect dialect, Tables t) {
    String s = t.sessions();
    String a = t.attributes();
    load = "SELECT s.created_at_us, s.last_access_us, s.expires_at_us, s.principal, s.device, a.name, a.value_json"
        + " FROM " + s + " s LEFT JOIN " + a + " a ON a.storage_key = s.storage_key"
        + " WHERE s.storage_key = ? AND s.expires_at_us > ?";
    upsertSession = dialect.upsertSessionSql(t);
    updateLiveSession = "UPDATE " + s + " SET principal = ?, device = ?, last_access_us = ?, expires_at_us = ?,"
        + " version = version + 1 WHERE storage_key = ? AND expires_at_us > ?";
    upsertAttribute = dialect.upsertAttributeSql(t);
    deleteAllAttributes = "DELETE FROM " + a + " WHERE storage_key = ?";
    deleteAttribute = "DELETE FROM " + a + " WHERE storage_key = ? AND name = ?";
    deleteAttributeIfValue = "DELETE FROM " + a + " WHERE storage_key = ? AND name = ? AND value_json = ?";
    updateAttributeIfValue = "UPDATE " + a + " SET value_json = ?"
        + " WHERE storage_key = ? AND name = ? AND value_json = ?";
    selectAttribute = "SELECT value_json FROM " + a + " WHERE storage_key = ? AND name = ?";
    deleteSession = "DELETE FROM " + s + " WHERE storage_key = ?";
    findByPrincipal = "SELECT storage_key, " + META + " FROM " + s
        + " WHERE principal = ? AND expires_at_us > ? ORDER BY last_access_us DESC, storage_key";
    deleteByPrincipal = "DELETE FROM " + s + " WHERE principal = ? AND expires_at_us > ?";
    listFirst = "SELECT storage_key, " + META + " FROM " + s
        + " WHERE expires_at_us > ? ORDER BY storage_key LIMIT ?";
    listAfter = "SELECT storage_key, " + META + " FROM " + s
        + " WHERE storage_key > ? AND expires_at_us > ? ORDER BY storage_key LIMIT ?";
    count = "SELECT COUNT(*) FROM " + s + " WHERE expires_at_us > ?";
    sweep = dialect.sweepSql(t);
  }
}
