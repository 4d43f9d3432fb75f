package dev.satchel.session.codec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.satchel.json.JsonValues;
import dev.satchel.session.DecodeResult;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;

/**
 * Cookie values a codec has verified, with what they decode to. A browser sends the same session cookie on
 * every request until the session changes, so most requests can be answered by a lookup instead of a MAC check (or a
 * decryption) and a JSON parse: about three quarters of what loading a cookie session cost in the bench app's
 * server (async-profiler).
 *
 * <p>What is safe to keep: only values verified with this codec's keys, so a hit is exactly as authentic as a
 * verification. Keys are matched in constant time, like the MAC they stand in for. Only sessions whose
 * values cannot change in place (strings, numbers, booleans, null) are kept, and they are handed out unmodifiable,
 * so no request can change what another one reads. A hit is given only within the codec's age and clock-skew
 * limits.
 *
 * <p>Bounded in entries (Caffeine evicts those least likely to be asked for again); a size of 0 turns it off.
 * Thread-safe.
 */
final class VerifiedCookies {

  /** Default number of cookie values kept: about 6 MB for small sessions. */
  static final int DEFAULT_SIZE = 10_000;
  /** How old a cookie must be to be kept: one in use for this long is likely to be sent again. */
  static final long SETTLED_SECONDS = 2;

  private final Cache<Key, DecodeResult.Decoded> cache;
  private final long maxAgeSeconds;
  private final long skewSeconds;

  /** Keeps up to {@code maximumSize} values, answered only within the codec's age and clock-skew limits. */
  VerifiedCookies(int maximumSize, long maxAgeSeconds, long skewSeconds) {
    this.maxAgeSeconds = maxAgeSeconds;
    this.skewSeconds = skewSeconds;
    // Maintenance (eviction) on the calling thread: handing it to a pool costs a thread wake-up, far more than the
    // work itself (measured with JMH: about 3 us per insert on this 2-core machine).
    this.cache = checkSize(maximumSize) == 0 ? null
        : Caffeine.newBuilder().maximumSize(maximumSize).executor(Runnable::run).build();
  }

  /**
   * What {@code cookieValue} decoded to when it was verified here, if it is still within the codec's age and clock-skew
   * limits at {@code nowSeconds}; else null, and the codec verifies it again (and says why it is refused).
   */
  DecodeResult.Decoded get(String cookieValue, long nowSeconds) {
    DecodeResult.Decoded seen = cache == null ? null : cache.getIfPresent(new Key(cookieValue));
    if (seen == null) {
      return null;
    }
    long issued = seen.issuedAt().getEpochSecond();
    return nowSeconds - issued <= maxAgeSeconds && issued - nowSeconds <= skewSeconds ? seen : null;
  }

  /**
   * The result of a successful decode, remembered when it can be shared (then with its attributes unmodifiable: the
   * decoder's fresh map is held by no one else, so it is wrapped, not copied) and when the cookie has been in use for
   * {@link #SETTLED_SECONDS} already. A brand-new cookie is often replaced by the very next response (a session
   * changed on every request); keeping each of those would only churn the cache, and entries that outlive a young
   * collection make the garbage collector's work far larger than the verifications saved (measured with JMH).
   */
  DecodeResult.Decoded verified(String cookieValue, Map<String, Object> attributes, Instant issuedAt, int keyIndex,
      long nowSeconds) {
    if (cache == null || nowSeconds - issuedAt.getEpochSecond() < SETTLED_SECONDS
        || !JsonValues.allImmutable(attributes)) {
      return new DecodeResult.Decoded(attributes, issuedAt, keyIndex);
    }
    DecodeResult.Decoded decoded =
        new DecodeResult.Decoded(Collections.unmodifiableMap(attributes), issuedAt, keyIndex);
    cache.put(new Key(cookieValue), decoded);
    return decoded;
  }

  /** Checks a configured size: 0 (off) or more entries. */
  static int checkSize(int entries) {
    if (entries < 0) {
      throw new IllegalArgumentException("verifiedCacheSize must be 0 (off) or more entries, got " + entries);
    }
    return entries;
  }

  /** A cookie value compared in constant time: a hit must not tell an attacker how much of a guess was right. */
  private static final class Key {
    private final String value;

    Key(String value) {
      this.value = value;
    }

    @Override
    public boolean equals(Object other) {
      if (!(other instanceof Key key) || key.value.length() != value.length()) {
        return false;
      }
      int diff = 0;
      for (int i = 0; i < value.length(); i++) {
        diff |= value.charAt(i) ^ key.value.charAt(i);
      }
      return diff == 0;
    }

    @Override
    public int hashCode() {
      return value.hashCode();
    }
  }
}
