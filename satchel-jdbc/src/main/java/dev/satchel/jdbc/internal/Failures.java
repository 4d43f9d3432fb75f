package dev.satchel.jdbc.internal;

import dev.satchel.store.SessionStoreException;
import dev.satchel.store.SessionStoreUnavailableException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.regex.Pattern;

/** Turns JDBC failures into the store SPI's exceptions, with messages that name the database but never a password. */
public final class Failures {

  private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)((?:password|pwd)\\s*=)[^&;]*");
  private static final Pattern USER_INFO = Pattern.compile("//([^/@:]*):[^/@]*@");

  private final String database;
  private final String timeouts;

  /**
   * @param database where the store connects, already redacted
   * @param timeouts the bounds in force, for the message (e.g. "connectionTimeout 1000 ms")
   */
  public Failures(String database, String timeouts) {
    this.database = database;
    this.timeouts = timeouts;
  }

  /** A JDBC URL with any password (query parameter or user-info) replaced by "***". */
  public static String redact(String jdbcUrl) {
    if (jdbcUrl == null) {
      return "null";
    }
    String out = PASSWORD_PARAM.matcher(jdbcUrl).replaceAll("$1***");
    return USER_INFO.matcher(out).replaceAll("//$1:***@");
  }

  /** The exception to throw for a failed operation. */
  public SessionStoreException translate(String operation, SQLException e) {
    if (isUnavailable(e)) {
      return new SessionStoreUnavailableException("Session database " + database + " is unavailable (" + operation
          + " failed within " + timeouts + "): " + e.getMessage()
          + ". Check that the database is running and reachable; the store reconnects by itself when it is back.", e);
    }
    return new SessionStoreException("Session database " + database + ": " + operation + " failed: "
        + e.getMessage() + " (SQLState " + e.getSQLState() + ")", e);
  }

  /** True when the failure means "cannot talk to the database" rather than "the database refused the SQL". */
  public static boolean isUnavailable(SQLException e) {
    if (e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
        || e instanceof SQLTimeoutException || e instanceof SQLRecoverableException) {
      return true;
    }
    String state = e.getSQLState();
    if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P03"))) {
      return true; // connection exception class; PostgreSQL admin shutdown / cannot connect now
    }
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  /** True for failures worth retrying the whole transaction: deadlock or serialization failure. */
  public static boolean isRetryable(SQLException e) {
    String state = e.getSQLState();
    return "40001".equals(state) || "40P01".equals(state) || e.getErrorCode() == 1213;
  }
}
