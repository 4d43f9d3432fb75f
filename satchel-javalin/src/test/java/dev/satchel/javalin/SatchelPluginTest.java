package dev.satchel.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.cookie.Cookie;
import dev.satchel.keys.KeyRing;
import dev.satchel.session.Flash;
import dev.satchel.session.Session;
import dev.satchel.session.SessionManager;
import dev.satchel.store.memory.MemorySessionStore;
import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The integration scenario over real HTTP against Javalin, with server-side sessions in the memory store. */
class SatchelPluginTest {

  MemorySessionStore store;
  Javalin app;
  String base;

  @BeforeEach
  void start() {
    store = MemorySessionStore.create();
    SessionManager manager = SessionManager.builder().store(store).keys(KeyRing.generate()).build();
    app = Javalin.create(cfg -> {
      cfg.registerPlugin(new SatchelPlugin(s -> {
        s.manager = manager;
        s.csrfExemptPrefixes.add("/api/");
      }));
      cfg.routes.get("/", ctx -> {
        Session session = SatchelJavalin.session(ctx);
        String flashes = session.consumeFlashes().stream().map(Flash::message).collect(Collectors.joining("|"));
        ctx.result("user=" + session.get("user") + " flashes=" + flashes);
      });
      cfg.routes.get("/form", ctx -> ctx.result(SatchelJavalin.csrfToken(ctx)));
      cfg.routes.post("/login", ctx -> {
        Session session = SatchelJavalin.session(ctx);
        session.regenerate();
        session.setPrincipal(ctx.formParam("user"));
        session.put("user", ctx.formParam("user"));
        session.flash("Welcome");
        ctx.redirect("/");
      });
      cfg.routes.post("/logout", ctx -> {
        Session session = SatchelJavalin.session(ctx);
        session.invalidate();
        session.flash("Successfully logged out");
        ctx.redirect("/");
      });
      cfg.routes.get("/count", ctx -> ctx.result(String.valueOf(
          SatchelJavalin.session(ctx).compute("n", Integer.class, n -> n == null ? 1 : n + 1))));
      cfg.routes.get("/boom", ctx -> {
        SatchelJavalin.session(ctx).put("before-boom", true);
        throw new IllegalStateException("boom");
      });
      cfg.routes.get("/async", ctx -> ctx.future(() -> CompletableFuture.supplyAsync(() -> {
        SatchelJavalin.session(ctx).put("async", "yes");
        return "done";
      }).thenAccept(ctx::result)));
      cfg.routes.get("/set-cookie", ctx -> {
        SatchelJavalin.setCookie(ctx, Cookie.builder("theme", "dark").path("/").maxAge(3600).build());
        ctx.result("set");
      });
      cfg.routes.get("/read-cookie", ctx -> ctx.result("theme=" + SatchelJavalin.cookie(ctx, "theme")));
      cfg.routes.get("/delete-cookie", ctx -> {
        SatchelJavalin.deleteCookie(ctx, "theme");
        ctx.result("deleted");
      });
      cfg.routes.post("/api/echo", ctx -> ctx.result("api ok"));
      cfg.routes.get("/plain", ctx -> ctx.result("no session"));
    }).start(0);
    base = "http://127.0.0.1:" + app.port();
  }

  @AfterEach
  void stop() {
    app.stop();
    store.close();
  }

  String login(TestBrowser browser, String user) {
    String token = browser.get("/form").body();
    HttpResponse<String> res = browser.post("/login", Map.of("user", user, "csrf_token", token));
    assertThat(res.statusCode()).isEqualTo(302);
    return res.headers().firstValue("Set-Cookie").orElseThrow();
  }

  @Test
  void loginReadFlashLogout() {
    TestBrowser browser = new TestBrowser(base);
    login(browser, "alice");
    assertThat(browser.get("/").body()).isEqualTo("user=alice flashes=Welcome");
    assertThat(browser.get("/").body()).isEqualTo("user=alice flashes=");

    String token = browser.get("/form").body();
    assertThat(browser.post("/logout", Map.of("csrf_token", token)).statusCode()).isEqualTo(302);
    assertThat(browser.get("/").body()).isEqualTo("user=null flashes=Successfully logged out");
    assertThat(store.findByPrincipal("alice", java.time.Instant.now())).isEmpty();
  }

  @Test
  void aFormPageStoresNothingAndItsTokenStillLogsIn() {
    TestBrowser browser = new TestBrowser(base);
    String token = browser.get("/form").body();
    assertThat(browser.jar).containsKey("session");
    assertThat(store.count(java.time.Instant.now())).as("sessions stored after GET /form").isZero();
    HttpResponse<String> login = browser.post("/login", Map.of("user", "alice", "csrf_token", token));
    assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
    assertThat(store.count(java.time.Instant.now())).isEqualTo(1);
    assertThat(browser.get("/").body()).isEqualTo("user=alice flashes=Welcome");
  }

  @Test
  void theRedirectCarriesTheSessionCookie() {
    TestBrowser browser = new TestBrowser(base);
    String setCookie = login(browser, "alice");
    assertThat(setCookie).startsWith("session=").contains("HttpOnly").contains("SameSite=Lax");
  }

  @Test
  void fixationAPlantedIdIsWorthlessAfterLogin() {
    TestBrowser victim = new TestBrowser(base);
    victim.get("/form"); // a cookie holding the CSRF secret (nothing stored yet)
    String planted = victim.jar.get("session");
    assertThat(planted).isNotNull();
    login(victim, "alice");
    assertThat(victim.jar.get("session")).isNotEqualTo(planted);

    TestBrowser attacker = new TestBrowser(base);
    attacker.jar.put("session", planted);
    assertThat(attacker.get("/").body()).isEqualTo("user=null flashes=");
  }

  @Test
  void unsafeRequestsWithoutAValidTokenAre403WithAReason() {
    TestBrowser browser = new TestBrowser(base);
    HttpResponse<String> missing = browser.post("/login", Map.of("user", "mallory"));
    assertThat(missing.statusCode()).isEqualTo(403);
    assertThat(missing.body()).contains("CSRF token missing");

    TestBrowser other = new TestBrowser(base);
    String stolen = other.get("/form").body();
    browser.get("/form");
    HttpResponse<String> wrong = browser.post("/login", Map.of("user", "mallory", "csrf_token", stolen));
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(wrong.body()).contains("does not match");
    assertThat(browser.get("/").body()).isEqualTo("user=null flashes=");
  }

  @Test
  void exemptPathsSkipCsrf() {
    assertThat(new TestBrowser(base).post("/api/echo", Map.of()).body()).isEqualTo("api ok");
  }

  @Test
  void concurrentComputeKeepsEveryIncrement() throws Exception {
    TestBrowser browser = new TestBrowser(base);
    browser.get("/count");
    int threads = 16;
    int perThread = 10;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> {
        TestBrowser tab = new TestBrowser(base);
        tab.jar.putAll(browser.jar);
        for (int i = 0; i < perThread; i++) {
          assertThat(tab.get("/count").statusCode()).isEqualTo(200);
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    assertThat(browser.get("/count").body()).isEqualTo(String.valueOf(threads * perThread + 2));
  }

  @Test
  void anExceptionInTheHandlerStillSavesTheSession() {
    TestBrowser browser = new TestBrowser(base);
    assertThat(browser.get("/boom").statusCode()).isEqualTo(500);
    assertThat(browser.jar).containsKey("session");
  }

  @Test
  void asyncHandlersCommitAfterTheFutureCompletes() {
    TestBrowser browser = new TestBrowser(base);
    HttpResponse<String> res = browser.get("/async");
    assertThat(res.body()).isEqualTo("done");
    assertThat(browser.jar).containsKey("session");
    assertThat(store.count(java.time.Instant.now())).isEqualTo(1);
  }

  @Test
  void requestsThatNeverTouchTheSessionGetNoSessionHeaders() {
    HttpResponse<String> res = new TestBrowser(base).get("/plain");
    assertThat(res.headers().allValues("Set-Cookie")).isEmpty();
    assertThat(res.headers().allValues("Vary")).isEmpty();
  }

  @Test
  void cookieHelpersSetReadAndDelete() {
    TestBrowser browser = new TestBrowser(base);
    HttpResponse<String> set = browser.get("/set-cookie");
    assertThat(set.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("theme=dark").contains("Max-Age=3600");
    assertThat(browser.get("/read-cookie").body()).isEqualTo("theme=dark");
    HttpResponse<String> deleted = browser.get("/delete-cookie");
    assertThat(deleted.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
    assertThat(browser.get("/read-cookie").body()).isEqualTo("theme=null");
  }

  @Test
  void garbageCookiesGiveAFreshSessionNever500() {
    for (String garbage : List.of("x", "A".repeat(43), "%00%ff", "\"quoted\"", "a".repeat(4000))) {
      TestBrowser browser = new TestBrowser(base);
      browser.jar.put("session", garbage);
      HttpResponse<String> res = browser.get("/");
      assertThat(res.statusCode()).as(garbage).isEqualTo(200);
      assertThat(res.body()).isEqualTo("user=null flashes=");
    }
  }
}
