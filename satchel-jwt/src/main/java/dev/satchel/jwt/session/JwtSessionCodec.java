package dev.satchel.jwt.session;

import dev.satchel.json.SessionJson;
import dev.satchel.jwt.JwtClaims;
import dev.satchel.jwt.JwtIssuer;
import dev.satchel.jwt.JwtKeySet;
import dev.satchel.jwt.JwtResult;
import dev.satchel.jwt.JwtVerifier;
import dev.satchel.jwt.revocation.JtiDenylist;
import dev.satchel.session.DecodeResult;
import dev.satchel.session.DecodeResult.Reason;
import dev.satchel.session.RevocableCodec;
import dev.satchel.store.SessionStoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A stateless session in a JWT cookie: the attributes travel as one private claim, with {@code iat} = encode time and
 * {@code exp} = encode time + max age, signed (or encrypted, with an A256GCM key) by the key set's current key, typed
 * {@value #TOKEN_TYPE}.
 *
 * <p>Useful when other services must read the session without calling back (they verify with the public keys from
 * the JWKS). Older keys of the set still decode; such a session reports {@code keyIndex > 0} so it is re-issued with
 * the current key. With a {@link JtiDenylist}, {@link #revoke} kills a copied cookie at logout. Immutable and
 * thread-safe.
 */
public final class JwtSessionCodec implements RevocableCodec {

  /**
   * The {@code typ} header of session tokens (RFC 8725 explicit typing). The codec accepts nothing else, and a
   * default {@link JwtVerifier} (which expects {@code JWT}) refuses it, so a session cookie is never taken for an
   * access token issued with the same keys, nor the other way round.
   */
  public static final String TOKEN_TYPE = "satchel-session+jwt";

  private final JwtKeySet keys;
  private final String claimName;
  private final Duration maxAge;
  private final JwtIssuer issuer;
  private final JwtVerifier verifier;
  private final JtiDenylist denylist;

  private JwtSessionCodec(Builder b) {
    this.keys = b.keys;
    this.claimName = b.claimName;
    this.maxAge = b.maxAge;
    this.denylist = b.denylist;
    JwtIssuer.Builder ib = JwtIssuer.builder(keys).ttl(maxAge).type(TOKEN_TYPE);
    JwtVerifier.Builder vb = JwtVerifier.builder(keys).clockSkew(b.clockSkew).requireType(TOKEN_TYPE);
    if (b.issuer != null) {
      ib.issuer(b.issuer);
      vb.requireIssuer(b.issuer);
    }
    if (b.audience != null) {
      ib.audience(b.audience);
      vb.requireAudience(b.audience);
    }
    if (denylist != null) {
      vb.revocations(denylist);
    }
    this.issuer = ib.build();
    this.verifier = vb.build();
  }

  /** A builder for sessions issued with the set's current key. */
  public static Builder builder(JwtKeySet keys) {
    Objects.requireNonNull(keys, "keys");
    if (keys.current().isEmpty()) {
      throw new IllegalArgumentException("Key set " + keys + " has no current key to sign sessions with");
    }
    return new Builder(keys);
  }

  @Override
  public String encode(Map<String, Object> attributes, Instant now) {
    Objects.requireNonNull(attributes, "attributes");
    JwtClaims claims;
    try {
      claims = JwtClaims.builder().claim(claimName, attributes).issuedAt(now).expiresAt(now.plus(maxAge)).build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(offender(attributes) + e.getMessage(), e);
    }
    return issuer.issue(claims, now);
  }

  /**
   * {@inheritDoc}
   *
   * @throws SessionStoreUnavailableException when the configured denylist's store cannot be reached (answer 503: the
   *     cookie may be fine, but whether it was revoked is unknown)
   */
  @Override
  public DecodeResult decode(String cookieValue, Instant now) {
    JwtResult result = verifier.verify(cookieValue, now);
    if (result instanceof JwtResult.Rejected r) {
      return rejected(r);
    }
    JwtResult.Valid valid = (JwtResult.Valid) result;
    JwtClaims claims = valid.claims();
    if (!(claims.get(claimName) instanceof Map<?, ?> attributes)) {
      return DecodeResult.rejected(Reason.BAD_PAYLOAD, "token has no '" + claimName + "' object claim");
    }
    if (claims.issuedAt().isEmpty()) {
      return DecodeResult.rejected(Reason.BAD_PAYLOAD, "token has no iat claim");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> copy = (Map<String, Object>) mutableCopy(attributes);
    return new DecodeResult.Decoded(copy, claims.issuedAt().get(), Math.max(0, keys.indexOf(valid.keyId())));
  }

  /**
   * Revokes a session cookie until it expires (call it at logout, before deleting the cookie), so a copy of the cookie
   * stops working too. Returns false when the value does not verify (nothing to revoke).
   *
   * @throws IllegalStateException when the codec was built without a denylist
   */
  @Override
  public boolean canRevoke() {
    return denylist != null;
  }

  @Override
  public boolean revoke(String cookieValue, Instant now) {
    if (denylist == null) {
      throw new IllegalStateException("This codec has no denylist; build it with .revocations(new JtiDenylist(store))");
    }
    return verifier.verify(cookieValue, now) instanceof JwtResult.Valid v && denylist.revoke(v.claims(), now);
  }

  /** Names the first attribute JSON cannot hold, so the message points at the user's value, not at our claim. */
  private static String offender(Map<String, Object> attributes) {
    for (Map.Entry<String, Object> e : attributes.entrySet()) {
      try {
        SessionJson.write(e.getValue());
      } catch (IllegalArgumentException ex) {
        return "Session attribute '" + e.getKey() + "' cannot be encoded: ";
      }
    }
    return "";
  }

  private static DecodeResult rejected(JwtResult.Rejected r) {
    Reason reason = switch (r.reason()) {
      case MISSING, MALFORMED -> Reason.MALFORMED;
      case ALGORITHM_NOT_ALLOWED, UNKNOWN_KEY, BAD_SIGNATURE -> Reason.BAD_SIGNATURE;
      case EXPIRED, REVOKED -> Reason.EXPIRED;
      case NOT_YET_VALID -> Reason.FUTURE_TIMESTAMP;
      case WRONG_TYPE, MISSING_CLAIM, WRONG_ISSUER, WRONG_AUDIENCE -> Reason.BAD_PAYLOAD;
      case UNAVAILABLE -> throw new SessionStoreUnavailableException("Cannot check the session token: " + r.detail());
    };
    return DecodeResult.rejected(reason, r.reason() + ": " + r.detail());
  }

  /** Claims are immutable; a session's attributes are the one mutable thing a user holds, so hand out a deep copy. */
  private static Object mutableCopy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), mutableCopy(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(mutableCopy(v)));
      return copy;
    }
    return value;
  }

  /** Configures a {@link JwtSessionCodec}; defaults: claim {@code sess}, max age 31 days, 60 s clock skew. */
  public static final class Builder {
    private final JwtKeySet keys;
    private String claimName = "sess";
    private Duration maxAge = Duration.ofDays(31);
    private Duration clockSkew = Duration.ofSeconds(60);
    private String issuer;
    private String audience;
    private JtiDenylist denylist;

    private Builder(JwtKeySet keys) {
      this.keys = keys;
    }

    /** The private claim holding the attributes. */
    public Builder claimName(String name) {
      if (name == null || name.isEmpty() || List.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti").contains(name)) {
        throw new IllegalArgumentException("claimName must be a non-empty private claim name, got " + name);
      }
      this.claimName = name;
      return this;
    }

    /** How long a session token is valid after it was last written ({@code exp - iat}). */
    public Builder maxAge(Duration maxAge) {
      if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
        throw new IllegalArgumentException("maxAge must be positive, got " + maxAge);
      }
      this.maxAge = maxAge;
      return this;
    }

    /** Clock skew allowed when checking {@code exp} and {@code iat}. */
    public Builder clockSkew(Duration skew) {
      this.clockSkew = Objects.requireNonNull(skew, "skew");
      return this;
    }

    /** Writes and requires this {@code iss}. */
    public Builder issuer(String issuer) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /** Writes and requires this {@code aud}. */
    public Builder audience(String audience) {
      this.audience = Objects.requireNonNull(audience, "audience");
      return this;
    }

    /** Consults (and lets {@link JwtSessionCodec#revoke} write) this denylist. */
    public Builder revocations(JtiDenylist denylist) {
      this.denylist = Objects.requireNonNull(denylist, "denylist");
      return this;
    }

    /** The codec. */
    public JwtSessionCodec build() {
      return new JwtSessionCodec(this);
    }
  }
}
