package dev.satchel.flask.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats a double exactly like Python's {@code float.__repr__}, which {@code json.dumps} uses.
 *
 * <p>Python prints the shortest decimal that reads back as the same double (closest to the true value when several
 * have that length), in fixed notation when the decimal point falls within 16 digits and in {@code 1e-05} style
 * otherwise. JDK 17's {@code Double.toString} is not always shortest and uses another layout, so the digits are
 * found here with exact {@link BigDecimal} arithmetic, using the JDK's correctly rounded parser as the round-trip
 * check (the same rounding Python's {@code float()} does).
 */
public final class PythonFloat {

  private PythonFloat() {}

  /** Python's {@code repr(value)}, with {@code json}'s spelling of the non-finite values. */
  public static String repr(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    if (value == 0.0) {
      return Double.doubleToRawLongBits(value) < 0 ? "-0.0" : "0.0";
    }
    StringBuilder out = new StringBuilder(24);
    if (value < 0) {
      out.append('-');
    }
    double abs = Math.abs(value);
    String javaRepr = Double.toString(abs);
    // Fast path. Double.toString always reads back as the same double; when it has at most 15 significant digits
    // it is also Python's answer: every decimal of at most 15 digits survives a trip through double, so no two
    // such decimals of the same length can read back as one double, and none shorter can either (it would equal
    // this one padded with zeros, but trailing zeros are stripped here). Subnormals have less precision than
    // that, so they always take the exact path.
    int mark = out.length();
    if (abs < Double.MIN_NORMAL || !javaDigits(javaRepr, out)) {
      out.setLength(mark);
      BigDecimal shortest = shortestDigits(abs, javaRepr).stripTrailingZeros();
      String digits = shortest.unscaledValue().toString();
      layout(digits, digits.length() - shortest.scale(), out);
    }
    return out.toString();
  }

  /**
   * Lays out Double.toString's digits the Python way when there are at most 15 of them; false (and nothing
   * useful appended) otherwise.
   */
  private static boolean javaDigits(String javaRepr, StringBuilder out) {
    int e = javaRepr.indexOf('E');
    int mantissaEnd = e < 0 ? javaRepr.length() : e;
    int exponent = e < 0 ? 0 : Integer.parseInt(javaRepr.substring(e + 1));
    int dot = javaRepr.indexOf('.');
    StringBuilder digits = new StringBuilder(20);
    digits.append(javaRepr, 0, dot).append(javaRepr, dot + 1, mantissaEnd);
    int decpt = dot + exponent;
    int lead = 0;
    while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
      lead++;
    }
    int end = digits.length();
    while (end > lead + 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    if (end - lead > 15) {
      return false;
    }
    layout(digits.substring(lead, end), decpt - lead, out);
    return true;
  }

  /** The shortest decimal that parses back to {@code abs} (which is finite and positive). */
  static BigDecimal shortestDigits(double abs, String javaRepr) {
    BigDecimal exact = new BigDecimal(abs);
    // Double.toString round-trips, so its digit count is an upper bound; round-tripping is monotone in the
    // number of digits, so walk down from there until a length no longer works.
    int precision = Math.min(17, significantDigits(javaRepr));
    BigDecimal best = candidate(exact, abs, precision);
    while (best == null && precision < 17) {
      precision++;
      best = candidate(exact, abs, precision);
    }
    if (best == null) {
      throw new AssertionError("no round-tripping decimal for " + abs);
    }
    for (int p = precision - 1; p >= 1; p--) {
      BigDecimal shorter = candidate(exact, abs, p);
      if (shorter == null) {
        break;
      }
      best = shorter;
    }
    return best;
  }

  /**
   * The decimal with {@code precision} significant digits that reads back as {@code abs}, preferring the nearest
   * (ties to even, as Python); null when neither neighbour at that length reads back.
   */
  private static BigDecimal candidate(BigDecimal exact, double abs, int precision) {
    BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
    if (nearest.doubleValue() == abs) {
      return nearest;
    }
    // Next to a power of two the round-trip interval is lopsided: the farther neighbour may still read back.
    BigDecimal floor = exact.round(new MathContext(precision, RoundingMode.FLOOR));
    BigDecimal other = floor.compareTo(nearest) == 0
        ? exact.round(new MathContext(precision, RoundingMode.CEILING))
        : floor;
    return other.doubleValue() == abs ? other : null;
  }

  private static int significantDigits(String javaRepr) {
    int end = javaRepr.indexOf('E');
    if (end < 0) {
      end = javaRepr.length();
    }
    int first = -1;
    int last = -1;
    for (int i = 0; i < end; i++) {
      char c = javaRepr.charAt(i);
      if (c >= '1' && c <= '9') {
        if (first < 0) {
          first = i;
        }
        last = i;
      }
    }
    int count = 0;
    for (int i = first; i <= last; i++) {
      if (javaRepr.charAt(i) != '.') {
        count++;
      }
    }
    return Math.max(1, count);
  }

  /**
   * CPython's 'r' layout of {@code 0.DIGITS x 10^decpt}: fixed notation when -4 < decpt <= 16, else
   * d.ddde+XX with at least two exponent digits.
   */
  private static void layout(String digits, int decpt, StringBuilder out) {
    if (decpt > -4 && decpt <= 16) {
      if (decpt <= 0) {
        out.append("0.");
        out.append("0".repeat(-decpt));
        out.append(digits);
      } else if (decpt >= digits.length()) {
        out.append(digits);
        out.append("0".repeat(decpt - digits.length()));
        out.append(".0");
      } else {
        out.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
      }
      return;
    }
    out.append(digits.charAt(0));
    if (digits.length() > 1) {
      out.append('.').append(digits, 1, digits.length());
    }
    int exponent = decpt - 1;
    out.append('e').append(exponent < 0 ? '-' : '+');
    int magnitude = Math.abs(exponent);
    if (magnitude < 10) {
      out.append('0');
    }
    out.append(magnitude);
  }
}
