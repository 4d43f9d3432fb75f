package dev.satchel.csrf;

import java.util.Objects;

/** The verdict on one request: allowed, or refused with a plain reason to show in the 403 response. */
public record CsrfResult(boolean allowed, String reason) {

  private static final CsrfResult ALLOWED = new CsrfResult(true, "");

  public CsrfResult {
    Objects.requireNonNull(reason, "reason");
  }

  static CsrfResult ok() {
    return ALLOWED;
  }

  static CsrfResult refused(String reason) {
    return new CsrfResult(false, reason);
  }
}
