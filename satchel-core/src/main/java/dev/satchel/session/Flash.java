package dev.satchel.session;

import java.util.Objects;

/**
 * A message stored for the next request ("Successfully logged out"), with a category such as {@code message},
 * {@code error} or {@code info}. Stored the way Flask stores flashes, so both sides read each other's.
 */
public record Flash(String category, String message) {

  /** Flask's default category. */
  public static final String DEFAULT_CATEGORY = "message";

  public Flash {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(message, "message");
  }
}
