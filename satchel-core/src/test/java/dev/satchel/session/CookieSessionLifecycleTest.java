package dev.satchel.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CookieSessionLifecycleTest {

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  final JsonTestCodec codec = new JsonTestCodec();
  SessionManager manager = SessionManager.builder().codec(codec).clock(clock).build();

  /** The browser's cookie jar for the session cookie: "session=..." or null. */
  String jar;

  /** Runs one request through the manager, like an integration does, and keeps the cookie like a browser. */
  TestExchange.Response request(Consumer<Session> handler) {
    return request(new TestExchange.Request(), handler);
  }

  TestExchange.Response request(TestExchange.Request req, Consumer<Session> handler) {
    if (jar != null) {
      req.header("Cookie", jar);
    }
    TestExchange.Response res = new TestExchange.Response();
    RequestSession rs = manager.open(req);
    if (handler != null) {
      handler.accept(rs.session());
    }
    rs.commit(res);
    String setCookie = res.setCookie();
    if (setCookie != null) {
      jar = setCookie.contains("Max-Age=0") ? null : res.cookiePair();
    }
    return res;
  }

  @Nested
  class Laziness {
    @Test
    void aRequestThatNeverTouchesTheSessionWritesNothing() {
      request(s -> s.put("user", "alice"));
      TestExchange.Response res = request(null);
      assertThat(res.headers).isEmpty();
    }

    @Test
    void anEmptySessionCreatesNoCookie() {
      TestExchange.Response res = request(s -> s.get("user"));
      assertThat(res.setCookie()).isNull();
      assertThat(res.all("Vary")).containsExactly("Cookie");
    }

    @Test
    void readingAnUnchangedSessionDoesNotReissueTheCookie() {
      request(s -> s.put("user", "alice"));
      TestExchange.Response res = request(s -> assertThat(s.get("user")).isEqualTo("alice"));
      assertThat(res.setCookie()).isNull();
      assertThat(res.all("Vary")).containsExactly("Cookie");
    }
  }

  @Nested
  class CookieAttributes {
    @Test
    void secureDefaultsOnPlainHttp() {
      TestExchange.Response res = request(s -> s.put("user", "alice"));
      assertThat(res.setCookie()).startsWith("session=").contains("; Path=/").contains("; HttpOnly")
          .contains("; SameSite=Lax").doesNotContain("Secure").doesNotContain("Max-Age");
    }

    @Test
    void secureOnHttps() {
      TestExchange.Request req = new TestExchange.Request();
      req.secure = true;
      assertThat(request(req, s -> s.put("user", "alice")).setCookie()).contains("; Secure");
    }

    @Test
    void forwardedProtoIsBelievedOnlyFromTrustedProxies() {
      manager = SessionManager.builder().codec(codec).clock(clock).trustedProxies(Set.of("10.0.0.1")).build();
      TestExchange.Request viaProxy = new TestExchange.Request().header("X-Forwarded-Proto", "https");
      viaProxy.remote = "10.0.0.1";
      assertThat(request(viaProxy, s -> s.put("a", 1)).setCookie()).contains("; Secure");

      jar = null;
      TestExchange.Request spoofed = new TestExchange.Request().header("X-Forwarded-Proto", "https");
      spoofed.remote = "203.0.113.9";
      assertThat(request(spoofed, s -> s.put("a", 1)).setCookie()).doesNotContain("Secure");
    }

    @Test
    void hostPrefixForcesSecure() {
      manager = SessionManager.builder().codec(codec).clock(clock)
          .cookie(SessionCookieSettings.DEFAULTS.withName("__Host-session")).build();
      assertThat(request(s -> s.put("a", 1)).setCookie()).startsWith("__Host-session=").contains("; Secure")
          .doesNotContain("Domain");
    }

    @Test
    void permanentSessionsGetMaxAge() {
      TestExchange.Response res = request(s -> {
        s.put("user", "alice");
        s.setPermanent(true);
      });
      assertThat(res.setCookie()).contains("Max-Age=" + Duration.ofDays(31).toSeconds());
    }
  }

  @Nested
  class Changes {
    @Test
    void valuesSurviveTheRoundTripWithTypes() {
      request(s -> {
        s.put("user", "alice").put("id", 42).put("roles", List.of("admin", "dev"));
        s.put("point", new Point(3, 4));
      });
      request(s -> {
        assertThat(s.get("user", String.class)).isEqualTo("alice");
        assertThat(s.get("id", Long.class)).isEqualTo(42L);
        assertThat(s.get("roles", new TypeReference<List<String>>() {})).containsExactly("admin", "dev");
        assertThat(s.get("point", Point.class)).isEqualTo(new Point(3, 4));
        assertThat(s.getOrDefault("visits", 0)).isZero();
        assertThat(s.getOrDefault("id", 0)).isEqualTo(42);
        assertThat(s.getOrDefault("roles", List.of())).isEqualTo(List.of("admin", "dev"));
        assertThat(s.getOrDefault("missing", List.of("x"))).containsExactly("x");
        assertThat(s.getOrDefault("point", Map.of())).isEqualTo(Map.of("x", 3, "y", 4));
        assertThat(s.keys()).containsExactly("user", "id", "roles", "point");
      });
    }

    @Test
    void inPlaceMutationIsSaved() {
      request(s -> s.put("cart", new ArrayList<>(List.of("apple"))));
      request(s -> {
        @SuppressWarnings("unchecked")
        List<Object> cart = (List<Object>) s.get("cart");
        cart.add("pear");
      });
      request(s -> assertThat(s.get("cart")).isEqualTo(List.of("apple", "pear")));
    }

    @Test
    void aTypedReadOfTheWrongTypeSaysWhatItHolds() {
      request(s -> s.put("user", "alice"));
      request(s -> assertThatThrownBy(() -> s.get("user", Point.class))
          .isInstanceOf(ClassCastException.class).hasMessageContaining("java.lang.String"));
    }

    @Test
    void valuesThatAreNotJsonAreRefusedWhereTheyAreStored() {
      request(s -> assertThatThrownBy(() -> s.put("thread", new Object() {
        public Object getSelf() {
          return this;
        }
      })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be written as JSON"));
    }

    @Test
    void reservedKeysAreRefusedWithTheApiToUse() {
      request(s -> {
        assertThatThrownBy(() -> s.put("_flashes", List.of())).hasMessageContaining("flash()");
        assertThatThrownBy(() -> s.put("_permanent", true)).hasMessageContaining("setPermanent()");
      });
    }

    @Test
    void clearingASessionDeletesTheCookie() {
      request(s -> s.put("user", "alice"));
      TestExchange.Response res = request(Session::clear);
      assertThat(res.setCookie()).startsWith("session=;").contains("Max-Age=0");
      assertThat(jar).isNull();
    }

    @Test
    void computeIsLocalForCookieSessions() {
      for (int i = 0; i < 3; i++) {
        request(s -> s.compute("visits", Integer.class, n -> n == null ? 1 : n + 1));
      }
      request(s -> assertThat(s.get("visits")).isEqualTo(3));
    }
  }

  @Nested
  class FlashesAndLogout {
    @Test
    void flashesAreShownOnceInOrder() {
      request(s -> {
        s.flash("Welcome");
        s.flash("error", "Careful");
      });
      request(s -> assertThat(s.consumeFlashes())
          .containsExactly(new Flash("message", "Welcome"), new Flash("error", "Careful")));
      request(s -> assertThat(s.consumeFlashes()).isEmpty());
    }

    @Test
    void invalidateThenFlashStartsANewSessionHoldingOnlyTheFlash() {
      request(s -> {
        s.put("user", "alice");
        s.setPrincipal("alice");
      });
      String before = jar;
      request(s -> {
        s.invalidate();
        s.flash("Successfully logged out");
      });
      assertThat(jar).isNotEqualTo(before);
      request(s -> {
        assertThat(s.get("user")).isNull();
        assertThat(s.principal()).isEmpty();
        assertThat(s.consumeFlashes()).extracting(Flash::message).containsExactly("Successfully logged out");
      });
    }

    @Test
    void regenerateReissuesTheCookieKeepingData() {
      request(s -> s.put("cart", "apple"));
      clock.advance(Duration.ofSeconds(5));
      String before = jar;
      request(s -> {
        s.regenerate();
        s.setPrincipal("alice");
      });
      assertThat(jar).isNotEqualTo(before);
      request(s -> {
        assertThat(s.get("cart")).isEqualTo("apple");
        assertThat(s.principal()).contains("alice");
      });
    }
  }

  @Nested
  class Expiry {
    @Test
    void idleSessionsExpire() {
      request(s -> s.put("user", "alice"));
      clock.advance(Duration.ofHours(24));
      request(s -> {
        assertThat(s.isNew()).isTrue();
        assertThat(s.get("user")).isNull();
      });
    }

    @Test
    void usingASessionSlidesItsIdleTimeout() {
      request(s -> s.put("user", "alice"));
      for (int i = 0; i < 5; i++) {
        clock.advance(Duration.ofHours(20));
        request(s -> assertThat(s.get("user")).isEqualTo("alice"));
      }
    }

    @Test
    void theAbsoluteTimeoutEndsEvenBusySessions() {
      manager = SessionManager.builder().codec(codec).clock(clock).absoluteTimeout(Duration.ofHours(30)).build();
      request(s -> s.put("user", "alice"));
      clock.advance(Duration.ofHours(20));
      request(s -> assertThat(s.get("user")).isEqualTo("alice"));
      clock.advance(Duration.ofHours(11));
      request(s -> assertThat(s.get("user")).isNull());
    }

    @Test
    void permanentSessionsLiveForThePermanentLifetime() {
      request(s -> {
        s.put("user", "alice");
        s.setPermanent(true);
      });
      clock.advance(Duration.ofDays(20));
      request(s -> assertThat(s.get("user")).isEqualTo("alice"));
    }

    @Test
    void anUnchangedSessionIsReissuedAfterRefreshAfter() {
      request(s -> s.put("user", "alice"));
      clock.advance(Duration.ofSeconds(30));
      assertThat(request(s -> s.get("user")).setCookie()).isNull();
      clock.advance(Duration.ofSeconds(31));
      assertThat(request(s -> s.get("user")).setCookie()).startsWith("session=");
    }
  }

  @Nested
  class BadInput {
    @Test
    void garbageCookiesGiveAFreshSession() {
      for (String garbage : List.of("x", "1.0.!!!", "1.0.bm90IGpzb24", "\u0000\u00ff", "a.b.c.d")) {
        jar = "session=" + garbage;
        request(s -> assertThat(s.isNew()).isTrue());
      }
    }

    @Test
    void aGarbageCookieLeftEmptyIsDeleted() {
      jar = "session=garbage";
      TestExchange.Response res = request(s -> s.get("x"));
      assertThat(res.setCookie()).contains("Max-Age=0");
    }

    @Test
    void aCookieSignedWithAFallbackKeyIsReissued() {
      codec.keyIndexToReport = 1;
      request(s -> s.put("user", "alice"));
      codec.keyIndexToReport = 0;
      assertThat(request(s -> s.get("user")).setCookie()).startsWith("session=");
    }

    @Test
    void anOversizedSessionIsAClearErrorNotASilentlyDroppedCookie() {
      request(null);
      RequestSession rs = manager.open(new TestExchange.Request());
      rs.session().put("big", "x".repeat(5000));
      assertThatThrownBy(() -> rs.commit(new TestExchange.Response()))
          .isInstanceOf(SessionTooLargeException.class)
          .hasMessageContaining("4096")
          .hasMessageContaining("server-side store");
    }
  }

  @Test
  void commitTwiceWritesOnce() {
    RequestSession rs = manager.open(new TestExchange.Request());
    rs.session().put("a", 1);
    TestExchange.Response res = new TestExchange.Response();
    rs.commit(res);
    rs.commit(res);
    assertThat(res.all("Set-Cookie")).hasSize(1);
  }

  @Test
  void toMapHidesReservedKeys() {
    request(s -> {
      s.put("user", "alice");
      s.flash("hi");
      s.setPermanent(true);
      assertThat(s.toMap()).isEqualTo(Map.of("user", "alice"));
    });
  }

  record Point(int x, int y) {}
}
