package dev.satchel.flask.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The date format of Flask's {@code " d"} tag: Werkzeug's {@code http_date} ({@code Tue, 14 Nov 2023 22:13:20 GMT})
 * and a forgiving reader for what {@code email.utils.parsedate_to_datetime} accepts in practice.
 */
public final class HttpDate {

  private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  private static final String[] MONTHS =
      {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  /** Python's datetime covers years 1 to 9999; outside that Flask could not read the value back. */
  private static final long MIN_SECOND = LocalDateTime.of(1, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
  private static final long MAX_SECOND = LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);

  private HttpDate() {}

  /**
   * Formats an instant the way Flask does, dropping sub-second precision (Python's formatter ignores microseconds).
   *
   * @throws IllegalArgumentException outside the years 1 to 9999
   */
  public static String format(Instant instant) {
    long second = instant.getEpochSecond();
    if (second < MIN_SECOND || second > MAX_SECOND) {
      throw new IllegalArgumentException("Date " + instant + " is outside the years 1 to 9999 that Python's datetime"
          + " (and so Flask) can represent");
    }
    LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
    StringBuilder out = new StringBuilder(29);
    out.append(DAYS[t.getDayOfWeek().getValue() - 1]).append(", ");
    two(out, t.getDayOfMonth());
    out.append(' ').append(MONTHS[t.getMonthValue() - 1]).append(' ');
    int year = t.getYear();
    out.append("0".repeat(4 - Integer.toString(year).length())).append(year).append(' ');
    two(out, t.getHour());
    out.append(':');
    two(out, t.getMinute());
    out.append(':');
    two(out, t.getSecond());
    out.append(" GMT");
    return out.toString();
  }

  private static void two(StringBuilder out, int value) {
    if (value < 10) {
      out.append('0');
    }
    out.append(value);
  }

  /**
   * Parses an RFC 2822 date ({@code [Day, ]DD Mon YYYY HH:MM[:SS] [zone]}); null when it is not one, which is what
   * Flask's reader gives for an unparseable date too. A missing zone means UTC, as in Werkzeug.
   */
  public static Instant parse(String text) {
    try {
      return parseOrThrow(text.trim());
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Instant parseOrThrow(String s) {
    String[] parts = s.split("[ \\t]+");
    int i = 0;
    if (parts.length > 0 && parts[0].endsWith(",")) {
      String day = parts[0].substring(0, parts[0].length() - 1);
      if (dayIndex(day) < 0) {
        throw new IllegalArgumentException("day name");
      }
      i = 1;
    }
    if (parts.length - i < 4) {
      throw new IllegalArgumentException("too short");
    }
    int dayOfMonth = Integer.parseInt(parts[i]);
    int month = monthIndex(parts[i + 1]) + 1;
    if (month == 0) {
      throw new IllegalArgumentException("month");
    }
    int year = Integer.parseInt(parts[i + 2]);
    if (year < 100) {
      // Python's parsedate treats every year below 100 as a two-digit year, even when written "0075", so Flask
      // reads back 1969..2068 for the years 1..99 it wrote itself. Reading the same way keeps both sides equal.
      year += year > 68 ? 1900 : 2000;
    }
    String[] hms = parts[i + 3].split(":");
    int hour = Integer.parseInt(hms[0]);
    int minute = Integer.parseInt(hms[1]);
    int second = hms.length > 2 ? Integer.parseInt(hms[2]) : 0;
    if (hms.length > 3) {
      throw new IllegalArgumentException("time");
    }
    int offsetSeconds = parts.length - i > 4 ? zoneOffsetSeconds(parts[i + 4]) : 0;
    LocalDateTime local = LocalDate.of(year, month, dayOfMonth).atTime(hour, minute, second);
    return local.toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
  }

  private static int zoneOffsetSeconds(String zone) {
    String z = zone.toUpperCase(Locale.ROOT);
    switch (z) {
      case "GMT": case "UT": case "UTC": case "Z": case "-0000": case "+0000":
        return 0;
      default:
        break;
    }
    if (z.length() == 5 && (z.charAt(0) == '+' || z.charAt(0) == '-')) {
      int hours = Integer.parseInt(z.substring(1, 3));
      int minutes = Integer.parseInt(z.substring(3, 5));
      int total = hours * 3600 + minutes * 60;
      return z.charAt(0) == '-' ? -total : total;
    }
    throw new IllegalArgumentException("zone");
  }

  private static int dayIndex(String day) {
    for (DayOfWeek d : DayOfWeek.values()) {
      if (DAYS[d.getValue() - 1].equalsIgnoreCase(day)) {
        return d.getValue() - 1;
      }
    }
    return -1;
  }

  private static int monthIndex(String month) {
    for (int m = 0; m < MONTHS.length; m++) {
      if (MONTHS[m].equalsIgnoreCase(month)) {
        return m;
      }
    }
    return -1;
  }
}
