package dev.satchel.redis;

import dev.satchel.store.SessionMetadata;
import dev.satchel.store.SessionStoreException;
import dev.satchel.store.StoredSession;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * How one session is laid out in its Redis hash: attributes as {@code a:<name>} fields holding JSON text, metadata as
 * reserved {@code @}-fields. Instants are fixed-width decimal text ({@code SSSSSSSSSSSS.NNNNNNNNN}) so Lua can compare
 * them as strings exactly, to the nanosecond, and Java reads them back unchanged.
 */
final class SessionHash {

  static final String CREATED = "@c";
  static final String ACCESSED = "@a";
  static final String EXPIRES = "@e";
  static final String PRINCIPAL = "@p";
  static final String DEVICE = "@d";
  static final String ATTRIBUTE_PREFIX = "a:";

  /** The metadata fields in the order {@link #decodeMetadata} reads an HMGET reply. */
  static final String[] METADATA_FIELDS = {CREATED, ACCESSED, EXPIRES, PRINCIPAL, DEVICE};

  private static final long MAX_SECONDS = 999_999_999_999L;

  private SessionHash() {}

  /** The hash field of an attribute. */
  static String field(String attribute) {
    return ATTRIBUTE_PREFIX + attribute;
  }

  /** Fixed-width text of an instant; lexical order equals time order. */
  static String instant(Instant t) {
    long s = t.getEpochSecond();
    if (s < 0 || s > MAX_SECONDS) {
      throw new SessionStoreException("Instant " + t + " is outside the range the Redis store can keep (1970..33658)");
    }
    StringBuilder b = new StringBuilder(22);
    String sec = Long.toString(s);
    b.append("000000000000", 0, 12 - sec.length()).append(sec).append('.');
    String nanos = Integer.toString(t.getNano());
    b.append("000000000", 0, 9 - nanos.length()).append(nanos);
    return b.toString();
  }

  /** Reads {@link #instant(Instant)} text; null when it is not exactly that shape (foreign or damaged data). */
  static Instant parseInstant(String text) {
    if (text == null || text.length() != 22 || text.charAt(12) != '.') {
      return null;
    }
    long seconds = 0;
    int nanos = 0;
    for (int i = 0; i < 22; i++) {
      if (i == 12) {
        continue;
      }
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      if (i < 12) {
        seconds = seconds * 10 + (c - '0');
      } else {
        nanos = nanos * 10 + (c - '0');
      }
    }
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /** Index score of an instant: epoch microseconds, exact in a double until the year 2255. */
  static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  /** Milliseconds from {@code now} until {@code expiresAt}, rounded up: the relative TTL Redis gets. */
  static long ttlMillis(Instant now, Instant expiresAt) {
    long nanos = java.time.Duration.between(now, expiresAt).toNanos();
    return nanos <= 0 ? 0 : (nanos + 999_999) / 1_000_000;
  }

  /** Metadata from an HMGET of {@link #METADATA_FIELDS}; null when the fields are missing or damaged. */
  static SessionMetadata decodeMetadata(java.util.List<?> values) {
    if (values == null || values.size() != METADATA_FIELDS.length) {
      return null;
    }
    Instant created = parseInstant(text(values.get(0)));
    Instant accessed = parseInstant(text(values.get(1)));
    Instant expires = parseInstant(text(values.get(2)));
    if (created == null || accessed == null || expires == null) {
      return null;
    }
    return new SessionMetadata(created, accessed, expires, text(values.get(3)), text(values.get(4)));
  }

  /** A session from an HGETALL reply; null when the hash is not one of ours (missing or damaged metadata). */
  static StoredSession decode(Map<String, String> hash) {
    Instant created = parseInstant(hash.get(CREATED));
    Instant accessed = parseInstant(hash.get(ACCESSED));
    Instant expires = parseInstant(hash.get(EXPIRES));
    if (created == null || accessed == null || expires == null) {
      return null;
    }
    Map<String, String> attributes = new HashMap<>(Math.max(4, hash.size() * 2));
    for (Map.Entry<String, String> e : hash.entrySet()) {
      String k = e.getKey();
      if (k.startsWith(ATTRIBUTE_PREFIX)) {
        attributes.put(k.substring(ATTRIBUTE_PREFIX.length()), e.getValue());
      }
    }
    SessionMetadata metadata = new SessionMetadata(created, accessed, expires, hash.get(PRINCIPAL), hash.get(DEVICE));
    return new StoredSession(attributes, metadata);
  }

  private static String text(Object o) {
    if (o == null) {
      return null;
    }
    if (o instanceof io.lettuce.core.KeyValue<?, ?> kv) {
      return kv.hasValue() ? String.valueOf(kv.getValue()) : null;
    }
    return String.valueOf(o);
  }
}
