package dev.satchel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JDBC store on the local PostgreSQL server (db {@code test}, user {@code postgres}). */
class PostgresJdbcSessionStoreIT extends JdbcStoreTests {

  /** Generous: a cold first connection on a loaded CI machine must not read as an outage. */
  private static final java.time.Duration TEST_CONNECTION_TIMEOUT = java.time.Duration.ofSeconds(10);

  @BeforeAll
  static void serverIsUp() {
    Databases.requireReachable("PostgreSQL", Databases.POSTGRES_URL, Databases.POSTGRES_USER);
  }

  @Override
  protected JdbcSessionStore.Builder database() {
    return JdbcSessionStore.builder().connectionTimeout(TEST_CONNECTION_TIMEOUT).jdbcUrl(Databases.POSTGRES_URL).username(Databases.POSTGRES_USER);
  }

  @Override
  protected Connection raw() throws SQLException {
    return DriverManager.getConnection(Databases.POSTGRES_URL, Databases.POSTGRES_USER, "");
  }

  @Override
  protected String expectedDialect() {
    return "postgresql";
  }

  @Test
  void keysAndNamesCompareByteForByteWhateverTheDatabaseLocale() throws SQLException {
    store.dialect(); // creates the tables
    // The local test database is C.UTF-8 already, so ordering tests alone could not notice a missing COLLATE "C";
    // an en_US database would page list() in a different order than String.compareTo.
    List<String> collations = new ArrayList<>();
    try (Connection c = raw(); PreparedStatement ps = c.prepareStatement("SELECT table_name, column_name,"
        + " collation_name FROM information_schema.columns WHERE table_name IN (?, ?) AND column_name IN"
        + " ('storage_key', 'name', 'principal', 'value_json') ORDER BY table_name, column_name")) {
      ps.setString(1, prefix + "sessions");
      ps.setString(2, prefix + "attributes");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          collations.add(rs.getString(1).substring(prefix.length()) + "." + rs.getString(2) + "=" + rs.getString(3));
        }
      }
    }
    assertThat(collations).containsExactly("attributes.name=C", "attributes.storage_key=C", "attributes.value_json=C",
        "sessions.principal=C", "sessions.storage_key=C");
  }

  @Override
  protected String tag() {
    return "pg";
  }
}
