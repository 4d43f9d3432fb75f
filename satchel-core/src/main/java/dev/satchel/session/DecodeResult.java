package dev.satchel.session;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** What decoding a session cookie gave: the session, or the reason it was refused. */
public sealed interface DecodeResult {

  /** Why a cookie value was refused. None of these is an error for the application: the visitor gets a fresh session. */
  enum Reason {
    /** Not in the codec's format at all (truncated, wrong number of parts, bad base64, not JSON). */
    MALFORMED,
    /** Well-formed, but no key in the ring produced this signature (tampered, or signed by another app). */
    BAD_SIGNATURE,
    /** Signed longer ago than the codec's maximum age. */
    EXPIRED,
    /** Signed in the future beyond the allowed clock skew. */
    FUTURE_TIMESTAMP,
    /** Authentic, but its content is not a session (e.g. not a JSON object). */
    BAD_PAYLOAD
  }

  /**
   * A verified session. {@code keyIndex} is 0 for the current key, 1.. for fallback keys (time to re-issue). The
   * attributes may be unmodifiable (a codec may hand the same decoded session to every request sending the same
   * cookie): copy them to change them.
   */
  record Decoded(Map<String, Object> attributes, Instant issuedAt, int keyIndex) implements DecodeResult {
    public Decoded {
      Objects.requireNonNull(attributes, "attributes");
      Objects.requireNonNull(issuedAt, "issuedAt");
    }

    /** True when a fallback key verified it, so the session should be re-signed with the current key. */
    public boolean signedWithFallbackKey() {
      return keyIndex > 0;
    }
  }

  /** A refused cookie value, with a short detail for debug logs (never echoing secrets). */
  record Rejected(Reason reason, String detail) implements DecodeResult {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }

  static DecodeResult rejected(Reason reason, String detail) {
    return new Rejected(reason, detail);
  }
}
