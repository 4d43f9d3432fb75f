package dev.satchel.jwt.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.satchel.jwt.JwtAlgorithm;
import dev.satchel.jwt.JwtClaims;
import dev.satchel.jwt.JwtIssuer;
import dev.satchel.jwt.JwtKey;
import dev.satchel.jwt.JwtKeySet;
import dev.satchel.jwt.JwtResult;
import dev.satchel.jwt.JwtResult.Reason;
import dev.satchel.jwt.JwtVerifier;
import dev.satchel.store.SessionStoreUnavailableException;
import dev.satchel.store.memory.MemorySessionStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JwtRevocationTest {

  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  static final JwtKey KEY = JwtKey.generate(JwtAlgorithm.EDDSA, "ed");

  final MemorySessionStore store = MemorySessionStore.create();
  final JtiDenylist denylist = new JtiDenylist(store);
  final JwtIssuer issuer = JwtIssuer.builder(KEY).ttl(Duration.ofMinutes(30)).build();
  final JwtVerifier verifier = JwtVerifier.builder(JwtKeySet.of(KEY)).revocations(denylist).build();

  @AfterEach
  void close() {
    store.close();
  }

  static Reason reason(JwtResult r) {
    return ((JwtResult.Rejected) r).reason();
  }

  @Test
  void revokedTokenIsRejectedOthersStillPass() {
    String alice = issuer.issue(JwtClaims.builder().subject("alice").build(), NOW);
    String bob = issuer.issue(JwtClaims.builder().subject("bob").build(), NOW);
    JwtClaims aliceClaims = verifier.verify(alice, NOW).validClaims().orElseThrow();

    assertThat(denylist.revoke(aliceClaims, NOW.plusSeconds(5))).isTrue();

    assertThat(reason(verifier.verify(alice, NOW.plusSeconds(6)))).isEqualTo(Reason.REVOKED);
    assertThat(verifier.verify(bob, NOW.plusSeconds(6)).isValid()).isTrue();
    assertThat(denylist.isRevoked(aliceClaims.id().orElseThrow(), NOW.plusSeconds(6))).isTrue();
    // A second logout with the same token (another tab) is harmless.
    assertThat(denylist.revoke(aliceClaims, NOW.plusSeconds(7))).isTrue();
    assertThat(reason(verifier.verify(alice, NOW.plusSeconds(8)))).isEqualTo(Reason.REVOKED);
    assertThat(store.count(NOW.plusSeconds(8))).isEqualTo(1);
  }

  @Test
  void entryLivesExactlyAsLongAsTheToken() {
    String token = issuer.issue(JwtClaims.builder().subject("alice").build(), NOW);
    JwtClaims claims = verifier.verify(token, NOW).validClaims().orElseThrow();
    denylist.revoke(claims, NOW);
    String key = JtiDenylist.storageKey(claims.id().orElseThrow());
    Instant exp = NOW.plus(Duration.ofMinutes(30));

    assertThat(store.load(key, exp.minusSeconds(1))).isPresent();
    assertThat(store.load(key, exp.minusSeconds(1)).orElseThrow().metadata().expiresAt()).isEqualTo(exp);
    assertThat(store.load(key, exp)).isEmpty();
  }

  @Test
  void storageKeyIsTheHashOfThePrefixedJti() throws Exception {
    String jti = "tök€n-😀";
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(("jwt-jti:" + jti).getBytes(StandardCharsets.UTF_8));
    assertThat(JtiDenylist.storageKey(jti)).isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(digest))
        .doesNotContain(jti);
    // Distinct non-ASCII ids must not collide (a US-ASCII encoding would map both to "?").
    assertThat(JtiDenylist.storageKey("é")).isNotEqualTo(JtiDenylist.storageKey("è"));
  }

  @Test
  void revokingAnExpiredTokenIsANoOp() {
    assertThat(denylist.revoke("old", NOW, NOW)).isFalse();
    assertThat(store.count(NOW)).isZero();
  }

  @Test
  void tokensWithoutJtiAreRefusedWhenADenylistIsConfigured() throws Exception {
    byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    JwtKeySet keys = JwtKeySet.of(JwtKey.hs256("hs", secret));
    // JwtIssuer always sets a jti, so the token without one is made by hand.
    String payload = "{\"sub\":\"x\",\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + "}";
    String input = b64("{\"alg\":\"HS256\",\"kid\":\"hs\"}") + "." + b64(payload);
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
    String noJti = input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
        mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));

    assertThat(JwtVerifier.builder(keys).build().verify(noJti, NOW).isValid()).isTrue();
    assertThat(reason(JwtVerifier.builder(keys).revocations(denylist).build().verify(noJti, NOW)))
        .isEqualTo(Reason.MISSING_CLAIM);
    JwtClaims stripped = JwtClaims.builder().subject("x").expiresAt(NOW.plusSeconds(60)).build();
    assertThatThrownBy(() -> denylist.revoke(stripped, NOW)).hasMessageContaining("no jti");
  }

  static String b64(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void unreachableStoreFailsClosed() {
    String token = issuer.issue(JwtClaims.builder().subject("alice").build(), NOW);
    JwtVerifier failing = JwtVerifier.builder(JwtKeySet.of(KEY)).revocations((jti, now) -> {
      throw new SessionStoreUnavailableException("redis timed out after 200 ms");
    }).build();
    JwtResult r = failing.verify(token, NOW);
    assertThat(reason(r)).isEqualTo(Reason.UNAVAILABLE);
    assertThat(((JwtResult.Rejected) r).detail()).contains("redis timed out");
  }
}
