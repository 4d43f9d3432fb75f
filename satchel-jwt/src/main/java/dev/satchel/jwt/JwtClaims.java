package dev.satchel.jwt;

import dev.satchel.json.SessionJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The claims of a token: the registered ones ({@code iss sub aud exp nbf iat jti}) as typed accessors, and any other
 * claim as plain JSON values (String, Integer/Long, Double, Boolean, List, Map).
 *
 * <p>Immutable: values given to the builder are converted to JSON values with Satchel's shared mapping
 * ({@link SessionJson}) when it is built, so a record or {@code Instant} becomes what the token will carry.
 */
public final class JwtClaims {

  static final String ISSUER = "iss";
  static final String SUBJECT = "sub";
  static final String AUDIENCE = "aud";
  static final String EXPIRES_AT = "exp";
  static final String NOT_BEFORE = "nbf";
  static final String ISSUED_AT = "iat";
  static final String ID = "jti";
  private static final Set<String> REGISTERED = Set.of(ISSUER, SUBJECT, AUDIENCE, EXPIRES_AT, NOT_BEFORE, ISSUED_AT, ID);

  private final Map<String, Object> claims;
  private final List<String> audience;
  private final Instant expiresAt;
  private final Instant notBefore;
  private final Instant issuedAt;

  private JwtClaims(Map<String, Object> claims, List<String> audience, Instant expiresAt, Instant notBefore,
      Instant issuedAt) {
    this.claims = claims;
    this.audience = audience;
    this.expiresAt = expiresAt;
    this.notBefore = notBefore;
    this.issuedAt = issuedAt;
  }

  /** A builder for claims to issue. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads claims from a parsed JSON payload; throws {@link IllegalArgumentException} naming the claim when a registered
   * claim has the wrong type (e.g. {@code exp} not a number, {@code aud} not a string or array of strings).
   */
  static JwtClaims fromJson(Map<String, Object> json) {
    for (String name : new String[] {ISSUER, SUBJECT, ID}) {
      Object v = json.get(name);
      if (v != null && !(v instanceof String)) {
        throw new IllegalArgumentException("claim '" + name + "' is not a string");
      }
    }
    return new JwtClaims(deepUnmodifiable(json), readAudience(json.get(AUDIENCE)), numericDate(json, EXPIRES_AT),
        numericDate(json, NOT_BEFORE), numericDate(json, ISSUED_AT));
  }

  /** The {@code iss} claim: who issued the token. */
  public Optional<String> issuer() {
    return Optional.ofNullable((String) claims.get(ISSUER));
  }

  /** The {@code sub} claim: whom the token is about (usually a user id). */
  public Optional<String> subject() {
    return Optional.ofNullable((String) claims.get(SUBJECT));
  }

  /** The {@code aud} claim as a list (a single string becomes a one-element list); empty when absent. */
  public List<String> audience() {
    return audience;
  }

  /** The {@code exp} claim: the instant the token stops being valid. */
  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  /** The {@code nbf} claim: the instant before which the token is not valid. */
  public Optional<Instant> notBefore() {
    return Optional.ofNullable(notBefore);
  }

  /** The {@code iat} claim: when the token was issued. */
  public Optional<Instant> issuedAt() {
    return Optional.ofNullable(issuedAt);
  }

  /** The {@code jti} claim: the token's unique id (what a denylist revokes). */
  public Optional<String> id() {
    return Optional.ofNullable((String) claims.get(ID));
  }

  /** One claim as a plain JSON value, or null when absent. */
  public Object get(String name) {
    return claims.get(name);
  }

  /** One claim converted to a type (e.g. a record) with Satchel's JSON mapping; null when absent. */
  public <T> T get(String name, Class<T> type) {
    return SessionJson.convert(claims.get(name), type);
  }

  /** Every claim, registered ones included, as an unmodifiable map in payload order. */
  public Map<String, Object> asMap() {
    return claims;
  }

  /** A builder starting from these claims (e.g. to re-issue with a new expiry). */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.claims.putAll(claims);
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JwtClaims other && claims.equals(other.claims);
  }

  @Override
  public int hashCode() {
    return claims.hashCode();
  }

  @Override
  public String toString() {
    return "JwtClaims" + claims.keySet();
  }

  /** Builds claims; registered claims have their own setters so their types are always right. */
  public static final class Builder {
    private final Map<String, Object> claims = new LinkedHashMap<>();

    private Builder() {}

    /** Sets {@code iss}. */
    public Builder issuer(String issuer) {
      return put(ISSUER, issuer);
    }

    /** Sets {@code sub}. */
    public Builder subject(String subject) {
      return put(SUBJECT, subject);
    }

    /** Sets {@code aud}: one audience is written as a string, several as an array. */
    public Builder audience(String... audience) {
      if (audience == null || audience.length == 0) {
        return put(AUDIENCE, null);
      }
      for (String a : audience) {
        Objects.requireNonNull(a, "audience element");
      }
      return put(AUDIENCE, audience.length == 1 ? audience[0] : List.of(audience));
    }

    /** Sets {@code exp} (whole seconds; sub-second parts are dropped). */
    public Builder expiresAt(Instant instant) {
      return put(EXPIRES_AT, instant == null ? null : instant.getEpochSecond());
    }

    /** Sets {@code nbf} (whole seconds). */
    public Builder notBefore(Instant instant) {
      return put(NOT_BEFORE, instant == null ? null : instant.getEpochSecond());
    }

    /** Sets {@code iat} (whole seconds). */
    public Builder issuedAt(Instant instant) {
      return put(ISSUED_AT, instant == null ? null : instant.getEpochSecond());
    }

    /** Sets {@code jti}, the token id a denylist revokes. {@link JwtIssuer} sets a random one when absent. */
    public Builder id(String id) {
      return put(ID, id);
    }

    /**
     * Sets a private claim to any value Satchel's JSON mapping can write (strings, numbers, lists, maps, records,
     * {@code java.time} values); null removes it.
     *
     * @throws IllegalArgumentException for a registered claim name (use its setter) or a value JSON cannot hold
     */
    public Builder claim(String name, Object value) {
      Objects.requireNonNull(name, "name");
      if (REGISTERED.contains(name)) {
        throw new IllegalArgumentException("'" + name + "' is a registered claim; use its own builder method");
      }
      return put(name, value);
    }

    boolean has(String name) {
      return claims.containsKey(name);
    }

    private Builder put(String name, Object value) {
      if (value == null) {
        claims.remove(name);
      } else {
        claims.put(name, value);
      }
      return this;
    }

    /** The immutable claims. */
    public JwtClaims build() {
      Map<String, Object> json = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : claims.entrySet()) {
        json.put(e.getKey(), toJsonValue(e.getKey(), e.getValue()));
      }
      return fromJson(json);
    }
  }

  // ---- helpers ----

  private static Object toJsonValue(String name, Object value) {
    if (value instanceof String || value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      return value;
    }
    try {
      return SessionJson.mapper().convertValue(value, Object.class);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Claim '" + name + "' of type " + value.getClass().getName()
          + " cannot be written as JSON: " + e.getMessage(), e);
    }
  }

  private static List<String> readAudience(Object aud) {
    if (aud == null) {
      return List.of();
    }
    if (aud instanceof String s) {
      return List.of(s);
    }
    if (aud instanceof List<?> list) {
      List<String> out = new ArrayList<>(list.size());
      for (Object o : list) {
        if (!(o instanceof String s)) {
          throw new IllegalArgumentException("claim 'aud' holds a non-string element");
        }
        out.add(s);
      }
      return List.copyOf(out);
    }
    throw new IllegalArgumentException("claim 'aud' is neither a string nor an array of strings");
  }

  /** RFC 7519 NumericDate: seconds since the epoch, possibly fractional. */
  private static Instant numericDate(Map<String, Object> json, String name) {
    Object v = json.get(name);
    if (v == null) {
      return null;
    }
    try {
      if (v instanceof Integer || v instanceof Long) {
        return Instant.ofEpochSecond(((Number) v).longValue());
      }
      if (v instanceof BigInteger big) {
        return Instant.ofEpochSecond(big.longValueExact());
      }
      if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
        BigDecimal d = new BigDecimal(v.toString());
        long seconds = d.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
        long nanos = d.subtract(BigDecimal.valueOf(seconds)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(seconds, nanos);
      }
    } catch (ArithmeticException | DateTimeException | NumberFormatException e) {
      throw new IllegalArgumentException("claim '" + name + "' is out of range");
    }
    throw new IllegalArgumentException("claim '" + name + "' is not a number of seconds");
  }

  @SuppressWarnings("unchecked")
  private static <T> T deepUnmodifiable(T value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), deepUnmodifiable(v)));
      return (T) Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(deepUnmodifiable(v)));
      return (T) Collections.unmodifiableList(copy);
    }
    return value;
  }
}
