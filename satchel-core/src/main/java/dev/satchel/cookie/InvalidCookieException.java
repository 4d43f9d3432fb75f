package dev.satchel.cookie;

/**
 * A cookie that {@link Cookie.Builder#build()} refuses to write, with a message naming the attribute, the offending
 * character (as {@code U+000D} and its index) and how to fix it.
 */
public final class InvalidCookieException extends IllegalArgumentException {

  private final String attribute;
  private final int index;

  InvalidCookieException(String attribute, int index, String message) {
    super(message);
    this.attribute = attribute;
    this.index = index;
  }

  /** The attribute at fault: {@code name}, {@code value}, {@code Domain}, {@code Path}, {@code Max-Age}, ... */
  public String attribute() {
    return attribute;
  }

  /** Index of the offending character in the attribute, or -1 when the problem is not one character. */
  public int index() {
    return index;
  }
}
