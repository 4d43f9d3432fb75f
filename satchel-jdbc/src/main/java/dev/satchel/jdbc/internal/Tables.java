package dev.satchel.jdbc.internal;

import java.util.regex.Pattern;

/**
 * The store's two table names, derived from one validated prefix. The prefix is spliced into SQL text, so it is
 * restricted to identifier characters that every supported database accepts unquoted.
 */
public final class Tables {

  /** The prefix the shipped schema scripts use. */
  public static final String DEFAULT_PREFIX = "satchel_";
  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,31}");

  private final String prefix;

  private Tables(String prefix) {
    this.prefix = prefix;
  }

  /** Validates a table prefix: lowercase letter first, then lowercase letters, digits or '_', at most 32. */
  public static Tables withPrefix(String prefix) {
    if (prefix == null || !PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("Table prefix '" + prefix + "' is invalid: use 1 to 32 characters, a"
          + " lowercase letter first, then lowercase letters, digits or '_' (e.g. 'satchel_')");
    }
    return new Tables(prefix);
  }

  /** The prefix as given. */
  public String prefix() {
    return prefix;
  }

  /** The session table: one row per session. */
  public String sessions() {
    return prefix + "sessions";
  }

  /** The attribute table: one row per session attribute. */
  public String attributes() {
    return prefix + "attributes";
  }

  /** Rewrites a shipped script (written for {@link #DEFAULT_PREFIX}) for this prefix. */
  public String adapt(String script) {
    return script.replace(DEFAULT_PREFIX, prefix);
  }
}
