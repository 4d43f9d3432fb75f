package dev.satchel.jdbc;

import dev.satchel.store.SessionStore;
import dev.satchel.testkit.SessionStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The shared conformance kit against the JDBC store; each database gets fresh tables (a new prefix) per test. */
abstract class JdbcContractTests extends SessionStoreContract {

  private String prefix;

  /** A builder pointing at the database under test (no prefix set). */
  protected abstract JdbcSessionStore.Builder connect();

  /** A plain connection to the same database. */
  protected abstract Connection raw() throws SQLException;

  protected abstract String tag();

  /** A URL for this database's driver pointing at a port where nothing listens. */
  protected abstract String unreachableUrl(int closedPort);

  @Override
  protected SessionStore createUnreachableStore() {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again at once: connections are refused
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return JdbcSessionStore.builder().jdbcUrl(unreachableUrl(port)).connectionTimeout(Duration.ofMillis(500))
        .sweepInterval(Duration.ZERO).build();
  }

  @Override
  protected SessionStore createStore() {
    prefix = Databases.uniquePrefix(tag());
    JdbcSessionStore store = connect().tablePrefix(prefix).build();
    store.dialect(); // connects and creates the tables now, so the raw view can read them before the first write
    return store;
  }

  @Override
  protected void closeStore(SessionStore store) {
    store.close();
    try (Connection c = raw(); Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS " + prefix + "attributes");
      st.execute("DROP TABLE IF EXISTS " + prefix + "sessions");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot drop the test tables " + prefix + "*", e);
    }
  }

  @Override
  protected Collection<String> rawStoredKeysAndValues() {
    List<String> out = new ArrayList<>();
    try (Connection c = raw(); Statement st = c.createStatement()) {
      collect(st, "SELECT storage_key, principal, device FROM " + prefix + "sessions", out);
      collect(st, "SELECT storage_key, name, value_json FROM " + prefix + "attributes", out);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the test tables " + prefix + "*", e);
    }
    return out;
  }

  private static void collect(Statement st, String sql, List<String> out) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          String value = rs.getString(i);
          if (value != null) {
            out.add(value);
          }
        }
      }
    }
  }
}
