package dev.satchel.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;

/** The conformance kit on the local PostgreSQL server. */
class PostgresContractIT extends JdbcContractTests {

  /** Generous: a cold first connection on a loaded CI machine must not read as an outage. */
  private static final java.time.Duration TEST_CONNECTION_TIMEOUT = java.time.Duration.ofSeconds(10);

  @BeforeAll
  static void serverIsUp() {
    Databases.requireReachable("PostgreSQL", Databases.POSTGRES_URL, Databases.POSTGRES_USER);
  }

  @Override
  protected JdbcSessionStore.Builder connect() {
    return JdbcSessionStore.builder().connectionTimeout(TEST_CONNECTION_TIMEOUT).jdbcUrl(Databases.POSTGRES_URL).username(Databases.POSTGRES_USER)
        .maximumPoolSize(4);
  }

  @Override
  protected Connection raw() throws SQLException {
    return DriverManager.getConnection(Databases.POSTGRES_URL, Databases.POSTGRES_USER, "");
  }

  @Override
  protected String tag() {
    return "pgc";
  }

  @Override
  protected String unreachableUrl(int closedPort) {
    return "jdbc:postgresql://127.0.0.1:" + closedPort + "/test";
  }
}
