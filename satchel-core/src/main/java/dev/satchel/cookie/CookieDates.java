package dev.satchel.cookie;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Writes IMF-fixdate and reads dates with the lenient cookie-date algorithm of RFC 6265bis section 5.1.1. */
final class CookieDates {

  /** Earliest Expires we write or read: the cookie-date algorithm rejects years before 1601. */
  static final Instant EARLIEST = Instant.parse("1601-01-01T00:00:00Z");
  /** Latest Expires we write: IMF-fixdate has a four-digit year. */
  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  private CookieDates() {}

  /** {@code Sun, 06 Nov 1994 08:49:37 GMT}; the instant must lie within [EARLIEST, LATEST]. */
  static void appendImfFixdate(StringBuilder out, Instant instant) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    out.append(DAYS[t.getDayOfWeek().getValue() - 1]).append(", ");
    pad2(out, t.getDayOfMonth());
    out.append(' ').append(MONTHS[t.getMonthValue() - 1]).append(' ');
    int year = t.getYear();
    if (year < 1000) {
      out.append('0');
    }
    out.append(year).append(' ');
    pad2(out, t.getHour());
    out.append(':');
    pad2(out, t.getMinute());
    out.append(':');
    pad2(out, t.getSecond());
    out.append(" GMT");
  }

  static String imfFixdate(Instant instant) {
    StringBuilder sb = new StringBuilder(29);
    appendImfFixdate(sb, instant);
    return sb.toString();
  }

  private static void pad2(StringBuilder out, int v) {
    if (v < 10) {
      out.append('0');
    }
    out.append(v);
  }

  /**
   * Parses a cookie date the way browsers do (RFC 6265bis 5.1.1): IMF-fixdate, RFC 850, asctime and the many
   * variants servers emit. Empty when the algorithm fails.
   */
  static Optional<Instant> parse(CharSequence s) {
    return parse(s, 0, s.length());
  }

  static Optional<Instant> parse(CharSequence s, int from, int to) {
    int hour = -1;
    int minute = -1;
    int second = -1;
    int day = -1;
    int month = -1;
    int year = -1;
    int i = from;
    while (i < to) {
      while (i < to && isDelimiter(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < to && !isDelimiter(s.charAt(i))) {
        i++;
      }
      if (start == i) {
        break;
      }
      int end = i;
      if (hour < 0) {
        long hms = matchTime(s, start, end);
        if (hms >= 0) {
          hour = (int) (hms >> 16);
          minute = (int) ((hms >> 8) & 0xFF);
          second = (int) (hms & 0xFF);
          continue;
        }
      }
      if (day < 0) {
        int d = matchDigits(s, start, end, 1, 2);
        if (d >= 0) {
          day = d;
          continue;
        }
      }
      if (month < 0) {
        int m = matchMonth(s, start, end);
        if (m >= 0) {
          month = m;
          continue;
        }
      }
      if (year < 0) {
        int y = matchDigits(s, start, end, 2, 4);
        if (y >= 0) {
          year = y;
        }
      }
    }
    if (hour < 0 || day < 0 || month < 0 || year < 0) {
      return Optional.empty();
    }
    if (year >= 70 && year <= 99) {
      year += 1900;
    } else if (year <= 69) {
      year += 2000;
    }
    if (day < 1 || day > 31 || year < 1601 || hour > 23 || minute > 59 || second > 59) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC));
    } catch (DateTimeException noSuchDate) {
      // 30 February and friends: the algorithm says the date does not exist, so parsing fails.
      return Optional.empty();
    }
  }

  /** delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E */
  private static boolean isDelimiter(char c) {
    return c == 0x09
        || (c >= 0x20 && c <= 0x2F)
        || (c >= 0x3B && c <= 0x40)
        || (c >= 0x5B && c <= 0x60)
        || (c >= 0x7B && c <= 0x7E);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** min*max DIGIT ( non-digit *OCTET ): the number, or -1. */
  private static int matchDigits(CharSequence s, int start, int end, int min, int max) {
    int i = start;
    int v = 0;
    while (i < end && i - start < max && isDigit(s.charAt(i))) {
      v = v * 10 + (s.charAt(i) - '0');
      i++;
    }
    int n = i - start;
    if (n < min || (i < end && isDigit(s.charAt(i)))) {
      return -1;
    }
    return v;
  }

  /** hms-time ( non-digit *OCTET ), packed as hour<<16 | minute<<8 | second, or -1. */
  private static long matchTime(CharSequence s, int start, int end) {
    int i = start;
    int[] fields = new int[3];
    for (int f = 0; f < 3; f++) {
      int v = 0;
      int digits = 0;
      while (i < end && digits < 2 && isDigit(s.charAt(i))) {
        v = v * 10 + (s.charAt(i) - '0');
        i++;
        digits++;
      }
      if (digits == 0) {
        return -1;
      }
      fields[f] = v;
      if (f < 2) {
        if (i >= end || s.charAt(i) != ':') {
          return -1;
        }
        i++;
      }
    }
    if (i < end && isDigit(s.charAt(i))) {
      return -1;
    }
    return ((long) fields[0] << 16) | ((long) fields[1] << 8) | fields[2];
  }

  /** A month token starts with a month's three-letter name (case-insensitive): 1..12, or -1. */
  private static int matchMonth(CharSequence s, int start, int end) {
    if (end - start < 3) {
      return -1;
    }
    for (int m = 0; m < 12; m++) {
      String name = MONTHS[m];
      if (equalsIgnoreCaseAscii(s.charAt(start), name.charAt(0))
          && equalsIgnoreCaseAscii(s.charAt(start + 1), name.charAt(1))
          && equalsIgnoreCaseAscii(s.charAt(start + 2), name.charAt(2))) {
        return m + 1;
      }
    }
    return -1;
  }

  private static boolean equalsIgnoreCaseAscii(char a, char b) {
    return (a | 0x20) == (b | 0x20) && Character.isLetter(b);
  }
}
