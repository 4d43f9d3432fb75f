package dev.satchel.session;

import java.time.Instant;
import java.util.Map;

/**
 * Turns a session's attributes into a cookie value and back: the SPI behind cookie sessions (signed, encrypted,
 * Flask-compatible, JWT).
 *
 * <p>Attributes are plain JSON-shaped Java values (see {@link dev.satchel.json.SessionJson}); a codec may support
 * more (the Flask codec maps {@code UUID}, {@code byte[]} and {@code Instant} to Flask's tags). Implementations are
 * immutable and thread-safe.
 */
public interface SessionCodec {

  /**
   * Encodes attributes, stamped with {@code now}, into a cookie value made only of cookie-safe characters.
   *
   * @throws IllegalArgumentException if a value cannot be encoded (the message names it)
   */
  String encode(Map<String, Object> attributes, Instant now);

  /**
   * Decodes a cookie value. Never throws for bad input: a tampered, truncated, expired or garbage value is a
   * {@link DecodeResult.Rejected} saying why. A codec that consults a store (a JWT codec's revocation list) may
   * throw {@link dev.satchel.store.SessionStoreUnavailableException} when that store is down: an unreachable
   * denylist must not read as "not revoked", and integrations answer it with a 503 like any store outage.
   */
  DecodeResult decode(String cookieValue, Instant now);
}
