package dev.satchel.jdbc.internal;

import java.time.Instant;

/**
 * Instants as BIGINT microseconds since the epoch: portable across the three databases (no time-zone handling in
 * drivers), indexable, and as precise as {@code Instant.now()} on the JDK's Linux clock and PostgreSQL timestamps.
 */
public final class Micros {

  private Micros() {}

  /** Microseconds since the epoch, rounded down. */
  public static long of(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  /** The instant for a stored value. */
  public static Instant toInstant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }
}
