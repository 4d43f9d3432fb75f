package dev.satchel.cookie;

import java.util.Optional;

/** The {@code SameSite} attribute of a cookie: when a browser sends it on cross-site requests. */
public enum SameSite {
  /** Sent only with same-site requests. */
  STRICT("Strict"),
  /** Sent with same-site requests and top-level cross-site navigations (the browsers' default). */
  LAX("Lax"),
  /** Sent with every request; browsers require {@code Secure} with it. */
  NONE("None");

  private final String wireName;

  SameSite(String wireName) {
    this.wireName = wireName;
  }

  /** The spelling used in a {@code Set-Cookie} header: {@code Strict}, {@code Lax} or {@code None}. */
  public String wireName() {
    return wireName;
  }

  /** Reads an attribute value case-insensitively, as browsers do; empty for anything else. */
  public static Optional<SameSite> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (SameSite s : values()) {
      if (s.wireName.equalsIgnoreCase(value)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
