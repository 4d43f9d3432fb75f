package dev.satchel.csrf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.http.SessionRequest;
import dev.satchel.http.SessionResponse;
import dev.satchel.keys.KeyRing;
import dev.satchel.session.RequestSession;
import dev.satchel.session.Session;
import dev.satchel.session.SessionManager;
import dev.satchel.store.memory.MemorySessionStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * CSRF through the public API with a server-side store, the way an integration drives it: an anonymous visitor who
 * opens a form must cost the store nothing, and the form must still post.
 */
class CsrfWithServerSideSessionsTest {

  final MemorySessionStore store = MemorySessionStore.create();
  final SessionManager sessions = SessionManager.builder().store(store).keys(KeyRing.generate()).build();
  final CsrfProtection csrf = CsrfProtection.defaults();

  @AfterEach
  void close() {
    store.close();
  }

  /** One browser: the session cookie it keeps between requests. */
  final class Browser {
    String cookie;

    <T> T send(String method, Function<RequestSession, T> handler) {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Host", "app.example");
      if (cookie != null) {
        headers.put("Cookie", cookie);
      }
      SessionRequest request = CsrfProtectionTest.request(method, headers);
      RequestSession rs = sessions.open(request);
      T result = handler.apply(rs);
      List<String> setCookies = new ArrayList<>();
      rs.commit((SessionResponse) (name, value) -> {
        if (name.equalsIgnoreCase("Set-Cookie")) {
          setCookies.add(value);
        }
      });
      for (String set : setCookies) {
        cookie = set.contains("Max-Age=0") ? null : set.substring(0, set.indexOf(';'));
      }
      return result;
    }

    /** GET a page that renders a form: its masked token. */
    String form() {
      return send("GET", rs -> csrf.token(rs.session()));
    }

    /** POST {@code token}; the handler runs only if CSRF allowed it (as the filter and plugin do). */
    CsrfResult post(String token, java.util.function.Consumer<Session> handler) {
      return send("POST", rs -> {
        CsrfResult result = csrf.verify(request(), rs.session(), token);
        if (result.allowed()) {
          handler.accept(rs.session());
        }
        return result;
      });
    }

    private SessionRequest request() {
      return CsrfProtectionTest.request("POST", Map.of("Host", "app.example"));
    }
  }

  long stored() {
    return store.count(Instant.now());
  }

  static void logIn(Session session, String user) {
    session.regenerate();
    session.put("user", user);
    session.setPrincipal(user);
  }

  @Test
  void aFormPageLeavesTheStoreEmptyAndItsLoginPostSucceeds() {
    Browser visitor = new Browser();
    String token = visitor.form();
    assertThat(stored()).as("sessions stored after GET /login").isZero();
    assertThat(visitor.cookie).as("the browser keeps the CSRF secret").startsWith("session=");

    CsrfResult login = visitor.post(token, s -> logIn(s, "alice"));
    assertThat(login.allowed()).as(login.reason()).isTrue();
    assertThat(stored()).as("the login stored the session").isEqualTo(1);
    Object user = visitor.send("GET", rs -> rs.session().get("user"));
    assertThat(user).isEqualTo("alice");
  }

  @Test
  void botsOpeningFormsNeverGrowTheStore() {
    for (int i = 0; i < 200; i++) {
      Browser bot = new Browser();
      bot.form();
      bot.form();
      assertThat(bot.post(bot.form(), s -> { }).allowed()).isTrue();
    }
    assertThat(stored()).isZero();
  }

  @Test
  void theSecretRotatesAtLogin() {
    Browser visitor = new Browser();
    String anonymousToken = visitor.form();
    assertThat(visitor.post(anonymousToken, s -> logIn(s, "alice")).allowed()).isTrue();

    CsrfResult replay = visitor.post(anonymousToken, s -> s.put("transferred", true));
    assertThat(replay.allowed()).as("a pre-login token after the login").isFalse();
    assertThat(replay.reason()).startsWith("CSRF token does not match");
    assertThat(visitor.post(visitor.form(), s -> s.put("transferred", true)).allowed()).isTrue();
  }

  @Test
  void forgedAndForeignTokensAreRefusedWithTheUsualMessages() {
    Browser victim = new Browser();
    victim.form();
    Browser attacker = new Browser();
    String attackersToken = attacker.form();

    assertThat(victim.post(attackersToken, s -> s.put("x", 1)).reason())
        .isEqualTo("CSRF token does not match this session. Reload the page and try again.");
    assertThat(victim.post("A".repeat(86), s -> s.put("x", 1)).reason())
        .isEqualTo("CSRF token does not match this session. Reload the page and try again.");
    assertThat(victim.post(null, s -> s.put("x", 1)).reason()).startsWith("CSRF token missing");
    assertThat(new Browser().post(attackersToken, s -> s.put("x", 1)).reason())
        .as("a browser with no session at all")
        .startsWith("CSRF token does not match: the session expired or was never started.");
    assertThat(stored()).isZero();
  }

  @Test
  void tokensAreMaskedPerResponseAndAllOfThemVerify() {
    Browser visitor = new Browser();
    String first = visitor.form();
    String second = visitor.form();
    assertThat(second).isNotEqualTo(first);
    assertThat(visitor.post(first, s -> { }).allowed()).isTrue();
    assertThat(visitor.post(second, s -> { }).allowed()).isTrue();
  }
}
