package dev.satchel.flask;

import dev.satchel.session.DecodeResult;
import dev.satchel.session.DecodeResult.Reason;
import dev.satchel.session.SessionCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes Flask's session cookie ({@code SecureCookieSessionInterface}) byte for byte, so a Flask app and
 * a Satchel app sharing a {@code SECRET_KEY} share their sessions.
 *
 * <p>The stack is Flask's: {@link TaggedJson} payload, itsdangerous URL-safe timed serializer, salt
 * {@code cookie-session}, HMAC key derivation, HMAC-SHA1, and {@code PERMANENT_SESSION_LIFETIME} (31 days) as the
 * maximum age. Fallback keys play the part of Flask's {@code SECRET_KEY_FALLBACKS}. Immutable and thread-safe.
 *
 * <pre>{@code
 * SessionCodec flask = FlaskSessionCodec.builder(System.getenv("SECRET_KEY")).build();
 * }</pre>
 */
public final class FlaskSessionCodec implements SessionCodec {

  /** Flask's default {@code PERMANENT_SESSION_LIFETIME}. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(31);
  /** Flask's session salt. */
  public static final String DEFAULT_SALT = "cookie-session";

  private final ItsDangerousSerializer serializer;
  private final Duration maxAge;

  private FlaskSessionCodec(Builder b) {
    this.serializer = b.serializer.build();
    this.maxAge = b.maxAge;
  }

  /** A builder for these secret keys as bytes, newest (Flask's {@code SECRET_KEY}) first, then the fallbacks. */
  public static Builder builder(List<byte[]> secretKeysNewestFirst) {
    return new Builder(ItsDangerousSerializer.builder(secretKeysNewestFirst));
  }

  /**
   * A builder for a text {@code SECRET_KEY} and its {@code SECRET_KEY_FALLBACKS}, newest first (UTF-8, as Flask
   * encodes {@code str} keys).
   */
  public static Builder builder(String secretKey, String... fallbackKeysNewestFirst) {
    return new Builder(ItsDangerousSerializer.builder(secretKey, fallbackKeysNewestFirst));
  }

  @Override
  public String encode(Map<String, Object> attributes, Instant now) {
    Objects.requireNonNull(attributes, "attributes");
    return serializer.dumps(attributes, now);
  }

  @Override
  public DecodeResult decode(String cookieValue, Instant now) {
    if (cookieValue == null || cookieValue.isEmpty()) {
      return DecodeResult.rejected(Reason.MALFORMED, "empty cookie value");
    }
    LoadResult<Object> result;
    try {
      result = serializer.loads(cookieValue, now, maxAge);
    } catch (RuntimeException e) {
      // Defence in depth: decoding must never take the request down, whatever arrives.
      return DecodeResult.rejected(Reason.MALFORMED, "undecodable: " + e.getClass().getSimpleName());
    }
    if (result instanceof LoadResult.Failed<Object> failed) {
      return DecodeResult.rejected(failed.reason(), failed.detail());
    }
    LoadResult.Loaded<Object> loaded = (LoadResult.Loaded<Object>) result;
    if (!(loaded.value() instanceof Map<?, ?> map)) {
      return DecodeResult.rejected(Reason.BAD_PAYLOAD, "payload is not a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> attributes = (Map<String, Object>) map;
    return new DecodeResult.Decoded(attributes, loaded.signedAt(), loaded.keyIndex());
  }

  /** Configures the codec; every default is Flask's. */
  public static final class Builder {
    private final ItsDangerousSerializer.Builder serializer;
    private Duration maxAge = DEFAULT_MAX_AGE;

    Builder(ItsDangerousSerializer.Builder serializer) {
      this.serializer = serializer.salt(DEFAULT_SALT)
          .keyDerivation(KeyDerivation.HMAC)
          .digest(HashAlgorithm.SHA1)
          .taggedJson(TaggedJson.flask());
    }

    /** The salt ({@code SecureCookieSessionInterface.salt}, default {@code cookie-session}). */
    public Builder salt(String salt) {
      serializer.salt(salt);
      return this;
    }

    /** The digest ({@code digest_method}, default SHA-1). */
    public Builder digest(HashAlgorithm digest) {
      serializer.digest(digest);
      return this;
    }

    /** The key derivation ({@code key_derivation}, default hmac). */
    public Builder keyDerivation(KeyDerivation keyDerivation) {
      serializer.keyDerivation(keyDerivation);
      return this;
    }

    /** Flask's {@code PERMANENT_SESSION_LIFETIME}: older cookies are refused (default 31 days). */
    public Builder maxAge(Duration maxAge) {
      Objects.requireNonNull(maxAge, "maxAge");
      if (maxAge.isNegative() || maxAge.isZero()) {
        throw new IllegalArgumentException("maxAge " + maxAge + " must be positive");
      }
      this.maxAge = maxAge;
      return this;
    }

    /** How far ahead another server's clock may be (default zero: Flask refuses any future timestamp). */
    public Builder allowedClockSkew(Duration skew) {
      serializer.allowedClockSkew(skew);
      return this;
    }

    /** Largest payload accepted after decompression (default 1 MiB), a guard against zlib bombs. */
    public Builder maxPayloadBytes(int maxPayloadBytes) {
      serializer.maxPayloadBytes(maxPayloadBytes);
      return this;
    }

    /** The JSON flavour, e.g. to name more tuple keys or read tuples as {@link FlaskTuple}. */
    public Builder taggedJson(TaggedJson taggedJson) {
      serializer.taggedJson(taggedJson);
      return this;
    }

    /** The codec. */
    public FlaskSessionCodec build() {
      return new FlaskSessionCodec(this);
    }
  }
}
