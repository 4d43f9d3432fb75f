package dev.satchel.session.codec;

import dev.satchel.internal.SettingChecks;
import dev.satchel.keys.KeyRing;
import dev.satchel.seal.Sealer;
import dev.satchel.seal.Unsealed;
import dev.satchel.session.DecodeResult;
import dev.satchel.session.DecodeResult.Reason;
import dev.satchel.session.SessionCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A cookie session the client can neither read nor change: the attributes as JSON, sealed with AES-256-GCM under a
 * key derived for this one use ({@code keys.derive("satchel.session.encrypted")}).
 *
 * <p>Cookie: a {@link Sealer} token (base64url) whose plaintext is the issue time (epoch seconds, 8 bytes
 * big-endian) followed by the JSON. The issue time is inside the ciphertext, so maximum age and clock skew are
 * enforced on an authenticated value. The associated data (default {@code "satchel.session"}) binds the cookie to
 * this use: a token sealed for another purpose with the same keys does not open here.
 *
 * <p>Deliberately never compressed: compressing attacker-influenced data next to secrets before encryption leaks
 * the secrets through the ciphertext length (the CRIME/BREACH family). Immutable and thread-safe.
 */
public final class EncryptedCookieCodec implements SessionCodec {

  /** The HKDF purpose of the encryption key. */
  public static final String PURPOSE = "satchel.session.encrypted";
  /** Default associated data. */
  public static final String DEFAULT_ASSOCIATED_DATA = "satchel.session";

  private static final int TIME_BYTES = 8;

  private static final DecodeResult EMPTY = DecodeResult.rejected(Reason.MALFORMED, "empty cookie value");
  private static final DecodeResult UNKNOWN_KEY = DecodeResult.rejected(Reason.BAD_SIGNATURE,
      "sealed with a key that is not in the ring (retired, or another application's)");
  private static final DecodeResult TAMPERED = DecodeResult.rejected(Reason.BAD_SIGNATURE,
      "authentication failed: altered, or sealed for other associated data");
  private static final DecodeResult NO_TIME = DecodeResult.rejected(Reason.BAD_PAYLOAD,
      "the plaintext is too short to hold an issue time");
  private static final DecodeResult TIME_OUT_OF_RANGE = DecodeResult.rejected(Reason.BAD_PAYLOAD,
      "the issue time is outside 1970 to year 1000000000");
  private static final long MAX_EPOCH_SECOND = Instant.MAX.getEpochSecond();
  private static final DecodeResult NOT_JSON = DecodeResult.rejected(Reason.MALFORMED, "the plaintext is not JSON");
  private static final DecodeResult NOT_OBJECT = DecodeResult.rejected(Reason.BAD_PAYLOAD,
      "the plaintext is JSON but not an object");

  private final Sealer sealer;
  private final long maxAgeSeconds;
  private final long skewSeconds;
  private final byte[] associatedData;
  private final VerifiedCookies verified;

  private EncryptedCookieCodec(Builder b) {
    this.sealer = Sealer.of(b.keys.derive(PURPOSE));
    this.maxAgeSeconds = b.maxAge.getSeconds();
    this.skewSeconds = b.clockSkew.getSeconds();
    this.associatedData = b.associatedData.getBytes(StandardCharsets.UTF_8);
    this.verified = new VerifiedCookies(b.verifiedCacheSize, maxAgeSeconds, skewSeconds);
  }

  /** A codec with the defaults, encrypting with a key derived from {@code keys}. */
  public static EncryptedCookieCodec of(KeyRing keys) {
    return builder(keys).build();
  }

  /** Starts configuring a codec encrypting with a key derived from {@code keys}. */
  public static Builder builder(KeyRing keys) {
    return new Builder(keys);
  }

  @Override
  public String encode(Map<String, Object> attributes, Instant now) {
    Objects.requireNonNull(attributes, "attributes");
    long seconds = Objects.requireNonNull(now, "now").getEpochSecond();
    byte[] plain = CodecJson.write(attributes, TIME_BYTES);
    for (int i = 0; i < TIME_BYTES; i++) {
      plain[i] = (byte) (seconds >>> (56 - 8 * i));
    }
    return sealer.seal(plain, 0, plain.length, associatedData);
  }

  @Override
  public DecodeResult decode(String cookieValue, Instant now) {
    if (cookieValue == null || cookieValue.isEmpty()) {
      return EMPTY;
    }
    long nowSeconds = Objects.requireNonNull(now, "now").getEpochSecond();
    DecodeResult.Decoded seen = verified.get(cookieValue, nowSeconds);
    if (seen != null) {
      return seen;
    }
    Unsealed u = sealer.unseal(cookieValue, associatedData);
    if (!(u instanceof Unsealed.Opened)) {
      if (u instanceof Unsealed.Malformed m) {
        return DecodeResult.rejected(Reason.MALFORMED, m.detail());
      }
      return u instanceof Unsealed.UnknownKey ? UNKNOWN_KEY : TAMPERED;
    }
    Unsealed.Opened opened = (Unsealed.Opened) u;
    byte[] plain = opened.plaintext();
    if (plain.length < TIME_BYTES) {
      return NO_TIME;
    }
    long issued = 0;
    for (int i = 0; i < TIME_BYTES; i++) {
      issued = (issued << 8) | (plain[i] & 0xff);
    }
    if (issued < 0 || issued > MAX_EPOCH_SECOND) {
      return TIME_OUT_OF_RANGE;
    }
    if (nowSeconds - issued > maxAgeSeconds) {
      return DecodeResult.rejected(Reason.EXPIRED, "issued " + Instant.ofEpochSecond(issued)
          + ", older than the maximum age");
    }
    if (issued - nowSeconds > skewSeconds) {
      return DecodeResult.rejected(Reason.FUTURE_TIMESTAMP, "issued " + Instant.ofEpochSecond(issued)
          + ", ahead of this clock by more than the allowed skew");
    }
    Object parsed = CodecJson.read(plain, TIME_BYTES, plain.length - TIME_BYTES);
    if (parsed == CodecJson.NOT_JSON) {
      return NOT_JSON;
    }
    Map<String, Object> session = CodecJson.asSession(parsed);
    if (session == null) {
      return NOT_OBJECT;
    }
    return verified.verified(cookieValue, session, Instant.ofEpochSecond(issued), opened.keyIndex(), nowSeconds);
  }

  @Override
  public String toString() {
    return "EncryptedCookieCodec[AES-256-GCM, purpose " + PURPOSE + "]";
  }

  /** Configures an {@link EncryptedCookieCodec}; each setter validates its input and names it when refusing it. */
  public static final class Builder {
    private final KeyRing keys;
    private Duration maxAge = SignedCookieCodec.DEFAULT_MAX_AGE;
    private Duration clockSkew = SignedCookieCodec.DEFAULT_CLOCK_SKEW;
    private String associatedData = DEFAULT_ASSOCIATED_DATA;
    private int verifiedCacheSize = VerifiedCookies.DEFAULT_SIZE;

    private Builder(KeyRing keys) {
      this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** Oldest cookie still accepted, counted from when it was last encoded (whole seconds, at least 1 s). */
    public Builder maxAge(Duration maxAge) {
      this.maxAge = SettingChecks.atLeast("maxAge", maxAge, Duration.ofSeconds(1));
      return this;
    }

    /** How far ahead of this clock a cookie's issue time may be; 0 or more. */
    public Builder clockSkew(Duration clockSkew) {
      this.clockSkew = SettingChecks.zeroOrPositive("clockSkew", clockSkew);
      return this;
    }

    /**
     * Context the cookie is bound to, e.g. the cookie name: a value sealed under another context will not open.
     * Changing it logs everybody out.
     */
    public Builder associatedData(String context) {
      if (context == null) {
        throw new IllegalArgumentException("associatedData must not be null (use \"\" for none)");
      }
      this.associatedData = context;
      return this;
    }

    /**
     * How many cookie values already opened here are kept with their sessions (default 10,000), so a browser sending
     * the same cookie again skips the decryption and the JSON parse; 0 turns this off. Only sessions of plain values
     * (strings, numbers, booleans), and only cookies in use for 2 seconds already, are kept; a kept cookie's age is
     * still checked on every request.
     */
    public Builder verifiedCacheSize(int entries) {
      this.verifiedCacheSize = VerifiedCookies.checkSize(entries);
      return this;
    }

    /** The codec. */
    public EncryptedCookieCodec build() {
      return new EncryptedCookieCodec(this);
    }
  }
}
