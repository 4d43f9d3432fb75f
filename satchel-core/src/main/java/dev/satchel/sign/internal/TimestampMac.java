package dev.satchel.sign.internal;

import dev.satchel.internal.Base64Url;
import dev.satchel.internal.Pool;
import dev.satchel.keys.KeyRing;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * The byte-level engine behind {@code TimestampSigner} and the signed cookie codec: appends and checks
 * {@code .TIMESTAMP.SIGNATURE} on an ASCII buffer, without building intermediate strings.
 *
 * <p>TIMESTAMP is the epoch second as minimal big-endian bytes in base64url; SIGNATURE is base64url (43 characters)
 * of HMAC-SHA256 over everything before its dot. Thread-safe.
 */
public final class TimestampMac {

  /** base64url characters of an HMAC-SHA256. */
  public static final int SIGNATURE_CHARS = 43;
  /** Most bytes {@link #sign} appends. */
  public static final int MAX_SUFFIX = 1 + 10 + 1 + SIGNATURE_CHARS;

  /** Outcome kinds of {@link #verify}. */
  public enum Status { VALID, MALFORMED, BAD_SIGNATURE, EXPIRED, FUTURE }

  /**
   * What {@link #verify} found. {@code payloadEnd} is where the payload stops (its dot), {@code timestamp} the
   * signed epoch second (-1 when unknown), {@code keyIndex} the verifying key (-1 unless valid).
   */
  public record Result(Status status, int payloadEnd, long timestamp, int keyIndex, String detail) {}

  private static final Result NO_DOTS = malformed("expected PAYLOAD.TIMESTAMP.SIGNATURE");
  private static final Result BAD_SIGNATURE_SHAPE = malformed("the signature is not 43 base64url characters");
  private static final Result BAD_TIMESTAMP = malformed("the timestamp is not base64url seconds");
  private static final long MAX_EPOCH_SECOND = java.time.Instant.MAX.getEpochSecond();
  private static final Result TIMESTAMP_OUT_OF_RANGE = malformed("the timestamp is beyond year 1000000000");
  private static final Result BAD_SIGNATURE = new Result(Status.BAD_SIGNATURE, -1, -1, -1,
      "no key in the ring made this signature");

  private final Mac[] prototypes;
  private final Pool<Lease> pool;
  private final long maxAgeSeconds;
  private final long skewSeconds;

  /** Per-use state: one initialized Mac per key, and scratch for the computed and received signatures. */
  private static final class Lease {
    final Mac[] macs;
    final byte[] raw = new byte[32];
    final byte[] expected = new byte[SIGNATURE_CHARS];
    final byte[] received = new byte[SIGNATURE_CHARS];

    Lease(Mac[] macs) {
      this.macs = macs;
    }
  }

  /** An engine signing with key 0 of {@code keys} and verifying with all of them, newest first. */
  public TimestampMac(KeyRing keys, long maxAgeSeconds, long skewSeconds) {
    this.prototypes = new Mac[keys.size()];
    for (int i = 0; i < prototypes.length; i++) {
      prototypes[i] = newMac(keys.key(i));
    }
    this.maxAgeSeconds = maxAgeSeconds;
    this.skewSeconds = skewSeconds;
    this.pool = new Pool<>(() -> new Lease(cloneAll(prototypes)));
  }

  /**
   * Appends {@code .TIMESTAMP.SIGNATURE} to {@code buf[0, length)}; {@code buf} needs {@link #MAX_SUFFIX} spare
   * bytes. Returns the new length.
   */
  public int sign(byte[] buf, int length, long nowSeconds) {
    int at = length;
    buf[at++] = '.';
    at = Base64Url.writeUnsigned(nowSeconds, buf, at);
    Lease lease = pool.acquire();
    try {
      Mac mac = lease.macs[0];
      mac.update(buf, 0, at);
      mac.doFinal(lease.raw, 0);
      buf[at++] = '.';
      Base64Url.ENCODER.encode(lease.raw, lease.expected);
      System.arraycopy(lease.expected, 0, buf, at, SIGNATURE_CHARS);
      return at + SIGNATURE_CHARS;
    } catch (ShortBufferException e) {
      throw new IllegalStateException("HMAC output buffer too small", e); // 32 bytes always fit
    } finally {
      pool.release(lease);
    }
  }

  /** Checks {@code token[0, length)}: signature first (with every key, newest first), then age. */
  public Result verify(byte[] token, int length, long nowSeconds) {
    int sigDot = lastDot(token, length - 1);
    if (sigDot < 0) {
      return NO_DOTS;
    }
    int tsDot = lastDot(token, sigDot - 1);
    if (tsDot < 0) {
      return NO_DOTS;
    }
    if (length - sigDot - 1 != SIGNATURE_CHARS || !Base64Url.isValid(token, sigDot + 1, length)) {
      return BAD_SIGNATURE_SHAPE;
    }
    long timestamp = Base64Url.readUnsigned(token, tsDot + 1, sigDot);
    if (timestamp < 0) {
      return BAD_TIMESTAMP;
    }
    int keyIndex = -1;
    Lease lease = pool.acquire();
    try {
      System.arraycopy(token, sigDot + 1, lease.received, 0, SIGNATURE_CHARS);
      for (int i = 0; i < lease.macs.length && keyIndex < 0; i++) {
        Mac mac = lease.macs[i];
        mac.update(token, 0, sigDot);
        mac.doFinal(lease.raw, 0);
        Base64Url.ENCODER.encode(lease.raw, lease.expected);
        // Compared in encoded form: a non-canonical encoding of the right bytes is refused too.
        if (MessageDigest.isEqual(lease.expected, lease.received)) {
          keyIndex = i;
        }
      }
    } catch (ShortBufferException e) {
      throw new IllegalStateException("HMAC output buffer too small", e);
    } finally {
      pool.release(lease);
    }
    if (keyIndex < 0) {
      return BAD_SIGNATURE;
    }
    if (timestamp > MAX_EPOCH_SECOND) {
      // Authentic yet beyond java.time's range: nothing this engine signs (it signs the current time).
      return TIMESTAMP_OUT_OF_RANGE;
    }
    if (nowSeconds - timestamp > maxAgeSeconds) {
      return new Result(Status.EXPIRED, tsDot, timestamp, keyIndex, "signed longer ago than the maximum age");
    }
    if (timestamp - nowSeconds > skewSeconds) {
      return new Result(Status.FUTURE, tsDot, timestamp, keyIndex, "signed in the future beyond the clock skew");
    }
    return new Result(Status.VALID, tsDot, timestamp, keyIndex, "");
  }

  private static int lastDot(byte[] b, int from) {
    for (int i = from; i >= 0; i--) {
      if (b[i] == '.') {
        return i;
      }
    }
    return -1;
  }

  private static Result malformed(String detail) {
    return new Result(Status.MALFORMED, -1, -1, -1, detail);
  }

  private static Mac newMac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
    }
  }

  private static Mac[] cloneAll(Mac[] prototypes) {
    Mac[] macs = new Mac[prototypes.length];
    try {
      for (int i = 0; i < macs.length; i++) {
        // Cloning copies the already-keyed state: cheaper than getInstance + init.
        synchronized (prototypes[i]) {
          macs[i] = (Mac) prototypes[i].clone();
        }
      }
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("this JDK's HmacSHA256 cannot be cloned", e);
    }
    return macs;
  }
}
