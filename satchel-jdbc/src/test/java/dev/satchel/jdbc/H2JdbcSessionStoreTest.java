package dev.satchel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.satchel.store.SessionStoreException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The JDBC store on an in-memory H2 database (no server needed). */
class H2JdbcSessionStoreTest extends JdbcStoreTests {

  /** Generous: a cold first connection on a loaded CI machine must not read as an outage. */
  private static final java.time.Duration TEST_CONNECTION_TIMEOUT = java.time.Duration.ofSeconds(10);

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private final String url = "jdbc:h2:mem:satchel-h2-test-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";

  @Override
  protected JdbcSessionStore.Builder database() {
    return JdbcSessionStore.builder().connectionTimeout(TEST_CONNECTION_TIMEOUT).jdbcUrl(url);
  }

  @Override
  protected Connection raw() throws SQLException {
    return DriverManager.getConnection(url);
  }

  @Test
  void errorsThroughAGivenDataSourceNameItsDatabase() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(url);
    try (JdbcSessionStore s = JdbcSessionStore.builder().dataSource(ds).tablePrefix("never_created_")
        .createSchema(false).sweepInterval(Duration.ZERO).build()) {
      assertThatThrownBy(() -> s.count(T0)).isInstanceOf(SessionStoreException.class)
          .hasMessageContaining(url.substring(0, url.indexOf(';')))
          .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("never_created_sessions"));
    }
  }

  @Override
  protected String expectedDialect() {
    return "h2";
  }

  @Override
  protected String tag() {
    return "h2";
  }
}
