package dev.satchel.servlet.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The web-integration scenario (issue 8): login, read, flash, CSRF-protected POST, logout, fixation, parallel
 * requests, and the rule that the session is written before the response is committed. Every server and framework
 * runs this same class over real HTTP against {@link ScenarioServlets}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SessionScenarioContract {

  /** Where the scenario application listens. */
  protected abstract URI baseUri();

  /** The server-side store the application uses, or null for cookie sessions. */
  protected abstract FlakyStore store();

  protected Browser browser() {
    return new Browser(baseUri());
  }

  private boolean storeMode() {
    return store() != null;
  }

  private static Browser.Response login(Browser b, String user) {
    String token = b.get("/form").body();
    Browser.Response r = b.post("/login", Map.of("user", user, "csrf_token", token));
    assertThat(r.status()).as("login answers with a redirect").isEqualTo(302);
    return r;
  }

  @Test
  void loginReadFlashLogout() {
    Browser b = browser();
    Browser.Response form = b.get("/form");
    assertThat(form.status()).isEqualTo(200);
    assertThat(form.body()).matches("[A-Za-z0-9_-]{86}");
    String cookie = form.setCookie("session");
    assertThat(cookie).as("the browser keeps the CSRF secret (the store keeps nothing yet)").isNotNull();
    assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/");
    assertThat(form.header("Vary")).containsIgnoringCase("Cookie");

    Browser.Response login = b.post("/login", Map.of("user", "alice", "csrf_token", form.body()));
    assertThat(login.status()).isEqualTo(302);
    assertThat(login.header("Location")).endsWith("/me");
    assertThat(login.setCookie("session")).as("the login cookie rides on the redirect").isNotNull();

    assertThat(b.get("/me").body()).isEqualTo("user=alice flashes=Welcome alice");
    assertThat(b.get("/me").body()).as("a flash is shown once").isEqualTo("user=alice flashes=");

    String token = b.get("/form").body();
    Browser.Response logout = b.post("/logout", Map.of("csrf_token", token));
    assertThat(logout.status()).isEqualTo(302);
    assertThat(logout.setCookie("session")).isNotNull();
    assertThat(b.get("/me").body()).isEqualTo("user=- flashes=Successfully logged out");
  }

  @Test
  void aFormPageStoresNothingAndItsTokenStillLogsIn() {
    assumeTrue(storeMode(), "Needs a server-side store: cookie sessions store nothing anyway.");
    long before = store().count(Instant.now());
    Browser b = browser();
    Browser.Response form = b.get("/form");
    assertThat(form.setCookie("session")).isNotNull();
    b.get("/form");
    assertThat(store().count(Instant.now())).as("sessions stored by two GETs of a form").isEqualTo(before);

    Browser.Response login = b.post("/login", Map.of("user", "frank", "csrf_token", form.body()));
    assertThat(login.status()).as(login.body()).isEqualTo(302);
    assertThat(store().count(Instant.now())).as("the login stored one session").isEqualTo(before + 1);
    assertThat(b.get("/me").body()).isEqualTo("user=frank flashes=Welcome frank");
    assertThat(b.post("/transfer", Map.of("amount", "1", "csrf_token", form.body())).status())
        .as("the anonymous token after login: the secret rotated").isEqualTo(403);
  }

  @Test
  void csrfProtectedPostNeedsAToken() {
    Browser b = browser();
    String token = b.get("/form").body();

    Browser.Response missing = b.post("/transfer", Map.of("amount", "10"));
    assertThat(missing.status()).isEqualTo(403);
    assertThat(missing.header("Content-Type")).startsWith("text/plain");
    assertThat(missing.body()).contains("CSRF token missing").doesNotContain("Exception");

    Browser other = browser();
    String othersToken = other.get("/form").body();
    assertThat(b.post("/transfer", Map.of("amount", "10", "csrf_token", othersToken)).body())
        .contains("does not match");
    assertThat(b.post("/transfer", Map.of("amount", "10", "csrf_token", "garbage")).status()).isEqualTo(403);

    Browser.Response ok = b.post("/transfer", Map.of("amount", "10", "csrf_token", token));
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("transferred 10");

    String second = b.get("/form").body();
    assertThat(second).as("tokens are masked afresh per response (BREACH)").isNotEqualTo(token);
    assertThat(b.post("/transfer", Map.of("amount", "11"), "X-CSRF-Token", second).body())
        .isEqualTo("transferred 11");
    assertThat(b.post("/transfer", Map.of("amount", "12", "csrf_token", token)).status())
        .as("an older token of the same session still works (several tabs)").isEqualTo(200);

    Browser.Response crossOrigin = b.post("/transfer", Map.of("amount", "13", "csrf_token", token),
        "Origin", "https://evil.example");
    assertThat(crossOrigin.status()).isEqualTo(403);
    assertThat(crossOrigin.body()).contains("another origin");
    assertThat(b.post("/transfer", Map.of("amount", "14", "csrf_token", token), "Sec-Fetch-Site", "cross-site")
        .status()).isEqualTo(403);
  }

  @Test
  void aCookieSessionTooLargeForBrowsersIsAPlain500() {
    Browser b = browser();
    Browser.Response r = b.get("/too-large");
    if (storeMode()) {
      assertThat(r.status()).as("a store keeps large sessions; only the id is in the cookie").isEqualTo(200);
      assertThat(r.setCookie("session")).hasSizeLessThan(200);
      return;
    }
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.header("Content-Type")).startsWith("text/plain");
    assertThat(r.body()).contains("session grew too large").doesNotContain("Exception").doesNotContain("stored");
    assertThat(r.setCookie("session")).isNull();
  }

  @Test
  void exemptPathsTakeUnsafeRequestsWithoutAToken() {
    Browser b = browser();
    Browser.Response api = b.post("/api/echo", Map.of());
    assertThat(api.status()).isEqualTo(200);
    assertThat(api.body()).isEqualTo("api ok");
    assertThat(b.post("/transfer", Map.of()).status()).as("other paths stay protected").isEqualTo(403);
    Browser.Response traversal = b.post("/api/%2e%2e/transfer", Map.of("amount", "1"));
    assertThat(traversal.status()).as("the exemption is matched on the normalized path").isNotEqualTo(200);
    assertThat(traversal.body()).doesNotContain("transferred");
  }

  @Test
  void loginChangesTheCookieAndThePlantedOneStaysAnonymous() {
    Browser attacker = browser();
    attacker.get("/form");
    String planted = attacker.cookie("session");
    assertThat(planted).isNotNull();

    Browser victim = browser();
    victim.setCookie("session", planted);
    Browser.Response login = login(victim, "victim");
    String issued = victim.cookie("session");
    assertThat(login.setCookie("session")).isNotNull();
    assertThat(issued).as("login issues a new session cookie").isNotEqualTo(planted);

    assertThat(victim.get("/me").body()).startsWith("user=victim");
    assertThat(attacker.get("/me").body()).as("the planted cookie never becomes the victim's login")
        .startsWith("user=-");
  }

  @Test
  void afterLoginTheOldIdIsDeadAndAfterLogoutTheLoginCookieIsDead() {
    assumeTrue(storeMode(), "Needs a server-side store: a cookie session cannot be revoked before it expires.");
    Browser b = browser();
    b.get("/form");
    String anonymous = b.cookie("session");
    login(b, "bob");
    String loggedIn = b.cookie("session");
    assertThat(b.get("/me").body()).startsWith("user=bob");

    Browser replay = browser();
    replay.setCookie("session", anonymous);
    assertThat(replay.get("/dump").body()).as("the pre-login cookie names no session").isEqualTo("{}");
    assertThat(replay.post("/transfer", Map.of("amount", "1", "csrf_token", b.get("/form").body())).status())
        .as("nor does it share the logged-in session's CSRF secret").isEqualTo(403);

    b.post("/logout", Map.of("csrf_token", b.get("/form").body()));
    Browser thief = browser();
    thief.setCookie("session", loggedIn);
    assertThat(thief.get("/me").body()).as("logout deleted the session the stolen cookie named")
        .startsWith("user=-");
  }

  @Test
  void parallelRequestsOfOneVisitor() throws Exception {
    Browser b = browser();
    login(b, "carol");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Browser.Response>> reads = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        reads.add(pool.submit(() -> b.get("/read")));
      }
      for (Future<Browser.Response> read : reads) {
        Browser.Response r = read.get();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("carol");
      }
      if (storeMode()) {
        List<Future<Browser.Response>> counts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
          counts.add(pool.submit(() -> b.get("/count")));
        }
        for (Future<Browser.Response> count : counts) {
          assertThat(count.get().status()).isEqualTo(200);
        }
        assertThat(b.get("/count").body()).as("compute() is atomic in the store: no increment lost")
            .isEqualTo("31");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(b.get("/me").body()).startsWith("user=carol");
  }

  @Test
  void aBigBodyWrittenAfterTheSessionStillCarriesTheCookie() {
    Browser b = browser();
    Browser.Response r = b.get("/big");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().length()).isGreaterThanOrEqualTo(ScenarioServlets.BIG_BODY);
    assertThat(r.setCookie("session")).isNotNull();
    assertThat(b.get("/dump").body()).contains("\"big\":\"writer\"");

    Browser s = browser();
    Browser.Response stream = s.get("/big-stream");
    assertThat(stream.body()).hasSize(ScenarioServlets.BIG_BODY);
    assertThat(stream.setCookie("session")).isNotNull();
    assertThat(s.get("/dump").body()).contains("\"big\":\"stream\"");

    Browser m = browser();
    Browser.Response medium = m.get("/medium-stream");
    assertThat(medium.status()).isEqualTo(200);
    assertThat(medium.setCookie("session")).as("one write of half the buffer").isNotNull();
    assertThat(m.get("/dump").body()).contains("\"medium\":true");
  }

  @Test
  void redirectAndErrorCarryTheCookie() {
    Browser b = browser();
    Browser.Response redirect = b.get("/redirect");
    assertThat(redirect.status()).isEqualTo(302);
    assertThat(redirect.setCookie("session")).isNotNull();
    assertThat(b.get("/dump").body()).contains("\"redirected\":true");

    Browser e = browser();
    Browser.Response error = e.get("/send-error");
    assertThat(error.status()).isEqualTo(409);
    assertThat(error.setCookie("session")).isNotNull();
    assertThat(e.get("/dump").body()).contains("\"errored\":true");
  }

  @Test
  void changesAfterTheResponseIsCommittedAreNotSavedButEarlierOnesAre() {
    Browser b = browser();
    Browser.Response length = b.get("/length");
    assertThat(length.body()).isEqualTo("hello");
    assertThat(length.setCookie("session")).as("written before the declared length was reached").isNotNull();
    assertThat(b.get("/dump").body()).contains("\"length\":true").doesNotContain("afterLength");

    Browser u = browser();
    Browser.Response utf8 = u.get("/length-utf8");
    assertThat(utf8.body()).isEqualTo("h\u00e9llo \u20ac");
    assertThat(utf8.setCookie("session")).as("bytes, not chars, are counted against Content-Length").isNotNull();
    assertThat(u.get("/dump").body()).contains("\"utf8\":true").doesNotContain("afterUtf8");

    Browser f = browser();
    Browser.Response flushed = f.get("/flush-then-set");
    assertThat(flushed.body()).isEqualTo("flushed");
    assertThat(flushed.setCookie("session")).isNotNull();
    assertThat(f.get("/dump").body()).contains("\"beforeFlush\":true").doesNotContain("afterFlush");
  }

  @Test
  void asyncRequestsCommitWhenTheyComplete() {
    Browser b = browser();
    Browser.Response r = b.get("/async");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("async ok");
    assertThat(r.setCookie("session")).isNotNull();
    assertThat(b.get("/dump").body()).contains("\"async\":\"done\"");

    Browser t = browser();
    Browser.Response timedOut = t.get("/async-timeout");
    assertThat(timedOut.status()).as("the container's answer to a timeout").isGreaterThanOrEqualTo(500);
    assertThat(timedOut.setCookie("session")).as("written before the container's error response").isNotNull();
    assertThat(t.get("/dump").body()).contains("\"timedOut\":true");

    Browser d = browser();
    Browser.Response dispatched = d.get("/async-dispatch");
    assertThat(dispatched.status()).isEqualTo(200);
    assertThat(dispatched.body()).as("the dispatched servlet sees the session").contains("\"dispatched\":true");
    assertThat(dispatched.setCookie("session")).isNotNull();
    assertThat(d.get("/dump").body()).contains("\"dispatched\":true");
  }

  @Test
  void aBadCookieGivesAFreshSessionNeverAnError() {
    List<String> bad = new ArrayList<>(List.of("garbage!!", "a.b.c", "", "%00%ff", "x".repeat(3500)));
    Browser victim = browser();
    login(victim, "dave");
    String good = victim.cookie("session");
    bad.add(good.substring(0, good.length() - 2) + (good.endsWith("AA") ? "BB" : "AA"));
    bad.add(good.substring(1));
    for (String value : bad) {
      Browser b = browser();
      b.setCookie("session", value);
      Browser.Response r = b.get("/me");
      assertThat(r.status()).as("cookie %s", value).isEqualTo(200);
      assertThat(r.body()).startsWith("user=-");
      Browser.Response form = b.get("/form");
      assertThat(form.status()).isEqualTo(200);
      assertThat(b.cookie("session")).as("a fresh session replaces the bad cookie").isNotEqualTo(value);
    }
  }

  @Test
  void httpSessionViewWorksForPlainServletCode() {
    Browser b = browser();
    Browser.Response none = b.get("/http-session?op=get");
    assertThat(none.body()).isEqualTo("none");
    assertThat(none.setCookie("session")).as("getSession(false) creates nothing").isNull();
    assertThat(b.get("/http-session?op=set&v=red").body()).isEqualTo("new=true");
    b.get("/form"); // gives the session a CSRF secret, which the view must not show
    assertThat(b.get("/http-session?op=get").body()).isEqualTo("color=red max=86400 new=false names=[color]");

    String before = b.cookie("session");
    Browser.Response change = b.get("/http-session?op=change");
    assertThat(change.body()).isEqualTo("changed=true idNow=true");
    assertThat(change.setCookie("session")).as("changeSessionId() re-issues the cookie").isNotNull();
    if (storeMode()) {
      assertThat(b.cookie("session")).as("under a new id").isNotEqualTo(before);
      Browser old = browser();
      old.setCookie("session", before);
      assertThat(old.get("/http-session?op=get").body()).as("the old id is dead").isEqualTo("none");
    }
    assertThat(b.get("/http-session?op=get").body()).startsWith("color=red");

    assertThat(b.get("/http-session?op=remove").body()).isEqualTo("removed");
    // The last attribute is gone (changeSessionId() also rotated the CSRF secret away): an empty session keeps
    // no cookie and no row, so there is no session to get.
    assertThat(b.get("/http-session?op=get").body()).isEqualTo("none");
    b.get("/http-session?op=set&v=blue");
    assertThat(b.get("/http-session?op=invalidate").body()).isEqualTo("after=none staleThrows=true");
    assertThat(b.get("/http-session?op=get").body()).isEqualTo("none");
  }

  @Test
  void aStoreOutageIsAPlain503() {
    assumeTrue(storeMode(), "Needs a server-side store: cookie sessions have nothing to be down.");
    Browser b = browser();
    login(b, "grace");
    Browser newcomer = browser();
    Browser anonymous = browser();
    String anonymousToken = anonymous.get("/form").body();
    store().down(true);
    try {
      Browser.Response r = b.get("/me");
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.header("Content-Type")).startsWith("text/plain");
      assertThat(r.header("Retry-After")).isEqualTo("5");
      assertThat(r.body()).contains("session store cannot be reached")
          .doesNotContain("Exception").doesNotContain("at dev.satchel").doesNotContain("10.0.0.99");

      Browser.Response saving = newcomer.get("/http-session?op=set&v=red");
      assertThat(saving.status()).as("a save that fails at the end of the request").isEqualTo(503);
      assertThat(saving.body()).contains("session store cannot be reached");
      assertThat(saving.setCookie("session")).isNull();

      assertThat(newcomer.get("/form").status()).as("a form for a visitor with nothing stored").isEqualTo(200);
      assertThat(anonymous.post("/transfer", Map.of("amount", "2", "csrf_token", anonymousToken)).body())
          .as("an anonymous form posts without the store").isEqualTo("transferred 2");

      assertThat(browser().get("/api/echo").status()).as("no session use, no store use")
          .isEqualTo(405);
    } finally {
      store().down(false);
    }
    assertThat(b.get("/me").status()).as("recovers by itself").isEqualTo(200);
  }
}
