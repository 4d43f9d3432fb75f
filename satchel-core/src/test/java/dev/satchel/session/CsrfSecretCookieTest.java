package dev.satchel.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.satchel.csrf.CsrfProtection;
import dev.satchel.csrf.CsrfResult;
import dev.satchel.keys.KeyRing;
import dev.satchel.sign.TimestampSigner;
import dev.satchel.sign.Verification;
import dev.satchel.store.SessionId;
import dev.satchel.store.SessionStore;
import dev.satchel.store.SessionStoreUnavailableException;
import dev.satchel.store.memory.MemorySessionStore;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Server-side sessions that hold nothing but their CSRF secret keep it in the cookie ({@link CsrfSecretCookie}):
 * how it is signed, when it moves into the store and back, how it expires and rotates.
 */
class CsrfSecretCookieTest {

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  final MemorySessionStore store = MemorySessionStore.create();
  final KeyRing keys = KeyRing.generate();
  final SessionManager manager = manager(store, keys);
  final CsrfProtection csrf = CsrfProtection.defaults();

  SessionManager manager(SessionStore store, KeyRing keys) {
    return SessionManager.builder().store(store).keys(keys).clock(clock).build();
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** A browser: its cookie jar, and the Set-Cookie of its last response. */
  final class Browser {
    final SessionManager manager;
    String jar;
    String lastSetCookie;

    Browser(SessionManager manager) {
      this.manager = manager;
    }

    Browser() {
      this(CsrfSecretCookieTest.this.manager);
    }

    <T> T send(String method, Function<Session, T> handler) {
      TestExchange.Request req = new TestExchange.Request().header("Host", "app.example");
      req.method = method;
      if (jar != null) {
        req.header("Cookie", jar);
      }
      RequestSession rs = manager.open(req);
      T result = handler == null ? null : handler.apply(rs.session());
      TestExchange.Response res = new TestExchange.Response();
      rs.commit(res);
      lastSetCookie = res.setCookie();
      if (lastSetCookie != null) {
        jar = lastSetCookie.contains("Max-Age=0") ? null : res.cookiePair();
      }
      return result;
    }

    void run(Consumer<Session> handler) {
      send("GET", s -> {
        handler.accept(s);
        return null;
      });
    }

    String form() {
      return send("GET", csrf::token);
    }

    CsrfResult post(String token) {
      return send("POST", s -> {
        TestExchange.Request post = new TestExchange.Request().header("Host", "app.example");
        post.method = "POST";
        return csrf.verify(post, s, token);
      });
    }

    String cookieValue() {
      return jar == null ? null : jar.substring(jar.indexOf('=') + 1);
    }
  }

  long stored() {
    return store.count(clock.instant());
  }

  @Test
  void theCookieCarriesTheSecretSignedWithTheKeyDerivedForCsrf() {
    Browser b = new Browser();
    b.form();
    String value = b.cookieValue();
    assertThat(SessionId.parse(value)).as("never mistaken for a session id").isEmpty();
    assertThat(b.lastSetCookie).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Max-Age");

    Verification v = TimestampSigner.of(keys.derive("satchel.csrf")).verify(value, clock.instant());
    assertThat(v).isInstanceOf(Verification.Valid.class);
    String secret = b.send("GET", s -> s.existingCsrfSecret().orElseThrow());
    assertThat(((Verification.Valid) v).payload()).startsWith(secret + ".");
    assertThat(TimestampSigner.of(keys).verify(value, clock.instant()).isValid()).as("the raw key").isFalse();
    assertThat(TimestampSigner.of(keys.derive("satchel.session.signed")).verify(value, clock.instant()).isValid())
        .as("another purpose's key").isFalse();
    assertThat(stored()).isZero();
  }

  @Test
  void anAnonymousFormNeedsNoStoreAtAll() {
    SessionStore down = (SessionStore) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {SessionStore.class}, (proxy, method, args) -> {
          throw new SessionStoreUnavailableException("down for the test", null);
        });
    Browser b = new Browser(manager(down, keys));
    String token = b.form();
    assertThat(b.post(token).allowed()).as("verified without a store round trip").isTrue();
    assertThat(b.send("GET", Session::isNew)).as("nothing was ever stored").isTrue();
    assertThatThrownBy(() -> b.run(s -> s.put("cart", 1))).as("real data does go to the store")
        .isInstanceOf(SessionStoreUnavailableException.class);
  }

  @Test
  void readingTheSecretAgainWritesNoCookieUntilARefreshIsDue() {
    Browser b = new Browser();
    String token = b.form();
    String first = b.jar;
    b.form();
    assertThat(b.lastSetCookie).as("the cookie already holds the secret").isNull();
    clock.advance(Duration.ofMinutes(2));
    b.form();
    assertThat(b.lastSetCookie).as("re-issued after refreshAfter, so the idle timeout slides").isNotNull();
    assertThat(b.jar).isNotEqualTo(first);
    assertThat(b.post(token).allowed()).as("with the same secret").isTrue();
  }

  @Test
  void theIdleTimeoutSlidesAndTheAbsoluteOneDoesNot() {
    SessionManager limited = SessionManager.builder().store(store).keys(keys).clock(clock)
        .idleTimeout(Duration.ofHours(2)).absoluteTimeout(Duration.ofHours(5)).build();
    Browser b = new Browser(limited);
    String token = b.form();
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofMinutes(90)); // 4.5 hours in all: beyond the idle timeout, within the absolute one
      assertThat(b.post(token).allowed()).as("after %d x 90 min", i + 1).isTrue();
    }
    clock.advance(Duration.ofMinutes(90));
    CsrfResult tooOld = b.post(token);
    assertThat(tooOld.allowed()).isFalse();
    assertThat(tooOld.reason()).contains("the session expired or was never started");
    assertThat(b.jar).as("the expired cookie is deleted").isNull();

    Browser idle = new Browser(limited);
    String idleToken = idle.form();
    clock.advance(Duration.ofMinutes(121));
    assertThat(idle.post(idleToken).allowed()).as("unused for longer than the idle timeout").isFalse();
  }

  @Test
  void aTamperedOrForeignCookieGivesAFreshSession() {
    Browser b = new Browser();
    String token = b.form();
    String value = b.cookieValue();
    char c = value.charAt(5);
    b.jar = "session=" + value.substring(0, 5) + (c == 'A' ? 'B' : 'A') + value.substring(6);
    CsrfResult tampered = b.post(token);
    assertThat(tampered.allowed()).isFalse();
    assertThat(tampered.reason()).contains("the session expired or was never started");

    Browser other = new Browser(manager(store, KeyRing.generate()));
    other.jar = "session=" + value;
    assertThat(other.post(token).allowed()).as("signed with another application's keys").isFalse();
  }

  @Test
  void keyRotationKeepsTheCookieAndReSignsIt() {
    Browser b = new Browser();
    String token = b.form();
    String oldValue = b.cookieValue();
    KeyRing next = KeyRing.generate();
    KeyRing rotating = KeyRing.of(next.current(), keys.current());

    b = withJar(new Browser(manager(store, rotating)), b.jar);
    assertThat(b.post(token).allowed()).as("the fallback key still verifies").isTrue();
    assertThat(b.cookieValue()).as("re-signed with the current key").isNotEqualTo(oldValue);
    assertThat(withJar(new Browser(manager(store, next)), b.jar).post(token).allowed())
        .as("after the old key is retired").isTrue();
  }

  private static Browser withJar(Browser b, String jar) {
    b.jar = jar;
    return b;
  }

  @Test
  void theSecretMovesIntoTheStoreWithRealDataAndBackWhenItIsGone() {
    Browser b = new Browser();
    String token = b.form();
    b.run(s -> s.put("cart", "book"));
    assertThat(stored()).isEqualTo(1);
    assertThat(SessionId.parse(b.cookieValue())).as("the cookie is an id now").isPresent();
    assertThat(store.load(SessionId.hash(b.cookieValue()), clock.instant()).orElseThrow().attributes())
        .containsKey(Session.CSRF);
    assertThat(b.post(token).allowed()).as("a form opened before still posts").isTrue();

    b.run(s -> s.remove("cart"));
    assertThat(stored()).as("a session left with only its secret is not worth a row").isZero();
    assertThat(SessionId.parse(b.cookieValue())).isEmpty();
    assertThat(b.post(token).allowed()).as("the cookie took the secret back").isTrue();
  }

  @Test
  void computeStoresTheSecretWithTheValue() {
    Browser b = new Browser();
    String token = b.form();
    Integer visits = b.send("GET", s -> s.compute("visits", Integer.class, n -> n == null ? 1 : n + 1));
    assertThat(visits).isEqualTo(1);
    assertThat(stored()).isEqualTo(1);
    assertThat(b.post(token).allowed()).isTrue();
  }

  @Test
  void regenerateOrInvalidateOfAnAnonymousSessionKillsItsTokens() {
    Browser b = new Browser();
    String token = b.form();
    b.run(Session::regenerate);
    assertThat(b.jar).as("nothing left to keep").isNull();
    assertThat(b.post(token).allowed()).isFalse();

    Browser c = new Browser();
    String other = c.form();
    c.run(Session::invalidate);
    assertThat(c.post(other).allowed()).isFalse();
    assertThat(stored()).isZero();
  }

  @Test
  void aLogoutPageWithAFormLeavesNothingStored() {
    Browser b = new Browser();
    b.run(s -> {
      s.regenerate();
      s.setPrincipal("alice");
      s.put("user", "alice");
    });
    assertThat(stored()).isEqualTo(1);
    String token = b.send("GET", s -> {
      s.invalidate();
      return csrf.token(s);
    });
    assertThat(stored()).isZero();
    assertThat(b.post(token).allowed()).as("the form on the logged-out page posts").isTrue();
    assertThat(stored()).isZero();
  }

  @Test
  void serverSideSessionsNeedTheKeys() {
    assertThatThrownBy(() -> SessionManager.builder().store(store).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("builder.store(store).keys(KeyRing.fromEnvironment())");
  }
}
