package dev.satchel.jdbc;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/** The real database servers the integration tests use, and the rule for when they are missing. */
final class Databases {

  static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String POSTGRES_USER = "postgres";
  static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test";
  static final String MARIADB_USER = "root";

  private Databases() {}

  /** Skips the test visibly when the server is unreachable, but fails it under {@code CI=true}. */
  static void requireReachable(String name, String url, String user) {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("connectTimeout", url.contains("postgresql") ? "2" : "2000");
    try (Connection c = DriverManager.getConnection(url, props)) {
      c.isValid(2);
    } catch (SQLException e) {
      String message = name + " at " + url + " is unreachable (" + e.getMessage() + ")";
      if ("true".equals(System.getenv("CI"))) {
        fail(message + "; CI=true requires it");
      }
      Assumptions.abort(message + "; skipping (start it, or run under CI=true to make this a failure)");
    }
  }

  /** A table prefix no other test class or parallel run uses. */
  static String uniquePrefix(String tag) {
    return "t_" + tag + "_" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36) + "_";
  }

  /** Drops the two tables of a prefix (attributes first, for the foreign key). */
  static void dropTables(String url, String user, String prefix) {
    try (Connection c = DriverManager.getConnection(url, user, "");
         Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS " + prefix + "attributes");
      st.execute("DROP TABLE IF EXISTS " + prefix + "sessions");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot drop test tables " + prefix + "*", e);
    }
  }
}
