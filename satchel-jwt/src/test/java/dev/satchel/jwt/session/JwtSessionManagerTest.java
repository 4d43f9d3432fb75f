package dev.satchel.jwt.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.http.SessionRequest;
import dev.satchel.http.SessionResponse;
import dev.satchel.jwt.JwtAlgorithm;
import dev.satchel.jwt.JwtKey;
import dev.satchel.jwt.JwtKeySet;
import dev.satchel.jwt.JwtResult;
import dev.satchel.jwt.JwtVerifier;
import dev.satchel.jwt.MutableClock;
import dev.satchel.session.RequestSession;
import dev.satchel.session.Session;
import dev.satchel.session.SessionManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The JWT codec inside Satchel's real cookie-session lifecycle, as a web integration drives it. */
class JwtSessionManagerTest {

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
  String jar;

  record Request(String cookie) implements SessionRequest {
    @Override
    public String method() {
      return "GET";
    }

    @Override
    public List<String> headers(String name) {
      return name.equalsIgnoreCase("Cookie") && cookie != null ? List.of(cookie) : List.of();
    }

    @Override
    public boolean isSecure() {
      return true;
    }

    @Override
    public String remoteAddress() {
      return "127.0.0.1";
    }
  }

  static final class Response implements SessionResponse {
    final List<String> setCookies = new ArrayList<>();

    @Override
    public void addHeader(String name, String value) {
      if (name.equalsIgnoreCase("Set-Cookie")) {
        setCookies.add(value);
      }
    }
  }

  SessionManager manager(JwtKeySet keys) {
    return SessionManager.builder().codec(JwtSessionCodec.builder(keys).maxAge(Duration.ofDays(31)).build())
        .clock(clock).build();
  }

  Response request(SessionManager manager, Consumer<Session> handler) {
    RequestSession rs = manager.open(new Request(jar));
    handler.accept(rs.session());
    Response res = new Response();
    rs.commit(res);
    for (String c : res.setCookies) {
      jar = c.contains("Max-Age=0") ? null : c.substring(0, c.indexOf(';'));
    }
    return res;
  }

  String cookieValue() {
    return jar.substring(jar.indexOf('=') + 1);
  }

  @Test
  void loginReadLogout() {
    JwtKeySet keys = JwtKeySet.of(JwtKey.generate(JwtAlgorithm.EDDSA, "ed-1"));
    SessionManager manager = manager(keys);

    request(manager, s -> {
      s.setPrincipal("alice");
      s.put("cart", List.of("book", "pen"));
    });
    assertThat(cookieValue().split("\\.")).hasSize(3);
    // Another service can read the login with the public keys alone, once it asks for a session token.
    JwtKeySet published = JwtKeySet.parseJwks(keys.toJwks());
    JwtResult elsewhere = JwtVerifier.builder(published).requireType(JwtSessionCodec.TOKEN_TYPE).build()
        .verify(cookieValue(), clock.instant());
    assertThat(elsewhere.validClaims().orElseThrow().asMap()).containsKey("sess");

    clock.advance(Duration.ofMinutes(5));
    request(manager, s -> {
      assertThat(s.principal()).contains("alice");
      assertThat(s.get("cart")).isEqualTo(List.of("book", "pen"));
    });

    Response out = request(manager, Session::invalidate);
    assertThat(out.setCookies).singleElement().asString().contains("Max-Age=0");
    assertThat(jar).isNull();
  }

  @Test
  void rotationReissuesTheCookieWithTheNewKey() {
    JwtKeySet v1 = JwtKeySet.of(JwtKey.generate(JwtAlgorithm.HS256, "v1"));
    request(manager(v1), s -> s.put("user", "bob"));
    String before = cookieValue();

    JwtKeySet v2 = v1.rotateTo(JwtKey.generate(JwtAlgorithm.ES256, "v2"));
    Response res = request(manager(v2), s -> assertThat(s.get("user")).isEqualTo("bob"));

    assertThat(res.setCookies).hasSize(1);
    assertThat(cookieValue()).isNotEqualTo(before);
    String header = new String(Base64.getUrlDecoder().decode(cookieValue().split("\\.")[0]));
    assertThat(header).contains("\"kid\":\"v2\"", "\"alg\":\"ES256\"");
  }

  @Test
  void logoutRevokesTheOldCookieSoACopyIsWorthless() {
    JwtKeySet keys = JwtKeySet.of(JwtKey.generate(JwtAlgorithm.HS256, "k1"));
    try (dev.satchel.store.memory.MemorySessionStore store = dev.satchel.store.memory.MemorySessionStore.create()) {
      SessionManager manager = SessionManager.builder().clock(clock)
          .codec(JwtSessionCodec.builder(keys).revocations(new dev.satchel.jwt.revocation.JtiDenylist(store)).build())
          .build();
      request(manager, s -> {
        s.setPrincipal("alice");
        s.put("user", "alice");
      });
      String stolen = jar;
      request(manager, Session::invalidate);
      jar = stolen;
      request(manager, s -> {
        assertThat(s.isNew()).as("a copy of the cookie taken before logout").isTrue();
        assertThat(s.get("user")).isNull();
      });
    }
  }

  @Test
  void withoutADenylistLogoutOnlyDeletesTheCookie() {
    JwtSessionCodec codec = JwtSessionCodec.builder(JwtKeySet.of(JwtKey.generate(JwtAlgorithm.HS256, "k1"))).build();
    assertThat(codec.canRevoke()).isFalse();
  }

  @Test
  void foreignCookieStartsAFreshSession() {
    request(manager(JwtKeySet.of(JwtKey.generate(JwtAlgorithm.HS256, "k"))), s -> s.put("user", "mallory"));
    request(manager(JwtKeySet.of(JwtKey.generate(JwtAlgorithm.HS256, "k"))), s -> {
      assertThat(s.isNew()).isTrue();
      assertThat(s.get("user")).isNull();
    });
  }
}
