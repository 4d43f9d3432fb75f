package dev.satchel.sign;

import dev.satchel.internal.SettingChecks;
import dev.satchel.keys.KeyRing;
import dev.satchel.sign.internal.TimestampMac;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Signs a string with a timestamp ({@code payload.timestamp.signature}) and verifies it: HMAC-SHA256, base64url
 * without padding, constant-time comparison, every key of the ring tried newest first, maximum age and clock skew.
 *
 * <p>Use the ring as given: derive a per-purpose ring first ({@code keys.derive("myapp.reset-link")}) so one secret
 * never signs two kinds of thing. Immutable and thread-safe; verification returns a {@link Verification} instead of
 * throwing.
 */
public final class TimestampSigner {

  /** Default maximum age: 31 days, like Flask's {@code PERMANENT_SESSION_LIFETIME}. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(31);
  /** Default tolerance for timestamps ahead of this machine's clock. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

  private final TimestampMac mac;
  private final Duration maxAge;

  private TimestampSigner(Builder b) {
    this.mac = new TimestampMac(b.keys, b.maxAge.getSeconds(), b.clockSkew.getSeconds());
    this.maxAge = b.maxAge;
  }

  /** A signer over {@code keys} with the default maximum age and clock skew. */
  public static TimestampSigner of(KeyRing keys) {
    return builder(keys).build();
  }

  /** Starts configuring a signer over {@code keys}. */
  public static Builder builder(KeyRing keys) {
    return new Builder(keys);
  }

  /** {@code payload.timestamp.signature}, stamped with {@code now} (whole seconds) and signed with the current key. */
  public String sign(String payload, Instant now) {
    Objects.requireNonNull(payload, "payload");
    long seconds = seconds(now);
    byte[] p = payload.getBytes(StandardCharsets.UTF_8);
    byte[] buf = new byte[p.length + TimestampMac.MAX_SUFFIX];
    System.arraycopy(p, 0, buf, 0, p.length);
    int length = mac.sign(buf, p.length, seconds);
    return new String(buf, 0, length, StandardCharsets.UTF_8);
  }

  /** Verifies {@code signed} at {@code now}; never throws for bad input. */
  public Verification verify(String signed, Instant now) {
    if (signed == null) {
      return new Verification.Malformed("no value");
    }
    byte[] token = signed.getBytes(StandardCharsets.UTF_8);
    TimestampMac.Result r = mac.verify(token, token.length, seconds(now));
    switch (r.status()) {
      case VALID:
        return new Verification.Valid(new String(token, 0, r.payloadEnd(), StandardCharsets.UTF_8),
            Instant.ofEpochSecond(r.timestamp()), r.keyIndex());
      case EXPIRED:
        Instant at = Instant.ofEpochSecond(r.timestamp());
        return new Verification.Expired(at, at.plus(maxAge));
      case FUTURE:
        return new Verification.FutureTimestamp(Instant.ofEpochSecond(r.timestamp()));
      case BAD_SIGNATURE:
        return new Verification.BadSignature();
      default:
        return new Verification.Malformed(r.detail());
    }
  }

  private static long seconds(Instant now) {
    long s = Objects.requireNonNull(now, "now").getEpochSecond();
    if (s < 0) {
      throw new IllegalArgumentException("now is before 1970: " + now);
    }
    return s;
  }

  /** Configures a {@link TimestampSigner}; each setter validates its input. */
  public static final class Builder {
    private final KeyRing keys;
    private Duration maxAge = DEFAULT_MAX_AGE;
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;

    private Builder(KeyRing keys) {
      this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** Oldest signature still accepted (whole seconds, at least 1 s). */
    public Builder maxAge(Duration maxAge) {
      this.maxAge = SettingChecks.atLeast("maxAge", maxAge, Duration.ofSeconds(1));
      return this;
    }

    /** How far in the future a timestamp may be (other servers' clocks run ahead); 0 or more whole seconds. */
    public Builder clockSkew(Duration clockSkew) {
      this.clockSkew = SettingChecks.zeroOrPositive("clockSkew", clockSkew);
      return this;
    }

    /** The signer. */
    public TimestampSigner build() {
      return new TimestampSigner(this);
    }
  }
}
