package dev.satchel.servlet;

import java.util.List;

/**
 * Servlet-style URL patterns: {@code /api/*} (the path and everything under it), {@code *.json} (an extension) or
 * an exact path. Matched against the container's decoded, normalized path, never the raw URI, so
 * {@code /api/../admin} cannot pose as an API path.
 */
record PathPatterns(List<String> patterns) {

  PathPatterns {
    for (String p : patterns) {
      boolean valid = p.startsWith("/") ? p.indexOf('*') < 0 || (p.endsWith("/*") && p.indexOf('*') == p.length() - 1)
          : p.startsWith("*.") && p.indexOf('*', 1) < 0 && p.indexOf('/') < 0;
      if (!valid) {
        throw new IllegalArgumentException("Path pattern '" + p + "' is not one of '/exact/path', '/prefix/*' or "
            + "'*.extension'");
      }
    }
    patterns = List.copyOf(patterns);
  }

  /** True when {@code path} (the path within the application, starting with '/') matches a pattern. */
  boolean matches(String path) {
    for (String p : patterns) {
      if (p.endsWith("/*")) {
        String prefix = p.substring(0, p.length() - 2);
        if (path.equals(prefix) || path.startsWith(prefix + "/") || prefix.isEmpty()) {
          return true;
        }
      } else if (p.startsWith("*.")) {
        int slash = path.lastIndexOf('/');
        if (path.substring(slash + 1).endsWith(p.substring(1))) {
          return true;
        }
      } else if (path.equals(p)) {
        return true;
      }
    }
    return false;
  }
}
