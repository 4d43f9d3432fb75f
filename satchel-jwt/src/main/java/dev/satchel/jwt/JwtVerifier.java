package dev.satchel.jwt;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.util.Base64URL;
import dev.satchel.json.SessionJson;
import dev.satchel.jwt.JwtResult.Reason;
import dev.satchel.jwt.JwtResult.Rejected;
import java.io.IOException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies tokens and returns a {@link JwtResult}; never throws for bad input.
 *
 * <p>The key is chosen by the token's {@code kid} from a {@link JwtKeySource}, and the token's {@code alg} must equal
 * the algorithm that key is pinned to: the header never decides how it is checked, which shuts out {@code alg=none},
 * HS256-with-an-RSA-public-key and embedded-key ({@code jwk}/{@code jku}) attacks. Then, in order: signature (or JWE
 * tag), token type ({@code typ}), payload, required {@code exp}, {@code nbf}/{@code iat}, issuer, audience,
 * revocation. Claims are only read after the signature verified. Immutable and thread-safe.
 */
public final class JwtVerifier {

  /** The {@code typ} issued and expected unless configured otherwise (RFC 7519 §5.1). */
  public static final String DEFAULT_TYPE = "JWT";

  private static final ObjectReader PAYLOAD_READER = SessionJson.mapper()
      .readerFor(new TypeReference<LinkedHashMap<String, Object>>() {})
      // Two "sub" claims could mean different things to different parsers; refuse the ambiguity.
      .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

  private final JwtKeySource keys;
  private final Set<JwtAlgorithm> algorithms;
  private final Set<String> issuers;
  private final Set<String> audiences;
  /** Accepted {@code typ} values, normalized ({@link #normalizedType}). */
  private final Set<String> types;
  /** True when a token without {@code typ} is accepted (the default, as many issuers leave it out). */
  private final boolean typeOptional;
  private final Duration clockSkew;
  private final JwtRevocationList revocations;
  private final Clock clock;
  private final int maxTokenLength;

  private JwtVerifier(Builder b) {
    this.keys = b.keys;
    this.algorithms = Set.copyOf(b.algorithms);
    this.issuers = b.issuers;
    this.audiences = b.audiences;
    this.types = b.types;
    this.typeOptional = b.typeOptional;
    this.clockSkew = b.clockSkew;
    this.revocations = b.revocations;
    this.clock = b.clock;
    this.maxTokenLength = b.maxTokenLength;
  }

  /** A builder verifying against these keys (a {@link JwtKeySet} or a remote JWKS). */
  public static Builder builder(JwtKeySource keys) {
    return new Builder(Objects.requireNonNull(keys, "keys"));
  }

  /** Verifies a token at the clock's current time. */
  public JwtResult verify(String token) {
    return verify(token, clock.instant());
  }

  /** Verifies a compact JWS or JWE token as of {@code now}. Never throws for bad input. */
  public JwtResult verify(String token, Instant now) {
    if (token == null || token.isEmpty()) {
      return reject(Reason.MISSING, "no token");
    }
    if (token.length() > maxTokenLength) {
      return reject(Reason.MALFORMED, "token is " + token.length() + " characters; the limit is " + maxTokenLength);
    }
    int dots = canonicalDots(token);
    if (dots < 0) {
      return reject(Reason.MALFORMED, "not compact base64url: a character outside [A-Za-z0-9_-.] or a non-canonical "
          + "part ending");
    }
    if (!headerMayBeAnObject(token)) {
      return reject(Reason.MALFORMED, "the header is JSON but not an object");
    }
    try {
      if (dots == 2) {
        return verifyJws(token, now);
      }
      if (dots == 4) {
        return verifyJwe(token, now);
      }
      return reject(Reason.MALFORMED, "expected 3 (signed) or 5 (encrypted) dot-separated parts, got " + (dots + 1));
    } catch (RuntimeException e) {
      // Last line of defence for inputs a parser did not expect: a bad token is a result, never a crash.
      return reject(Reason.MALFORMED, "unreadable token (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * False when the header decodes to something other than a JSON object. Nimbus reads a header of {@code null} as a
   * missing map and throws a NullPointerException (found by JwtFuzzTest); anything else is left to Nimbus's parser.
   */
  private static boolean headerMayBeAnObject(String token) {
    int dot = token.indexOf('.');
    if (dot < 0) {
      return true; // not a JWS or JWE at all: the part count explains that
    }
    byte[] header;
    try {
      header = java.util.Base64.getUrlDecoder().decode(token.substring(0, dot));
    } catch (IllegalArgumentException e) {
      return true; // not base64url: Nimbus explains that
    }
    for (byte b : header) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return b == '{';
      }
    }
    return true; // empty: Nimbus explains that
  }

  private JwtResult verifyJws(String token, Instant now) {
    JWSObject jws;
    try {
      jws = JWSObject.parse(token);
    } catch (ParseException e) {
      if (isUnsecured(token)) {
        return reject(Reason.ALGORITHM_NOT_ALLOWED, "alg=none (unsigned token) is never accepted");
      }
      return reject(Reason.MALFORMED, "not a signed JWT: " + printable(e.getMessage()));
    }
    var header = jws.getHeader();
    if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
      return reject(Reason.MALFORMED, "unsupported critical header parameters " + printable(header.getCriticalParams().toString()));
    }
    JwtAlgorithm alg = JwtAlgorithm.forJwsName(header.getAlgorithm().getName());
    if (alg == null || !algorithms.contains(alg)) {
      return reject(Reason.ALGORITHM_NOT_ALLOWED, "alg " + printable(header.getAlgorithm().getName())
          + " is not allowed; allowed: " + algorithms);
    }
    Object found = findKey(header.getKeyID());
    if (found instanceof Rejected r) {
      return r;
    }
    JwtKey key = (JwtKey) found;
    if (key.algorithm() != alg) {
      return reject(Reason.ALGORITHM_NOT_ALLOWED, "key '" + printable(key.id()) + "' is pinned to "
          + key.algorithm() + " but the token says " + alg);
    }
    boolean verified;
    try {
      verified = jws.verify(key.verifier());
    } catch (JOSEException e) {
      verified = false;
    }
    if (!verified) {
      return reject(Reason.BAD_SIGNATURE, "signature does not verify with key '" + printable(key.id()) + "'");
    }
    Rejected wrongType = checkType(header.getType());
    if (wrongType != null) {
      return wrongType;
    }
    return checkClaims(jws.getPayload().toBytes(), key, now);
  }

  private JwtResult verifyJwe(String token, Instant now) {
    JWEObject jwe;
    try {
      jwe = JWEObject.parse(token);
    } catch (ParseException e) {
      return reject(Reason.MALFORMED, "not an encrypted JWT: " + printable(e.getMessage()));
    }
    JWEHeader header = jwe.getHeader();
    if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
      return reject(Reason.MALFORMED, "unsupported critical header parameters " + printable(header.getCriticalParams().toString()));
    }
    // Compression before encryption leaks plaintext length (CRIME-style) and invites zip bombs; Satchel never uses it.
    if (header.getCompressionAlgorithm() != null) {
      return reject(Reason.ALGORITHM_NOT_ALLOWED, "compressed (zip) encrypted tokens are not accepted");
    }
    if (!JWEAlgorithm.DIR.equals(header.getAlgorithm()) || !EncryptionMethod.A256GCM.equals(header.getEncryptionMethod())
        || !algorithms.contains(JwtAlgorithm.DIR_A256GCM)) {
      return reject(Reason.ALGORITHM_NOT_ALLOWED, "encryption " + printable(header.getAlgorithm().getName()) + "+"
          + printable(String.valueOf(header.getEncryptionMethod())) + " is not allowed; allowed: " + algorithms);
    }
    Object found = findKey(header.getKeyID());
    if (found instanceof Rejected r) {
      return r;
    }
    JwtKey key = (JwtKey) found;
    if (key.algorithm() != JwtAlgorithm.DIR_A256GCM) {
      return reject(Reason.ALGORITHM_NOT_ALLOWED, "key '" + printable(key.id()) + "' is pinned to "
          + key.algorithm() + " but the token is encrypted with dir+A256GCM");
    }
    try {
      jwe.decrypt(key.decrypter());
    } catch (JOSEException e) {
      return reject(Reason.BAD_SIGNATURE, "decryption with key '" + printable(key.id()) + "' failed");
    }
    Rejected wrongType = checkType(header.getType());
    if (wrongType != null) {
      return wrongType;
    }
    return checkClaims(jwe.getPayload().toBytes(), key, now);
  }

  /** The key for a kid, or a Rejected saying why there is none. */
  private Object findKey(String kid) {
    Optional<JwtKey> key;
    try {
      key = kid == null ? keys.soleKey() : keys.find(kid);
    } catch (JwtKeysUnavailableException e) {
      return reject(Reason.UNAVAILABLE, "keys unavailable: " + e.getMessage());
    } catch (RuntimeException e) {
      // A failing custom key source is the server's problem, not the token's: say so instead of "malformed".
      return reject(Reason.UNAVAILABLE, "key source failed: " + e);
    }
    if (key.isEmpty()) {
      return reject(Reason.UNKNOWN_KEY, kid == null ? "token has no kid and the key source does not hold exactly one key"
          : "no key with kid '" + printable(kid) + "'");
    }
    return key.get();
  }

  /** Null when the authenticated header's {@code typ} is one this verifier accepts, else why not. */
  private Rejected checkType(com.nimbusds.jose.JOSEObjectType typ) {
    if (typ == null) {
      return typeOptional ? null : reject(Reason.WRONG_TYPE, "token has no typ header; expected " + types);
    }
    if (types.contains(normalizedType(typ.getType()))) {
      return null;
    }
    return reject(Reason.WRONG_TYPE, "typ " + printable(typ.getType()) + " is not accepted here; expected "
        + types + " (a token of another kind, made for another purpose)");
  }

  /**
   * A {@code typ} as a comparable media type: case-insensitive, with the optional {@code application/} prefix
   * dropped (RFC 7515 §4.1.9), so {@code JWT}, {@code jwt} and {@code application/jwt} are one type.
   */
  static String normalizedType(String typ) {
    String lower = typ.trim().toLowerCase(java.util.Locale.ROOT);
    return lower.startsWith("application/") ? lower.substring("application/".length()) : lower;
  }

  /** Checks a configured {@code typ}: printable ASCII without spaces, as media types are. */
  static String checkedType(String typ) {
    Objects.requireNonNull(typ, "type");
    if (typ.isEmpty() || !typ.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException("type must be a media type such as JWT or at+jwt, got '"
          + printable(typ) + "'");
    }
    return typ;
  }

  private JwtResult checkClaims(byte[] payload, JwtKey key, Instant now) {
    JwtClaims claims;
    try {
      Map<String, Object> json = PAYLOAD_READER.readValue(payload);
      if (json == null) {
        return reject(Reason.MALFORMED, "payload is not a JSON object");
      }
      claims = JwtClaims.fromJson(json);
    } catch (IOException e) {
      return reject(Reason.MALFORMED, "payload is not a JSON object");
    } catch (IllegalArgumentException e) {
      return reject(Reason.MALFORMED, printable(e.getMessage()));
    }
    Optional<Instant> exp = claims.expiresAt();
    if (exp.isEmpty()) {
      return reject(Reason.MISSING_CLAIM, "no exp claim; every token must expire");
    }
    if (!now.isBefore(exp.get().plus(clockSkew))) {
      return reject(Reason.EXPIRED, "expired at " + exp.get());
    }
    Optional<Instant> nbf = claims.notBefore();
    if (nbf.isPresent() && now.plus(clockSkew).isBefore(nbf.get())) {
      return reject(Reason.NOT_YET_VALID, "not valid before " + nbf.get());
    }
    Optional<Instant> iat = claims.issuedAt();
    if (iat.isPresent() && now.plus(clockSkew).isBefore(iat.get())) {
      return reject(Reason.NOT_YET_VALID, "issued in the future (" + iat.get() + ")");
    }
    if (!issuers.isEmpty() && !claims.issuer().map(issuers::contains).orElse(false)) {
      return reject(Reason.WRONG_ISSUER, "issuer " + claims.issuer().map(JwtVerifier::printable).orElse("(none)")
          + " is not accepted");
    }
    List<String> aud = claims.audience();
    if (audiences.isEmpty() ? !aud.isEmpty() : aud.stream().noneMatch(audiences::contains)) {
      return reject(Reason.WRONG_AUDIENCE, aud.isEmpty() ? "token names no audience"
          : "audience " + printable(aud.toString()) + " does not include " + (audiences.isEmpty() ? "this verifier "
              + "(configure requireAudience)" : audiences));
    }
    if (revocations != null) {
      Optional<String> jti = claims.id();
      if (jti.isEmpty()) {
        return reject(Reason.MISSING_CLAIM, "no jti claim; a token that cannot be revoked is not accepted");
      }
      try {
        if (revocations.isRevoked(jti.get(), now)) {
          return reject(Reason.REVOKED, "token was revoked");
        }
      } catch (RuntimeException e) {
        return reject(Reason.UNAVAILABLE, "revocation list unavailable: " + e.getMessage());
      }
    }
    return new JwtResult.Valid(claims, key.id());
  }

  private static boolean isUnsecured(String token) {
    try {
      Header header = Header.parse(new Base64URL(token.substring(0, token.indexOf('.'))));
      return header instanceof PlainHeader || "none".equalsIgnoreCase(header.getAlgorithm().getName());
    } catch (ParseException | RuntimeException e) {
      return false;
    }
  }

  /**
   * The number of dots when every part is canonical unpadded base64url, else -1. Decoders skip stray characters and
   * ignore a last character's unused bits, so without this one token would have many spellings that all verify.
   */
  private static int canonicalDots(String token) {
    int dots = 0;
    int partLength = 0;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c == '.') {
        if (!canonicalEnd(token, i, partLength)) {
          return -1;
        }
        dots++;
        partLength = 0;
      } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
        partLength++;
      } else {
        return -1;
      }
    }
    return canonicalEnd(token, token.length(), partLength) ? dots : -1;
  }

  /** True when the part ending before {@code end} has a valid length and no stray bits in its last character. */
  private static boolean canonicalEnd(String token, int end, int partLength) {
    int unusedBitsMask = switch (partLength % 4) {
      case 0 -> 0;
      case 2 -> 0x0F;
      case 3 -> 0x03;
      default -> -1;
    };
    if (unusedBitsMask < 0) {
      return false;
    }
    return unusedBitsMask == 0 || (sextet(token.charAt(end - 1)) & unusedBitsMask) == 0;
  }

  private static int sextet(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    return c == '-' ? 62 : 63;
  }

  /** Token-supplied text in a log detail: printable ASCII only, bounded, so a crafted kid cannot forge log lines. */
  static String printable(String s) {
    if (s == null) {
      return "null";
    }
    int max = 120;
    StringBuilder b = new StringBuilder(Math.min(s.length(), max));
    for (int i = 0; i < s.length() && b.length() < max; i++) {
      char c = s.charAt(i);
      b.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return s.length() > max ? b + "..." : b.toString();
  }

  private static Rejected reject(Reason reason, String detail) {
    return new Rejected(reason, detail);
  }

  /**
   * Configures a {@link JwtVerifier}. Defaults: every algorithm its keys are pinned to, {@code typ} {@code JWT} or
   * absent (any other type is refused), no issuer or audience required (a token naming an audience is then refused),
   * 60 s clock skew, no denylist, the UTC system clock, tokens up to 16384 characters.
   */
  public static final class Builder {
    private final JwtKeySource keys;
    private Set<JwtAlgorithm> algorithms = EnumSet.allOf(JwtAlgorithm.class);
    private Set<String> issuers = Set.of();
    private Set<String> audiences = Set.of();
    private Set<String> types = Set.of(normalizedType(DEFAULT_TYPE));
    private boolean typeOptional = true;
    private Duration clockSkew = Duration.ofSeconds(60);
    private JwtRevocationList revocations;
    private Clock clock = Clock.systemUTC();
    private int maxTokenLength = 16_384;

    private Builder(JwtKeySource keys) {
      this.keys = keys;
    }

    /** Narrows the accepted algorithms further than the keys' own pins (e.g. only RS256 from a remote JWKS). */
    public Builder algorithms(JwtAlgorithm... allowed) {
      if (allowed.length == 0) {
        throw new IllegalArgumentException("algorithms: allow at least one");
      }
      this.algorithms = EnumSet.copyOf(Arrays.asList(allowed));
      return this;
    }

    /** Requires {@code iss} to be one of these. */
    public Builder requireIssuer(String... accepted) {
      this.issuers = Set.of(accepted);
      return this;
    }

    /** Requires {@code aud} to name at least one of these (this service's names). */
    public Builder requireAudience(String... accepted) {
      this.audiences = Set.of(accepted);
      return this;
    }

    /**
     * Accepts only tokens whose {@code typ} header is one of these (compared as media types: case-insensitive,
     * {@code application/} optional), and refuses tokens without one. Use it for every kind of token an issuer makes
     * besides plain {@code JWT}: {@code requireType("at+jwt")} for RFC 9068 access tokens, say. Without it a
     * verifier accepts {@code typ} {@code JWT} or no {@code typ} (RFC 7519 makes it optional, and many issuers leave
     * it out), and refuses every other type, such as Satchel's session tokens.
     */
    public Builder requireType(String... accepted) {
      if (accepted.length == 0) {
        throw new IllegalArgumentException("requireType: accept at least one type");
      }
      Set<String> normalized = new java.util.LinkedHashSet<>();
      for (String type : accepted) {
        normalized.add(normalizedType(checkedType(type)));
      }
      this.types = Set.copyOf(normalized);
      this.typeOptional = false;
      return this;
    }

    /** How far clocks may disagree when checking {@code exp}, {@code nbf} and {@code iat}; 0 to 5 minutes. */
    public Builder clockSkew(Duration skew) {
      if (skew == null || skew.isNegative() || skew.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException("clockSkew must be between 0 and 5 minutes, got " + skew);
      }
      this.clockSkew = skew;
      return this;
    }

    /** Consults this list for every token; tokens without {@code jti} are then refused. */
    public Builder revocations(JwtRevocationList list) {
      this.revocations = Objects.requireNonNull(list, "list");
      return this;
    }

    /** The clock for {@link JwtVerifier#verify(String)}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Longer tokens are refused unparsed (a cheap guard against oversized input). */
    public Builder maxTokenLength(int chars) {
      if (chars < 64) {
        throw new IllegalArgumentException("maxTokenLength must be at least 64, got " + chars);
      }
      this.maxTokenLength = chars;
      return this;
    }

    /** The verifier. */
    public JwtVerifier build() {
      return new JwtVerifier(this);
    }
  }
}
