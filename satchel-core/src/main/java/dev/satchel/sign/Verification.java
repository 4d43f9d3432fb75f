package dev.satchel.sign;

import java.time.Instant;
import java.util.Objects;

/** What {@link TimestampSigner#verify} found: a valid payload, or exactly why not. */
public sealed interface Verification {

  /** True only for {@link Valid}. */
  default boolean isValid() {
    return this instanceof Valid;
  }

  /** Authentic and fresh. {@code keyIndex} 0 is the current key; above 0, re-sign with the current one. */
  record Valid(String payload, Instant timestamp, int keyIndex) implements Verification {
    public Valid {
      Objects.requireNonNull(payload, "payload");
      Objects.requireNonNull(timestamp, "timestamp");
    }

    /** True when a fallback key verified it, so it should be re-signed with the current key. */
    public boolean signedWithFallbackKey() {
      return keyIndex > 0;
    }
  }

  /** Not {@code payload.timestamp.signature} at all (missing parts, bad base64, wrong signature length). */
  record Malformed(String detail) implements Verification {}

  /** Well-formed but no key of the ring made the signature: tampered, or signed with another secret. */
  record BadSignature() implements Verification {}

  /** Authentic, but signed at {@code timestamp}, longer ago than the maximum age allows. */
  record Expired(Instant timestamp, Instant expiredAt) implements Verification {}

  /** Authentic, but signed at {@code timestamp}, further in the future than the allowed clock skew. */
  record FutureTimestamp(Instant timestamp) implements Verification {}
}
