package dev.satchel.flask;

import dev.satchel.session.DecodeResult.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * itsdangerous's {@code TimestampSigner}: signs {@code value + sep + timestamp}, where the timestamp is the
 * signing second as big-endian bytes with leading zeros stripped, base64url; verifies age on the way back.
 *
 * <p>As in itsdangerous, age is checked only when a maximum age is given, and then a timestamp in the future
 * (beyond the allowed clock skew, zero by default as in itsdangerous) is refused too. Immutable and thread-safe.
 */
public final class ItsDangerousTimestampSigner {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

  private final ItsDangerousSigner signer;
  private final long clockSkewSeconds;

  /** A timestamp signer on top of {@code signer}, refusing any timestamp in the future (itsdangerous's rule). */
  public ItsDangerousTimestampSigner(ItsDangerousSigner signer) {
    this(signer, Duration.ZERO);
  }

  /** A timestamp signer that accepts timestamps up to {@code allowedClockSkew} ahead of now (servers' clocks differ). */
  public ItsDangerousTimestampSigner(ItsDangerousSigner signer, Duration allowedClockSkew) {
    this.signer = Objects.requireNonNull(signer, "signer");
    if (allowedClockSkew.isNegative()) {
      throw new IllegalArgumentException("allowedClockSkew " + allowedClockSkew + " is negative");
    }
    this.clockSkewSeconds = allowedClockSkew.getSeconds();
  }

  /** The underlying signer. */
  public ItsDangerousSigner signer() {
    return signer;
  }

  /** The timestamp part for a signing time: whole seconds, big-endian, leading zero bytes stripped, base64url. */
  public static String encodeTimestamp(Instant now) {
    long seconds = now.getEpochSecond();
    if (seconds < 0) {
      throw new IllegalArgumentException("Cannot sign at " + now + ": itsdangerous timestamps start at 1970");
    }
    int leadingZeroBytes = Long.numberOfLeadingZeros(seconds) / 8;
    byte[] bytes = new byte[8 - leadingZeroBytes];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (seconds >>> (8 * (bytes.length - 1 - i)));
    }
    return B64.encodeToString(bytes);
  }

  /** Signs {@code value} as of {@code now}. */
  public String sign(String value, Instant now) {
    return signer.sign(value + signer.separator() + encodeTimestamp(now));
  }

  /**
   * Verifies signature, then timestamp, then age (only when {@code maxAge} is not null); returns the value and
   * when it was signed. Never throws for bad input.
   */
  public LoadResult<String> unsign(String signedValue, Instant now, Duration maxAge) {
    LoadResult<String> signed = signer.unsign(signedValue);
    if (!(signed instanceof LoadResult.Loaded<String> loaded)) {
      return signed;
    }
    String result = loaded.value();
    int cut = result.lastIndexOf(signer.separator());
    if (cut < 0) {
      return new LoadResult.Failed<>(Reason.MALFORMED, "timestamp missing");
    }
    byte[] raw;
    try {
      raw = B64_DECODER.decode(result.substring(cut + 1));
    } catch (IllegalArgumentException e) {
      return new LoadResult.Failed<>(Reason.MALFORMED, "malformed timestamp");
    }
    if (raw.length > 8) {
      return new LoadResult.Failed<>(Reason.MALFORMED, "malformed timestamp");
    }
    long ts = 0;
    for (byte b : raw) {
      ts = (ts << 8) | (b & 0xff);
    }
    // An unsigned 64-bit value above Long.MAX_VALUE (ts < 0 here) is simply far in the future.
    boolean farFuture = ts < 0 || ts > Instant.MAX.getEpochSecond();
    if (maxAge != null) {
      long nowSeconds = now.getEpochSecond();
      if (farFuture || ts - nowSeconds > clockSkewSeconds) {
        return new LoadResult.Failed<>(Reason.FUTURE_TIMESTAMP, "signed " + (farFuture ? "far" : (ts - nowSeconds)
            + " s") + " in the future");
      }
      long age = nowSeconds - ts;
      if (age > maxAge.getSeconds()) {
        return new LoadResult.Failed<>(Reason.EXPIRED, "signature age " + age + " s > " + maxAge.getSeconds() + " s");
      }
    } else if (farFuture) {
      return new LoadResult.Failed<>(Reason.MALFORMED, "timestamp out of range");
    }
    return new LoadResult.Loaded<>(result.substring(0, cut), Instant.ofEpochSecond(ts), loaded.keyIndex());
  }
}
