package dev.satchel.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC store on the local MariaDB server (db {@code test}, user {@code root}). */
class MariaDbJdbcSessionStoreIT extends JdbcStoreTests {

  /** Generous: a cold first connection on a loaded CI machine must not read as an outage. */
  private static final java.time.Duration TEST_CONNECTION_TIMEOUT = java.time.Duration.ofSeconds(10);

  @BeforeAll
  static void serverIsUp() {
    Databases.requireReachable("MariaDB", Databases.MARIADB_URL, Databases.MARIADB_USER);
  }

  @Override
  protected JdbcSessionStore.Builder database() {
    return JdbcSessionStore.builder().connectionTimeout(TEST_CONNECTION_TIMEOUT).jdbcUrl(Databases.MARIADB_URL).username(Databases.MARIADB_USER);
  }

  @Override
  protected Connection raw() throws SQLException {
    return DriverManager.getConnection(Databases.MARIADB_URL, Databases.MARIADB_USER, "");
  }

  @Override
  protected String expectedDialect() {
    return "mariadb";
  }

  @Override
  protected String tag() {
    return "maria";
  }
}
