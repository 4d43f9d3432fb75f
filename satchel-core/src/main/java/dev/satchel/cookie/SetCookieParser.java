package dev.satchel.cookie;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a {@code Set-Cookie} header value the way a browser does (RFC 6265bis section 5.6): the client side, for
 * tests, the CLI and end-to-end checks. Lenient: it never throws, and the cookies it returns may hold what {@link
 * Cookie.Builder} would refuse.
 *
 * <p>Deliberate choices: a pair without {@code =} or with an empty name is ignored (RFC 6265; 6265bis would keep a
 * nameless cookie, which a server cannot address); the value keeps its double quotes, as browsers do; Max-Age wins
 * over Expires and is resolved against the {@code now} given, so {@link Cookie#expires()} is the effective expiry.
 */
public final class SetCookieParser {

  private SetCookieParser() {}

  /** The cookie a browser would store from this header value received at {@code now}; empty if it would ignore it. */
  public static Optional<Cookie> parse(String setCookieHeaderValue, Instant now) {
    if (setCookieHeaderValue == null || now == null) {
      return Optional.empty();
    }
    String s = setCookieHeaderValue;
    int len = s.length();
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      // Step 1: a control character other than HTAB makes the whole header ignored.
      if (c != '\t' && CookieChars.isCtl(c)) {
        return Optional.empty();
      }
    }
    int semi = s.indexOf(';');
    int pairEnd = semi < 0 ? len : semi;
    int eq = indexOf(s, '=', 0, pairEnd);
    if (eq < 0) {
      return Optional.empty();
    }
    int nameStart = skipWs(s, 0, eq);
    int nameEnd = trimEnd(s, nameStart, eq);
    int valueStart = skipWs(s, eq + 1, pairEnd);
    int valueEnd = trimEnd(s, valueStart, pairEnd);
    if (nameStart == nameEnd) {
      return Optional.empty();
    }
    String name = s.substring(nameStart, nameEnd);
    String value = s.substring(valueStart, valueEnd);
    if (CookieChars.utf8Length(name) + CookieChars.utf8Length(value) > Cookie.MAX_NAME_VALUE_BYTES) {
      return Optional.empty();
    }

    Duration maxAge = null;
    Instant maxAgeExpiry = null;
    Instant expires = null;
    String domain = null;
    String path = null;
    boolean secure = false;
    boolean httpOnly = false;
    SameSite sameSite = null;
    boolean partitioned = false;
    List<String> extensions = new ArrayList<>(0);

    int pos = pairEnd;
    while (pos < len) {
      int avStart = pos + 1;
      int avEnd = indexOf(s, ';', avStart, len);
      if (avEnd < 0) {
        avEnd = len;
      }
      pos = avEnd;
      int avEq = indexOf(s, '=', avStart, avEnd);
      int an0 = skipWs(s, avStart, avEq < 0 ? avEnd : avEq);
      int an1 = trimEnd(s, an0, avEq < 0 ? avEnd : avEq);
      int av0 = avEq < 0 ? avEnd : skipWs(s, avEq + 1, avEnd);
      int av1 = avEq < 0 ? avEnd : trimEnd(s, av0, avEnd);
      if (an0 == an1) {
        continue;
      }
      if (CookieChars.utf8Length(s.substring(av0, av1)) > Cookie.MAX_ATTRIBUTE_VALUE_BYTES) {
        continue;
      }
      if (CookieChars.equalsIgnoreCaseAscii(s, an0, an1, "expires")) {
        Optional<Instant> date = CookieDates.parse(s, av0, av1);
        if (date.isPresent()) {
          expires = date.get();
        }
      } else if (CookieChars.equalsIgnoreCaseAscii(s, an0, an1, "max-age")) {
        long seconds = parseMaxAge(s, av0, av1);
        if (seconds != Long.MIN_VALUE) {
          maxAge = Duration.ofSeconds(Math.max(0, seconds));
          maxAgeExpiry = seconds <= 0 ? Cookie.DELETION_EXPIRES : plusClamped(now, seconds);
        }
      } else if (CookieChars.equalsIgnoreCaseAscii(s, an0, an1, "domain")) {
        // An empty Domain is ignored (RFC 6265bis 5.6.3); a leading dot is dropped.
        if (av0 < av1) {
          int d0 = s.charAt(av0) == '.' ? av0 + 1 : av0;
          domain = s.substring(d0, av1).toLowerCase(Locale.ROOT);
        }
      } else if (CookieChars.equalsIgnoreCaseAscii(s, an0, an1, "path")) {
        // An empty or relative Path means the default path, and overrides an earlier Path.
        path = av0 < av1 && s.charAt(av0) == '/' ? s.substring(av0, av1) : null;
      } else if (CookieChars.equalsIgnoreCaseAscii(s, an0, an1, "secure")) {
        secure = true;
      } else if (CookieChars.equalsIgnoreCaseAscii(s, an0, an1, "httponly")) {
        httpOnly = true;
      } else if (CookieChars.equalsIgnoreCaseAscii(s, an0, an1, "samesite")) {
        // An unknown value means the browser default, overriding an earlier SameSite.
        sameSite = SameSite.parse(s.substring(av0, av1)).orElse(null);
      } else if (CookieChars.equalsIgnoreCaseAscii(s, an0, an1, "partitioned")) {
        partitioned = true;
      } else {
        extensions.add(avEq < 0 ? s.substring(an0, an1) : s.substring(an0, an1) + "=" + s.substring(av0, av1));
      }
    }
    if (maxAgeExpiry != null) {
      expires = maxAgeExpiry;
    }
    return Optional.of(Cookie.lenient(name, value, maxAge, expires, domain, path, secure, httpOnly, sameSite,
        partitioned, extensions));
  }

  /** delta-seconds per 5.6.2: optional '-', digits only; saturates instead of overflowing. MIN_VALUE if invalid. */
  private static long parseMaxAge(String s, int from, int to) {
    if (from >= to) {
      return Long.MIN_VALUE;
    }
    boolean negative = s.charAt(from) == '-';
    int i = negative ? from + 1 : from;
    if (i >= to) {
      return Long.MIN_VALUE;
    }
    long v = 0;
    for (; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return Long.MIN_VALUE;
      }
      v = v > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : v * 10 + (c - '0');
    }
    return negative ? -v : v;
  }

  private static Instant plusClamped(Instant now, long seconds) {
    long max = CookieDates.LATEST.getEpochSecond();
    long t = now.getEpochSecond();
    return seconds >= max - t ? CookieDates.LATEST : now.plusSeconds(seconds);
  }

  private static int indexOf(String s, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  private static int skipWs(String s, int from, int to) {
    while (from < to && CookieChars.isOws(s.charAt(from))) {
      from++;
    }
    return from;
  }

  private static int trimEnd(String s, int from, int to) {
    while (to > from && CookieChars.isOws(s.charAt(to - 1))) {
      to--;
    }
    return to;
  }
}
