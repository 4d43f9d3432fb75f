package dev.satchel.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;

/** The conformance kit on the local MariaDB server. */
class MariaDbContractIT extends JdbcContractTests {

  /** Generous: a cold first connection on a loaded CI machine must not read as an outage. */
  private static final java.time.Duration TEST_CONNECTION_TIMEOUT = java.time.Duration.ofSeconds(10);

  @BeforeAll
  static void serverIsUp() {
    Databases.requireReachable("MariaDB", Databases.MARIADB_URL, Databases.MARIADB_USER);
  }

  @Override
  protected JdbcSessionStore.Builder connect() {
    return JdbcSessionStore.builder().connectionTimeout(TEST_CONNECTION_TIMEOUT).jdbcUrl(Databases.MARIADB_URL).username(Databases.MARIADB_USER)
        .maximumPoolSize(4);
  }

  @Override
  protected Connection raw() throws SQLException {
    return DriverManager.getConnection(Databases.MARIADB_URL, Databases.MARIADB_USER, "");
  }

  @Override
  protected String tag() {
    return "mdc";
  }

  @Override
  protected String unreachableUrl(int closedPort) {
    return "jdbc:mariadb://127.0.0.1:" + closedPort + "/test";
  }
}
