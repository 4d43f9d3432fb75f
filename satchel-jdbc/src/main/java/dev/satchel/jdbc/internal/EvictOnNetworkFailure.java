package dev.satchel.jdbc.internal;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Tells HikariCP to discard a connection that failed at the network level even when the driver's SQLState is not
 * one Hikari recognises (H2 reports a broken connection as 90067), so no dead connection is handed out again.
 */
public final class EvictOnNetworkFailure implements SQLExceptionOverride {

  @java.lang.Override
  public SQLExceptionOverride.Override adjudicate(SQLException e) {
    return Failures.isUnavailable(e) ? SQLExceptionOverride.Override.MUST_EVICT
        : SQLExceptionOverride.Override.CONTINUE_EVICT;
  }
}
