package dev.satchel.jwt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import dev.satchel.json.SessionJson;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Issues tokens with a key set's current key: a signed JWS for HS256/RS256/ES256/EdDSA keys, an encrypted JWE for an
 * A256GCM key. Fills in {@code iss}, {@code aud}, {@code iat}, {@code exp} (now + TTL) and a random {@code jti} unless
 * the claims set them. Immutable and thread-safe.
 */
public final class JwtIssuer {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JwtKey key;
  private final String issuer;
  private final String[] audience;
  private final Duration ttl;
  private final Clock clock;
  private final String type;
  private final JWSHeader jwsHeader;
  private final JWEHeader jweHeader;

  private JwtIssuer(Builder b) {
    this.key = b.key;
    this.issuer = b.issuer;
    this.audience = b.audience;
    this.ttl = b.ttl;
    this.clock = b.clock;
    this.type = b.type;
    JOSEObjectType typ = new JOSEObjectType(b.type);
    if (key.algorithm().isEncryption()) {
      jwsHeader = null;
      jweHeader = new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).keyID(key.id())
          .type(typ).build();
    } else {
      jwsHeader = new JWSHeader.Builder(JWSAlgorithm.parse(key.algorithm().joseName())).keyID(key.id())
          .type(typ).build();
      jweHeader = null;
    }
  }

  /** A builder issuing with the set's current key. */
  public static Builder builder(JwtKeySet keys) {
    Objects.requireNonNull(keys, "keys");
    return new Builder(keys.current().orElseThrow(() -> new IllegalArgumentException(
        "Key set " + keys + " has no current key; build it with JwtKeySet.of(currentKey, ...)")));
  }

  /** A builder issuing with one key. */
  public static Builder builder(JwtKey key) {
    Objects.requireNonNull(key, "key");
    if (!key.canIssue()) {
      throw new IllegalArgumentException("Key '" + key.id() + "' cannot issue tokens: it has no private key or secret");
    }
    return new Builder(key);
  }

  /** Issues a token for these claims at the clock's current time. */
  public String issue(JwtClaims claims) {
    return issue(claims, clock.instant());
  }

  /**
   * Issues a token for these claims as of {@code now}.
   *
   * @throws IllegalArgumentException if a claim cannot be written as JSON
   */
  public String issue(JwtClaims claims, Instant now) {
    Objects.requireNonNull(claims, "claims");
    Objects.requireNonNull(now, "now");
    JwtClaims.Builder b = claims.toBuilder();
    if (issuer != null && !b.has(JwtClaims.ISSUER)) {
      b.issuer(issuer);
    }
    if (audience != null && !b.has(JwtClaims.AUDIENCE)) {
      b.audience(audience);
    }
    if (!b.has(JwtClaims.ISSUED_AT)) {
      b.issuedAt(now);
    }
    if (!b.has(JwtClaims.EXPIRES_AT)) {
      b.expiresAt(now.plus(ttl));
    }
    if (!b.has(JwtClaims.ID)) {
      b.id(newId());
    }
    byte[] payload;
    try {
      payload = SessionJson.mapper().writeValueAsBytes(b.build().asMap());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Claims cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
    try {
      if (jweHeader != null) {
        JWEObject jwe = new JWEObject(jweHeader, new Payload(payload));
        jwe.encrypt(key.encrypter());
        return jwe.serialize();
      }
      JWSObject jws = new JWSObject(jwsHeader, new Payload(payload));
      jws.sign(key.signer());
      return jws.serialize();
    } catch (JOSEException e) {
      // Keys are checked when built, so this is an environment failure (e.g. a JCA provider removed), not bad input.
      throw new IllegalStateException("Cannot issue a token with key '" + key.id() + "': " + e.getMessage(), e);
    }
  }

  /** The key this issuer uses. */
  public JwtKey key() {
    return key;
  }

  /** The {@code typ} header of every token this issuer makes. */
  public String type() {
    return type;
  }

  private static String newId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Configures a {@link JwtIssuer}; defaults: {@code typ} {@code JWT}, no {@code iss}, no {@code aud}, TTL 15 minutes,
   * the UTC system clock.
   */
  public static final class Builder {
    private final JwtKey key;
    private String issuer;
    private String[] audience;
    private Duration ttl = Duration.ofMinutes(15);
    private Clock clock = Clock.systemUTC();
    private String type = JwtVerifier.DEFAULT_TYPE;

    private Builder(JwtKey key) {
      this.key = key;
    }

    /** The {@code iss} written into every token (unless the claims set one). */
    public Builder issuer(String issuer) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /** The {@code aud} written into every token (unless the claims set one). */
    public Builder audience(String... audience) {
      if (audience.length == 0) {
        throw new IllegalArgumentException("audience: give at least one");
      }
      this.audience = audience.clone();
      return this;
    }

    /**
     * The {@code typ} header (default {@code JWT}). Give each kind of token its own (RFC 8725 explicit typing), e.g.
     * {@code at+jwt} for access tokens, and have its verifiers {@link JwtVerifier.Builder#requireType require} it,
     * so one kind is never accepted where another is expected.
     */
    public Builder type(String type) {
      this.type = JwtVerifier.checkedType(type);
      return this;
    }

    /** How long tokens live when the claims set no {@code exp}; positive. */
    public Builder ttl(Duration ttl) {
      if (ttl == null || ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("ttl must be positive, got " + ttl);
      }
      this.ttl = ttl;
      return this;
    }

    /** The clock for {@link JwtIssuer#issue(JwtClaims)}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The issuer. */
    public JwtIssuer build() {
      return new JwtIssuer(this);
    }
  }
}
