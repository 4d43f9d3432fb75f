package dev.satchel.jwt.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.satchel.jwt.JwtAlgorithm;
import dev.satchel.jwt.JwtKey;
import dev.satchel.jwt.JwtKeySet;
import dev.satchel.jwt.revocation.JtiDenylist;
import dev.satchel.session.DecodeResult;
import dev.satchel.session.DecodeResult.Reason;
import dev.satchel.store.SessionStoreUnavailableException;
import dev.satchel.store.memory.MemorySessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwtSessionCodecTest {

  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  static final JwtKeySet KEYS = JwtKeySet.of(JwtKey.generate(JwtAlgorithm.HS256, "s1"));

  static Map<String, Object> attributes() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("user", "alice");
    a.put("cart", List.of(1, 2, 3));
    a.put("prefs", Map.of("theme", "dark", "emoji", "😀"));
    return a;
  }

  static Reason reason(DecodeResult r) {
    return ((DecodeResult.Rejected) r).reason();
  }

  @Test
  @SuppressWarnings("unchecked")
  void roundTripsAttributesWithIssueTime() {
    JwtSessionCodec codec = JwtSessionCodec.builder(KEYS).maxAge(Duration.ofHours(1)).build();
    String cookie = codec.encode(attributes(), NOW);

    assertThat(cookie).matches("[A-Za-z0-9_.-]+");
    DecodeResult.Decoded decoded = (DecodeResult.Decoded) codec.decode(cookie, NOW.plusSeconds(10));
    assertThat(decoded.attributes()).isEqualTo(attributes());
    assertThat(decoded.issuedAt()).isEqualTo(NOW);
    assertThat(decoded.keyIndex()).isZero();
    // The session map is the user's to change.
    decoded.attributes().put("user", "bob");
    ((List<Object>) decoded.attributes().get("cart")).add(4);
  }

  @Test
  void expiresAfterMaxAge() {
    JwtSessionCodec codec = JwtSessionCodec.builder(KEYS).maxAge(Duration.ofHours(1)).clockSkew(Duration.ZERO).build();
    String cookie = codec.encode(attributes(), NOW);
    assertThat(codec.decode(cookie, NOW.plus(Duration.ofMinutes(59)))).isInstanceOf(DecodeResult.Decoded.class);
    assertThat(reason(codec.decode(cookie, NOW.plus(Duration.ofHours(1))))).isEqualTo(Reason.EXPIRED);
    assertThat(reason(codec.decode(cookie, NOW.minus(Duration.ofMinutes(5))))).isEqualTo(Reason.FUTURE_TIMESTAMP);
  }

  @Test
  void olderKeyDecodesAndAsksForReissue() {
    JwtSessionCodec before = JwtSessionCodec.builder(KEYS).build();
    String cookie = before.encode(attributes(), NOW);
    JwtKeySet rotated = KEYS.rotateTo(JwtKey.generate(JwtAlgorithm.ES256, "s2"));
    JwtSessionCodec after = JwtSessionCodec.builder(rotated).build();

    DecodeResult.Decoded decoded = (DecodeResult.Decoded) after.decode(cookie, NOW);
    assertThat(decoded.keyIndex()).isEqualTo(1);
    assertThat(decoded.signedWithFallbackKey()).isTrue();
    DecodeResult.Decoded reissued = (DecodeResult.Decoded) after.decode(after.encode(decoded.attributes(), NOW), NOW);
    assertThat(reissued.keyIndex()).isZero();
  }

  @Test
  void encryptedSessionsHideTheirContent() {
    JwtSessionCodec codec = JwtSessionCodec.builder(JwtKeySet.of(JwtKey.generate(JwtAlgorithm.DIR_A256GCM, "e")))
        .build();
    String cookie = codec.encode(Map.of("secret", "the launch codes"), NOW);
    assertThat(cookie.split("\\.")).hasSize(5);
    for (String part : cookie.split("\\.")) {
      assertThat(new String(java.util.Base64.getUrlDecoder().decode(part), java.nio.charset.StandardCharsets.UTF_8))
          .doesNotContain("launch");
    }
    assertThat(((DecodeResult.Decoded) codec.decode(cookie, NOW)).attributes()).containsEntry("secret",
        "the launch codes");
  }

  @Test
  void mapsRejectionsToSessionReasons() {
    JwtSessionCodec codec = JwtSessionCodec.builder(KEYS).issuer("app").build();
    String cookie = codec.encode(attributes(), NOW);
    String stranger = JwtSessionCodec.builder(JwtKeySet.of(JwtKey.generate(JwtAlgorithm.HS256, "s1"))).issuer("app")
        .build().encode(attributes(), NOW);
    String otherIssuer = JwtSessionCodec.builder(KEYS).issuer("other").build().encode(attributes(), NOW);
    String notASession = dev.satchel.jwt.JwtIssuer.builder(KEYS).issuer("app").build()
        .issue(dev.satchel.jwt.JwtClaims.builder().subject("x").build(), NOW);

    assertThat(reason(codec.decode("garbage", NOW))).isEqualTo(Reason.MALFORMED);
    assertThat(reason(codec.decode("", NOW))).isEqualTo(Reason.MALFORMED);
    assertThat(reason(codec.decode(stranger, NOW))).isEqualTo(Reason.BAD_SIGNATURE);
    int mid = cookie.length() - 10;
    String tampered = cookie.substring(0, mid) + (cookie.charAt(mid) == 'A' ? 'B' : 'A') + cookie.substring(mid + 1);
    assertThat(reason(codec.decode(tampered, NOW))).isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(reason(codec.decode(cookie.substring(0, cookie.length() - 2), NOW))).isEqualTo(Reason.MALFORMED);
    assertThat(reason(codec.decode(otherIssuer, NOW))).isEqualTo(Reason.BAD_PAYLOAD);
    assertThat(reason(codec.decode(notASession, NOW))).isEqualTo(Reason.BAD_PAYLOAD);
    assertThat(codec.decode(cookie, NOW)).isInstanceOf(DecodeResult.Decoded.class);
  }

  @Test
  void unencodableValueNamesIt() {
    JwtSessionCodec codec = JwtSessionCodec.builder(KEYS).build();
    Map<String, Object> bad = new LinkedHashMap<>();
    bad.put("fine", "value");
    bad.put("thread", new Object() {
      @SuppressWarnings("unused")
      public Object getSelf() {
        return this;
      }
    });
    assertThatThrownBy(() -> codec.encode(bad, NOW)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Session attribute 'thread'");
  }

  @Test
  void logoutRevokesCopiesOfTheCookie() {
    try (MemorySessionStore store = MemorySessionStore.create()) {
      JwtSessionCodec codec = JwtSessionCodec.builder(KEYS).revocations(new JtiDenylist(store)).build();
      String cookie = codec.encode(attributes(), NOW);
      String other = codec.encode(attributes(), NOW);
      assertThat(codec.decode(cookie, NOW)).isInstanceOf(DecodeResult.Decoded.class);

      assertThat(codec.revoke(cookie, NOW.plusSeconds(1))).isTrue();

      assertThat(reason(codec.decode(cookie, NOW.plusSeconds(2)))).isEqualTo(Reason.EXPIRED);
      assertThat(codec.decode(other, NOW.plusSeconds(2))).isInstanceOf(DecodeResult.Decoded.class);
      assertThat(codec.revoke("not a token", NOW)).isFalse();
    }
    assertThatThrownBy(() -> JwtSessionCodec.builder(KEYS).build().revoke("x", NOW))
        .hasMessageContaining("no denylist");
  }

  @Test
  void unreachableDenylistIsAnOutageNotALogout() {
    MemorySessionStore store = MemorySessionStore.create();
    JwtSessionCodec codec = JwtSessionCodec.builder(KEYS).revocations(new JtiDenylist(new FailingStore(store)))
        .build();
    String cookie = codec.encode(attributes(), NOW);
    assertThatThrownBy(() -> codec.decode(cookie, NOW)).isInstanceOf(SessionStoreUnavailableException.class)
        .hasMessageContaining("down for maintenance");
  }

  /** A store whose loads fail as an unreachable server's would. */
  static final class FailingStore implements dev.satchel.store.SessionStore {
    private final dev.satchel.store.SessionStore delegate;

    FailingStore(dev.satchel.store.SessionStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public java.util.Optional<dev.satchel.store.StoredSession> load(String storageKey, Instant now) {
      throw new SessionStoreUnavailableException("down for maintenance");
    }

    @Override
    public SaveResult save(String k, dev.satchel.store.SessionChanges c, Instant now) {
      return delegate.save(k, c, now);
    }

    @Override
    public CasResult compareAndSet(String k, String a, String e, String n, dev.satchel.store.SessionMetadata m,
        Instant now) {
      return delegate.compareAndSet(k, a, e, n, m, now);
    }

    @Override
    public boolean delete(String k) {
      return delegate.delete(k);
    }

    @Override
    public List<dev.satchel.store.SessionInfo> findByPrincipal(String p, Instant now) {
      return delegate.findByPrincipal(p, now);
    }

    @Override
    public int deleteByPrincipal(String p, Instant now) {
      return delegate.deleteByPrincipal(p, now);
    }

    @Override
    public List<dev.satchel.store.SessionInfo> list(String after, int limit, Instant now) {
      return new ArrayList<>(delegate.list(after, limit, now));
    }

    @Override
    public long count(Instant now) {
      return delegate.count(now);
    }

    @Override
    public int sweep(Instant now, int max) {
      return delegate.sweep(now, max);
    }
  }
}
