package dev.satchel.flask;

import java.util.Objects;

/**
 * Markup-safe HTML from Flask (MarkupSafe's {@code Markup}, tag {@code " m"}): text already escaped, to be written
 * to a page as-is. Kept apart from {@link String} so it round-trips as Markup and is never mistaken for plain text.
 */
public record FlaskMarkup(String html) {

  /** Markup holding this HTML. */
  public FlaskMarkup {
    Objects.requireNonNull(html, "html");
  }

  @Override
  public String toString() {
    return html;
  }
}
