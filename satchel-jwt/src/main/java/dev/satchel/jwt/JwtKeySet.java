package dev.satchel.jwt;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.satchel.json.SessionJson;
import dev.satchel.keys.KeyRing;
import com.nimbusds.jose.jwk.KeyUse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The keys of one token issuer: at most one <em>current</em> key that issues new tokens, plus older keys that still
 * verify tokens issued before a rotation. Rotation is a new set with a new current key; retiring is a set without the
 * old one. Immutable and thread-safe.
 */
public final class JwtKeySet implements JwtKeySource {

  private final JwtKey current;
  private final List<JwtKey> keys;
  private final Map<String, JwtKey> byId;

  private JwtKeySet(JwtKey current, List<JwtKey> keys) {
    Map<String, JwtKey> map = new LinkedHashMap<>();
    for (JwtKey key : keys) {
      Objects.requireNonNull(key, "key");
      if (map.putIfAbsent(key.id(), key) != null) {
        throw new IllegalArgumentException("Two keys share the id '" + key.id() + "'; every key needs its own kid");
      }
    }
    if (current != null && !current.canIssue()) {
      throw new IllegalArgumentException("Current key '" + current.id() + "' cannot issue tokens (it has no private "
          + "key or secret); pass it as a verification key instead");
    }
    this.current = current;
    this.keys = List.copyOf(keys);
    this.byId = Collections.unmodifiableMap(map);
  }

  /** A set whose {@code current} key issues tokens; {@code previous} keys (newest first) only verify. */
  public static JwtKeySet of(JwtKey current, JwtKey... previous) {
    Objects.requireNonNull(current, "current");
    List<JwtKey> all = new ArrayList<>();
    all.add(current);
    all.addAll(Arrays.asList(previous));
    return new JwtKeySet(current, all);
  }

  /** A set that only verifies (e.g. another service's public keys). */
  public static JwtKeySet verifyOnly(List<JwtKey> keys) {
    return new JwtKeySet(null, keys);
  }

  /**
   * HS256 keys from a key ring of raw secrets, newest first (the first issues). Each key id is derived from its secret
   * (a truncated SHA-256 of it, domain-separated), so every instance sharing the ring agrees on ids without
   * configuration, and a ring rotated by prepending a secret keeps verifying the older tokens.
   */
  public static JwtKeySet hs256Ring(List<byte[]> secretsNewestFirst) {
    return ring(secretsNewestFirst, JwtAlgorithm.HS256);
  }

  /**
   * Keys from a Satchel {@link KeyRing} (current key issues, fallbacks verify), for HS256 or encrypted
   * ({@link JwtAlgorithm#DIR_A256GCM}) tokens. Each key is first derived for JWT use ({@link KeyRing#derive}), so the
   * bytes that sign cookies never sign tokens too; ids are derived as in {@link #hs256Ring}.
   */
  public static JwtKeySet fromKeyRing(KeyRing ring, JwtAlgorithm algorithm) {
    Objects.requireNonNull(ring, "ring");
    if (algorithm != JwtAlgorithm.HS256 && algorithm != JwtAlgorithm.DIR_A256GCM) {
      throw new IllegalArgumentException("A key ring holds shared secrets: use HS256 or DIR_A256GCM, not " + algorithm);
    }
    return ring(ring.derive("satchel-jwt " + algorithm).all(), algorithm);
  }

  private static JwtKeySet ring(List<byte[]> secretsNewestFirst, JwtAlgorithm algorithm) {
    if (secretsNewestFirst == null || secretsNewestFirst.isEmpty()) {
      throw new IllegalArgumentException("Key ring is empty; give at least one secret of 32+ random bytes");
    }
    List<JwtKey> keys = new ArrayList<>();
    for (byte[] secret : secretsNewestFirst) {
      String id = derivedId(secret, algorithm);
      keys.add(algorithm == JwtAlgorithm.HS256 ? JwtKey.hs256(id, secret) : JwtKey.encryption(id, secret));
    }
    return new JwtKeySet(keys.get(0), keys);
  }

  /**
   * The verification keys of a JWKS document ({@code {"keys":[...]}}). Shared secrets ({@code kty oct}), encryption
   * keys and unsupported key types are skipped: a key set fetched from elsewhere must never let a caller choose a
   * secret.
   *
   * @throws IllegalArgumentException when the text is not a JWKS document
   */
  public static JwtKeySet parseJwks(String json) {
    Map<String, Object> document = SessionJson.readMap(Objects.requireNonNull(json, "json")
        .getBytes(StandardCharsets.UTF_8)).orElseThrow(() -> new IllegalArgumentException(
            "Not a JWKS document: not a JSON object"));
    if (!(document.get("keys") instanceof List<?> entries)) {
      throw new IllegalArgumentException("Not a JWKS document: no \"keys\" array");
    }
    List<JwtKey> keys = new ArrayList<>();
    Map<String, Boolean> seen = new LinkedHashMap<>();
    for (Object entry : entries) {
      try {
        @SuppressWarnings("unchecked")
        JWK jwk = JWK.parse((Map<String, Object>) entry);
        if (KeyUse.ENCRYPTION.equals(jwk.getKeyUse())) {
          continue;
        }
        JwtKey key = JwtKey.fromJwk(jwk, false).publicOnly();
        if (seen.putIfAbsent(key.id(), Boolean.TRUE) == null) {
          keys.add(key);
        }
      } catch (ParseException | IllegalArgumentException | ClassCastException e) {
        // Unsupported, invalid or secret key: one entry at a time, so the usable keys of a mixed document still work.
      }
    }
    return verifyOnly(keys);
  }

  /** The key new tokens are issued with; empty for a verification-only set. */
  public Optional<JwtKey> current() {
    return Optional.ofNullable(current);
  }

  /** Every key, the current one first. */
  public List<JwtKey> keys() {
    return keys;
  }

  /** Position of a key id: 0 for the current key, 1.. for older keys, -1 when absent. */
  public int indexOf(String keyId) {
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i).id().equals(keyId)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Optional<JwtKey> find(String keyId) {
    return keyId == null ? Optional.empty() : Optional.ofNullable(byId.get(keyId));
  }

  @Override
  public Optional<JwtKey> soleKey() {
    return keys.size() == 1 ? Optional.of(keys.get(0)) : Optional.empty();
  }

  /** A new set where {@code next} issues and every key of this set still verifies (the first step of a rotation). */
  public JwtKeySet rotateTo(JwtKey next) {
    List<JwtKey> all = new ArrayList<>();
    all.add(Objects.requireNonNull(next, "next"));
    all.addAll(keys);
    return new JwtKeySet(next, all);
  }

  /** A new set without the key {@code keyId} (the last step of a rotation: its tokens stop verifying). */
  public JwtKeySet without(String keyId) {
    if (current != null && current.id().equals(keyId)) {
      throw new IllegalArgumentException("Key '" + keyId + "' is the current key; rotate to another key first");
    }
    List<JwtKey> rest = new ArrayList<>(keys);
    if (!rest.removeIf(k -> k.id().equals(keyId))) {
      throw new IllegalArgumentException("No key '" + keyId + "' in this set");
    }
    return new JwtKeySet(current, rest);
  }

  /**
   * The public keys as a JWKS document ({@code {"keys":[...]}}) to serve at e.g. {@code /.well-known/jwks.json}.
   * Shared-secret keys are never included.
   */
  public String toJwks() {
    List<JWK> published = new ArrayList<>();
    for (JwtKey key : keys) {
      if (!key.algorithm().isSymmetric()) {
        published.add(key.toNimbusJwk().toPublicJWK());
      }
    }
    return new JWKSet(published).toString(true);
  }

  @Override
  public String toString() {
    return "JwtKeySet" + keys;
  }

  private static String derivedId(byte[] secret, JwtAlgorithm algorithm) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("satchel-jwt-kid\0".getBytes(StandardCharsets.US_ASCII));
      byte[] digest = sha.digest(secret);
      return (algorithm == JwtAlgorithm.HS256 ? "hs-" : "enc-") + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 9));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
