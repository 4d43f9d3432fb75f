package dev.satchel.internal;

import java.time.Duration;

/**
 * The range checks that builders of every module share (codecs, signers, stores). Each returns the value it accepts
 * and otherwise throws an {@link IllegalArgumentException} that names the setting, the rule and the value given
 * ({@code "commandTimeout must be at least 1 ms, got PT0S"}), null included, so the message says what to change.
 */
public final class SettingChecks {

  private SettingChecks() {}

  /** {@code value} when it is at least {@code min} (a whole number of milliseconds, at least 1 ms). */
  public static Duration atLeast(String setting, Duration value, Duration min) {
    if (value == null || value.compareTo(min) < 0) {
      throw new IllegalArgumentException(setting + " must be at least " + describe(min) + ", got " + value);
    }
    return value;
  }

  /** {@code value} when it is zero or positive. */
  public static Duration zeroOrPositive(String setting, Duration value) {
    return notNegative(setting, value, "zero or positive");
  }

  /** {@code value} when it is positive, or zero, which turns the setting off (a background task's interval). */
  public static Duration offOrPositive(String setting, Duration value) {
    return notNegative(setting, value, "zero (off) or positive");
  }

  /** {@code value} when it is at least {@code min}. */
  public static int atLeast(String setting, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(setting + " must be at least " + min + ", got " + value);
    }
    return value;
  }

  /** {@code value} when it is at least {@code min}. */
  public static long atLeast(String setting, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(setting + " must be at least " + min + ", got " + value);
    }
    return value;
  }

  private static Duration notNegative(String setting, Duration value, String rule) {
    if (value == null || value.isNegative()) {
      throw new IllegalArgumentException(setting + " must be " + rule + ", got " + value);
    }
    return value;
  }

  /** "1 second", "5 seconds", "250 ms": how a person writes the limit. */
  private static String describe(Duration min) {
    long millis = min.toMillis();
    if (millis % 1000 != 0) {
      return millis + " ms";
    }
    long seconds = millis / 1000;
    return seconds == 1 ? "1 second" : seconds + " seconds";
  }
}
