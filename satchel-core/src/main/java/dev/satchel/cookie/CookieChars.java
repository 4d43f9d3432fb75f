package dev.satchel.cookie;

/** Character classes of RFC 6265bis and RFC 9110, and the wording that names an offending character. */
final class CookieChars {

  private CookieChars() {}

  /** tchar of RFC 9110: the characters of a token (a cookie name). */
  static boolean isTchar(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return true;
    }
    switch (c) {
      case '!': case '#': case '$': case '%': case '&': case '\'': case '*':
      case '+': case '-': case '.': case '^': case '_': case '`': case '|': case '~':
        return true;
      default:
        return false;
    }
  }

  /** cookie-octet: US-ASCII except CTLs, whitespace, DQUOTE, comma, semicolon and backslash. */
  static boolean isCookieOctet(char c) {
    return c == 0x21
        || (c >= 0x23 && c <= 0x2B)
        || (c >= 0x2D && c <= 0x3A)
        || (c >= 0x3C && c <= 0x5B)
        || (c >= 0x5D && c <= 0x7E);
  }

  /** {@link #isCookieOctet} as two 64-bit masks over ASCII: one load and one test per character. */
  private static final long[] COOKIE_OCTETS = new long[2];

  static {
    for (char c = 0; c < 128; c++) {
      if (isCookieOctet(c)) {
        COOKIE_OCTETS[c >> 6] |= 1L << c;
      }
    }
  }

  /**
   * True when every character of {@code s} is a cookie-octet. Every response of a cookie session checks its whole
   * value (hundreds of characters), so this is the branch-light form of {@link #isCookieOctet}; callers that find a
   * bad character then ask the slow questions (which one, and why) for the message.
   */
  static boolean allCookieOctets(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= 128 || (COOKIE_OCTETS[c >> 6] & (1L << c)) == 0) {
        return false;
      }
    }
    return true;
  }

  /** The characters that end a cookie or a header line: writing one lets input inject attributes or headers. */
  static boolean isInjection(char c) {
    return c == '\r' || c == '\n' || c == ';';
  }

  /** av-octet: any visible US-ASCII character or space, except ';'. */
  static boolean isAvOctet(char c) {
    return c >= 0x20 && c <= 0x7E && c != ';';
  }

  static boolean isCtl(char c) {
    return c < 0x20 || c == 0x7F;
  }

  static boolean isOws(char c) {
    return c == ' ' || c == '\t';
  }

  /** {@code U+000D} for a control character, {@code U+002C ','} for a visible one. */
  static String describe(String s, int index) {
    int cp = s.codePointAt(index);
    String hex = String.format("U+%04X", cp);
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
      return hex + " (" + controlName(cp) + ")";
    }
    if (cp == ' ') {
      return hex + " (space)";
    }
    return hex + " '" + new String(Character.toChars(cp)) + "'";
  }

  private static String controlName(int cp) {
    switch (cp) {
      case '\r': return "carriage return";
      case '\n': return "line feed";
      case '\t': return "tab";
      case 0: return "NUL";
      default: return "control character";
    }
  }

  static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  static boolean equalsIgnoreCaseAscii(String s, int from, int to, String lowerCaseExpected) {
    if (to - from != lowerCaseExpected.length()) {
      return false;
    }
    for (int i = 0; i < lowerCaseExpected.length(); i++) {
      char c = s.charAt(from + i);
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + 32);
      }
      if (c != lowerCaseExpected.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  static boolean startsWithIgnoreCase(String s, String prefix) {
    return s.regionMatches(true, 0, prefix, 0, prefix.length());
  }
}
