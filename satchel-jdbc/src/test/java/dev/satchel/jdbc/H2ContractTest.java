package dev.satchel.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The conformance kit on in-memory H2. */
class H2ContractTest extends JdbcContractTests {

  /** Generous: a cold first connection on a loaded CI machine must not read as an outage. */
  private static final java.time.Duration TEST_CONNECTION_TIMEOUT = java.time.Duration.ofSeconds(10);

  private static final String URL = "jdbc:h2:mem:satchel-h2-contract;DB_CLOSE_DELAY=-1";

  @Override
  protected JdbcSessionStore.Builder connect() {
    return JdbcSessionStore.builder().connectionTimeout(TEST_CONNECTION_TIMEOUT).jdbcUrl(URL);
  }

  @Override
  protected Connection raw() throws SQLException {
    return DriverManager.getConnection(URL);
  }

  @Override
  protected String tag() {
    return "h2c";
  }

  @Override
  protected String unreachableUrl(int closedPort) {
    return "jdbc:h2:tcp://127.0.0.1:" + closedPort + "/nothing";
  }
}
