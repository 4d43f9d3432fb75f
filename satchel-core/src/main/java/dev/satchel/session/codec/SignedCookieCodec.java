package dev.satchel.session.codec;

import dev.satchel.internal.Base64Url;
import dev.satchel.internal.SettingChecks;
import dev.satchel.internal.Zlib;
import dev.satchel.keys.KeyRing;
import dev.satchel.session.DecodeResult;
import dev.satchel.session.DecodeResult.Reason;
import dev.satchel.session.SessionCodec;
import dev.satchel.sign.internal.TimestampMac;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The default cookie session: the attributes as JSON, readable by the client but not changeable, signed with
 * HMAC-SHA256 and timestamped. Like Flask's session, without Flask's SHA-1 and with a key derived for this one use.
 *
 * <p>Cookie: {@code [.]PAYLOAD.TIMESTAMP.SIGNATURE}. PAYLOAD is base64url of the JSON, or of its zlib form when that
 * is at least 2 bytes shorter, marked by the leading dot. TIMESTAMP is the epoch second (big-endian bytes,
 * base64url), SIGNATURE the base64url HMAC-SHA256 over everything before it, keyed with
 * {@code keys.derive("satchel.session.signed")}. Only base64url characters and dots: always a valid cookie value.
 *
 * <p>Do not put secrets in it: anyone holding the cookie can read the JSON. Use {@link EncryptedCookieCodec} for
 * that. Immutable and thread-safe.
 */
public final class SignedCookieCodec implements SessionCodec {

  /** The HKDF purpose of the signing key. */
  public static final String PURPOSE = "satchel.session.signed";
  /** Default maximum age of a cookie: 31 days, like Flask's {@code PERMANENT_SESSION_LIFETIME}. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(31);
  /** Default tolerance for timestamps ahead of this machine's clock. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
  /** Default size from which compression is tried. */
  public static final int DEFAULT_COMPRESSION_THRESHOLD = 128;

  /** Most bytes a compressed cookie may inflate to: a cookie is ~4 KB, zlib can expand ~1000-fold. */
  static final int MAX_INFLATED = 256 * 1024;

  private static final DecodeResult EMPTY = DecodeResult.rejected(Reason.MALFORMED, "empty cookie value");
  private static final DecodeResult BAD_CHARS = DecodeResult.rejected(Reason.MALFORMED,
      "characters outside base64url and '.'");
  private static final DecodeResult BAD_PAYLOAD_BASE64 = DecodeResult.rejected(Reason.MALFORMED,
      "the payload is not base64url");
  private static final DecodeResult BAD_SIGNATURE = DecodeResult.rejected(Reason.BAD_SIGNATURE,
      "no key in the ring made this signature");
  private static final DecodeResult BAD_ZLIB = DecodeResult.rejected(Reason.MALFORMED,
      "the compressed payload is not zlib data or inflates past " + MAX_INFLATED + " bytes");
  private static final DecodeResult NOT_JSON = DecodeResult.rejected(Reason.MALFORMED, "the payload is not JSON");
  private static final DecodeResult NOT_OBJECT = DecodeResult.rejected(Reason.BAD_PAYLOAD,
      "the payload is JSON but not an object");

  private final TimestampMac mac;
  private final int compressionThreshold;
  private final VerifiedCookies verified;

  private SignedCookieCodec(Builder b) {
    this.mac = new TimestampMac(b.keys.derive(PURPOSE), b.maxAge.getSeconds(), b.clockSkew.getSeconds());
    this.compressionThreshold = b.compressionThreshold;
    this.verified = new VerifiedCookies(b.verifiedCacheSize, b.maxAge.getSeconds(), b.clockSkew.getSeconds());
  }

  /** A codec with the defaults, signing with a key derived from {@code keys}. */
  public static SignedCookieCodec of(KeyRing keys) {
    return builder(keys).build();
  }

  /** Starts configuring a codec signing with a key derived from {@code keys}. */
  public static Builder builder(KeyRing keys) {
    return new Builder(keys);
  }

  @Override
  public String encode(Map<String, Object> attributes, Instant now) {
    Objects.requireNonNull(attributes, "attributes");
    long seconds = Objects.requireNonNull(now, "now").getEpochSecond();
    byte[] json = CodecJson.write(attributes, 0);
    byte[] zipped = json.length >= compressionThreshold ? Zlib.compressIfShorter(json) : null;
    byte[] body = zipped != null ? zipped : json;
    int start = zipped != null ? 1 : 0;
    int payloadEnd = start + Base64Url.encodedLength(body.length);
    byte[] buf = new byte[payloadEnd + TimestampMac.MAX_SUFFIX];
    if (zipped != null) {
      buf[0] = '.';
      byte[] b64 = Base64Url.ENCODER.encode(body);
      System.arraycopy(b64, 0, buf, 1, b64.length);
    } else {
      // The encoder writes from index 0 and accepts a larger destination: no intermediate array.
      Base64Url.ENCODER.encode(body, buf);
    }
    int length = mac.sign(buf, payloadEnd, seconds);
    return new String(buf, 0, length, StandardCharsets.ISO_8859_1);
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
    byte[] token = cookieValue.getBytes(StandardCharsets.ISO_8859_1);
    TimestampMac.Result r = mac.verify(token, token.length, nowSeconds);
    switch (r.status()) {
      case VALID:
        break;
      case BAD_SIGNATURE:
        // Only now tell garbage from a forgery: a value with foreign characters was never one of ours. (Characters
        // above U+00FF became '?' in getBytes, which is foreign too.) Doing it here keeps it off the valid path.
        return onlyTokenCharacters(token) ? BAD_SIGNATURE : BAD_CHARS;
      case EXPIRED:
        return DecodeResult.rejected(Reason.EXPIRED, "issued " + Instant.ofEpochSecond(r.timestamp())
            + ", older than the maximum age");
      case FUTURE:
        return DecodeResult.rejected(Reason.FUTURE_TIMESTAMP, "issued " + Instant.ofEpochSecond(r.timestamp())
            + ", ahead of this clock by more than the allowed skew");
      default:
        return DecodeResult.rejected(Reason.MALFORMED, r.detail());
    }
    boolean compressed = token[0] == '.';
    int start = compressed ? 1 : 0;
    // Signed by a key of ours, so it is our own base64url unless that key leaked; checked anyway, as a result.
    // An empty payload behind the compression mark (".<time>.<sig>") has its end before its start.
    if (r.payloadEnd() < start || !Base64Url.isValid(token, start, r.payloadEnd())) {
      return BAD_PAYLOAD_BASE64;
    }
    ByteBuffer decoded = Base64Url.DECODER.decode(ByteBuffer.wrap(token, start, r.payloadEnd() - start));
    byte[] body = decoded.array();
    int offset = decoded.arrayOffset() + decoded.position();
    int length = decoded.remaining();
    if (compressed) {
      body = Zlib.decompressExactly(
          length == body.length ? body : java.util.Arrays.copyOfRange(body, offset, offset + length), MAX_INFLATED);
      if (body == null) {
        return BAD_ZLIB;
      }
      offset = 0;
      length = body.length;
    }
    Object parsed = CodecJson.read(body, offset, length);
    if (parsed == CodecJson.NOT_JSON) {
      return NOT_JSON;
    }
    Map<String, Object> session = CodecJson.asSession(parsed);
    if (session == null) {
      return NOT_OBJECT;
    }
    return verified.verified(cookieValue, session, Instant.ofEpochSecond(r.timestamp()), r.keyIndex(), nowSeconds);
  }

  private static boolean onlyTokenCharacters(byte[] token) {
    for (byte c : token) {
      if (c != '.' && !Base64Url.isAlphabet(c)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "SignedCookieCodec[HMAC-SHA256, purpose " + PURPOSE + "]";
  }

  /** Configures a {@link SignedCookieCodec}; each setter validates its input and names it when refusing it. */
  public static final class Builder {
    private final KeyRing keys;
    private Duration maxAge = DEFAULT_MAX_AGE;
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private int compressionThreshold = DEFAULT_COMPRESSION_THRESHOLD;
    private int verifiedCacheSize = VerifiedCookies.DEFAULT_SIZE;

    private Builder(KeyRing keys) {
      this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** Oldest cookie still accepted, counted from when it was last encoded (whole seconds, at least 1 s). */
    public Builder maxAge(Duration maxAge) {
      this.maxAge = SettingChecks.atLeast("maxAge", maxAge, Duration.ofSeconds(1));
      return this;
    }

    /** How far ahead of this clock a cookie's timestamp may be (other servers' clocks); 0 or more. */
    public Builder clockSkew(Duration clockSkew) {
      this.clockSkew = SettingChecks.zeroOrPositive("clockSkew", clockSkew);
      return this;
    }

    /**
     * JSON size in bytes from which zlib is tried (default 128); below it zlib's 6 bytes of framing rarely pay off.
     * {@code Integer.MAX_VALUE} turns compression off.
     */
    public Builder compressionThreshold(int bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("compressionThreshold must be 0 or more bytes, got " + bytes);
      }
      this.compressionThreshold = bytes;
      return this;
    }

    /**
     * How many cookie values already verified here are kept with their sessions (default 10,000), so a browser
     * sending the same cookie again skips the HMAC check and the JSON parse; 0 turns this off. Only sessions of plain
     * values (strings, numbers, booleans), and only cookies in use for 2 seconds already, are kept; a kept cookie's
     * age is still checked on every request.
     */
    public Builder verifiedCacheSize(int entries) {
      this.verifiedCacheSize = VerifiedCookies.checkSize(entries);
      return this;
    }

    /** The codec. */
    public SignedCookieCodec build() {
      return new SignedCookieCodec(this);
    }
  }
}
