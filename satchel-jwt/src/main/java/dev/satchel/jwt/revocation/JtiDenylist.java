package dev.satchel.jwt.revocation;

import dev.satchel.jwt.JwtClaims;
import dev.satchel.jwt.JwtRevocationList;
import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.SessionStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * Revoked token ids kept in any Satchel {@link SessionStore} (memory, JDBC, Redis...), so logout can kill a stateless
 * token before it expires.
 *
 * <p>Each revoked {@code jti} is a tiny record under the storage key {@code base64url(SHA-256("jwt-jti:" + jti))},
 * expiring when the token does: the store forgets it exactly when the token could no longer verify anyway, so the
 * list never outgrows the set of live revoked tokens. Lookups are one {@code load}. Store failures propagate; the
 * verifier turns them into {@code UNAVAILABLE} (fail closed). Thread-safe if the store is.
 */
public final class JtiDenylist implements JwtRevocationList {

  private static final String PREFIX = "jwt-jti:";

  private final SessionStore store;

  /** A denylist in this store (share it with sessions or give it its own). */
  public JtiDenylist(SessionStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * Revokes a verified token until its {@code exp}. Returns false when there is nothing to do (already expired).
   *
   * @throws IllegalArgumentException when the token has no {@code jti} or no {@code exp} (issue tokens with
   *     {@link dev.satchel.jwt.JwtIssuer}, which always sets both)
   */
  public boolean revoke(JwtClaims claims, Instant now) {
    Objects.requireNonNull(claims, "claims");
    String jti = claims.id().orElseThrow(() -> new IllegalArgumentException(
        "Token has no jti, so it cannot be revoked; issue tokens with JwtIssuer, which sets one"));
    Instant exp = claims.expiresAt().orElseThrow(() -> new IllegalArgumentException("Token has no exp"));
    return revoke(jti, exp, now);
  }

  /** Revokes the token id {@code jti} until {@code expiresAt}; false when {@code expiresAt} has already passed. */
  public boolean revoke(String jti, Instant expiresAt, Instant now) {
    Objects.requireNonNull(jti, "jti");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(now, "now");
    if (!now.isBefore(expiresAt)) {
      return false;
    }
    SessionMetadata metadata = new SessionMetadata(now, now, expiresAt, null, null);
    store.save(storageKey(jti), SessionChanges.create(Map.of("revoked", "true"), metadata), now);
    return true;
  }

  @Override
  public boolean isRevoked(String jti, Instant now) {
    return store.load(storageKey(jti), now).isPresent();
  }

  /** The storage key a revoked {@code jti} is kept under (for admin tools). */
  public static String storageKey(String jti) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest((PREFIX + jti).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
