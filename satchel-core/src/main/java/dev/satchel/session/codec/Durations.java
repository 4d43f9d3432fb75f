package dev.satchel.session.codec;

import java.time.Duration;

/** Builder checks for durations, with messages that name the setting. */
final class Durations {

  private Durations() {}

  static Duration positive(String name, Duration d) {
    if (d == null || d.getSeconds() < 1) {
      throw new IllegalArgumentException(name + " must be at least 1 second, got " + d);
    }
    return d;
  }

  static Duration notNegative(String name, Duration d) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be zero or positive, got " + d);
    }
    return d;
  }
}
