package dev.satchel.demo;

import dev.satchel.cookie.Cookie;
import dev.satchel.javalin.SatchelJavalin;
import dev.satchel.javalin.SatchelPlugin;
import dev.satchel.keys.KeyRing;
import dev.satchel.keys.SecretKeyException;
import dev.satchel.session.Flash;
import dev.satchel.session.Session;
import dev.satchel.store.SessionInfo;
import dev.satchel.store.SessionStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Flask sessions-and-cookies tutorial, ported to Satchel: log in and out with a session, flash messages, a
 * profile page only for logged-in users, set/read/delete cookies, a last-visit cookie, and the user's sessions.
 */
public final class DemoApp {

  /** Cookies this demo sets besides the session: removed again at logout. */
  static final String LAST_VISIT = "last_visit";

  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private static final java.util.Set<String> FORM_PAGES =
      java.util.Set.of("login", "logout", "set_cookie", "delete_cookie", "sessions");

  /** Attribute names the reliability routes accept: never a reserved key (those start with '_'). */
  private static final java.util.regex.Pattern BENCH_KEY = java.util.regex.Pattern.compile("k[a-z0-9_]{1,40}");

  private final DemoSessions sessions;
  private final Templates templates = new Templates();

  private DemoApp(DemoSessions sessions) {
    this.sessions = sessions;
  }

  /** Starts the demo; see {@link DemoConfig#usage()}. */
  public static void main(String[] args) {
    DemoConfig config;
    try {
      config = DemoConfig.parse(args, System.getenv());
    } catch (DemoConfig.HelpRequested e) {
      System.out.print(DemoConfig.usage());
      return;
    } catch (IllegalArgumentException e) {
      System.err.println("satchel demo: " + e.getMessage());
      System.exit(2);
      return;
    }
    KeyRing keys;
    try {
      keys = demoKeys();
    } catch (SecretKeyException e) {
      System.err.println("satchel demo: " + e.getMessage());
      System.exit(3);
      return;
    }
    DemoSessions sessions;
    try {
      sessions = DemoSessions.create(config, keys);
    } catch (RuntimeException e) {
      System.err.println("satchel demo: cannot open the " + config.store() + " store: " + e.getMessage());
      System.exit(4);
      return;
    }
    Javalin app = create(sessions, config.benchRoutes()).start("127.0.0.1", config.port());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.stop();
      sessions.close();
    }));
    System.out.println();
    System.out.println("Satchel demo running at http://127.0.0.1:" + app.port() + "/  (sessions: "
        + sessions.description() + ")");
    System.out.println("Log in as alice / wonderland or bob / builder. Ctrl+C stops it.");
  }

  /**
   * The demo's key: SATCHEL_SECRET_KEY when set, otherwise a development key made once and shared by every demo
   * process through ~/.satchel, so restarts and several instances keep each other's sessions.
   */
  static KeyRing demoKeys() {
    Map<String, String> env = new HashMap<>(System.getenv());
    if (!env.containsKey("SATCHEL_SECRET_KEY") && !env.containsKey("SATCHEL_SECRET_KEY_FILE")) {
      env.putIfAbsent("SATCHEL_ENV", "development");
    }
    return KeyRing.fromEnvironment(env, Path.of(System.getProperty("user.home")));
  }

  /** The demo application on these sessions, not yet started. */
  static Javalin create(DemoSessions sessions) {
    return create(sessions, false);
  }

  /** The demo application, with the reliability suite's routes when {@code benchRoutes} is set. */
  static Javalin create(DemoSessions sessions, boolean benchRoutes) {
    DemoApp demo = new DemoApp(sessions);
    return Javalin.create(cfg -> {
      cfg.staticFiles.add(files -> {
        files.hostedPath = "/static";
        files.directory = "/static";
        files.location = Location.CLASSPATH;
      });
      cfg.registerPlugin(new SatchelPlugin(s -> s.manager = sessions.manager()));
      cfg.routes.get("/", demo::index);
      cfg.routes.get("/login", demo::loginForm);
      cfg.routes.post("/login", demo::login);
      cfg.routes.get("/logout", demo::logoutForm);
      cfg.routes.post("/logout", demo::logout);
      cfg.routes.get("/profile", demo::profile);
      cfg.routes.get("/set_cookie", demo::setCookieForm);
      cfg.routes.post("/set_cookie", demo::setCookie);
      cfg.routes.get("/read_cookie", demo::readCookie);
      cfg.routes.get("/get_cookie", demo::readCookie);
      cfg.routes.get("/delete_cookie", demo::deleteCookieForm);
      cfg.routes.post("/delete_cookie", demo::deleteCookie);
      cfg.routes.get("/sessions", demo::sessionsPage);
      cfg.routes.post("/sessions/revoke", demo::revokeOne);
      cfg.routes.post("/sessions/revoke-all", demo::revokeAll);
      cfg.routes.get("/visits", demo::visits);
      if (benchRoutes) {
        cfg.routes.post("/bench/put", demo::benchPut);
        cfg.routes.get("/bench/keys", demo::benchKeys);
      }
      cfg.routes.error(404, ctx -> demo.page(ctx, "message", Map.of("title", "Not found",
          "text", "There is no page at " + ctx.path() + ".")));
    });
  }

  // ---- pages ----

  private void index(Context ctx) {
    String lastVisit = SatchelJavalin.cookie(ctx, LAST_VISIT);
    Instant now = Instant.now();
    SatchelJavalin.setCookie(ctx, Cookie.builder(LAST_VISIT, String.valueOf(now.getEpochSecond()))
        .path("/").maxAge(java.time.Duration.ofDays(365)).httpOnly(true)
        .sameSite(dev.satchel.cookie.SameSite.LAX).build());
    Map<String, Object> model = new HashMap<>();
    model.put("lastVisit", shownTime(lastVisit).orElse(null));
    page(ctx, "index", model);
  }

  private void loginForm(Context ctx) {
    page(ctx, "login", Map.of("next", safeNext(ctx.queryParam("next"))));
  }

  private void login(Context ctx) {
    Optional<DemoUsers.User> user = DemoUsers.authenticate(ctx.formParam("username"), ctx.formParam("password"));
    String next = safeNext(ctx.formParam("next"));
    if (user.isEmpty()) {
      ctx.status(401);
      page(ctx, "login", Map.of("error", "Wrong user name or password.", "next", next,
          "username", Optional.ofNullable(ctx.formParam("username")).orElse("")));
      return;
    }
    Session session = SatchelJavalin.session(ctx);
    session.regenerate(); // a session id planted before login is worthless after it
    session.setPrincipal(user.get().name());
    session.put("user", user.get().name());
    session.put("display_name", user.get().displayName());
    session.setPermanent("on".equals(ctx.formParam("remember")));
    session.flash("success", "Logged in as " + user.get().displayName() + ".");
    ctx.redirect(next);
  }

  private void logoutForm(Context ctx) {
    page(ctx, "logout", Map.of());
  }

  private void logout(Context ctx) {
    Session session = SatchelJavalin.session(ctx);
    session.invalidate();
    SatchelJavalin.deleteCookie(ctx, LAST_VISIT);
    session.flash("success", "Successfully logged out");
    ctx.redirect("/");
  }

  private void profile(Context ctx) {
    Session session = SatchelJavalin.session(ctx);
    String user = session.get("user", String.class);
    if (user == null) {
      session.flash("error", "Please log in to see your profile.");
      ctx.redirect("/login?next=/profile");
      return;
    }
    Map<String, Object> model = new HashMap<>();
    model.put("createdAt", SHOWN.format(session.createdAt()));
    model.put("permanent", session.isPermanent());
    model.put("store", sessions.description());
    page(ctx, "profile", model);
  }

  private void setCookieForm(Context ctx) {
    page(ctx, "set_cookie", Map.of());
  }

  private void setCookie(Context ctx) {
    String name = Optional.ofNullable(ctx.formParam("name")).orElse("").trim();
    String value = Optional.ofNullable(ctx.formParam("value")).orElse("");
    String maxAge = Optional.ofNullable(ctx.formParam("max_age")).orElse("").trim();
    try {
      if (name.equals(sessions.manager().cookieSettings().name())) {
        throw new IllegalArgumentException("'" + name + "' is the session cookie; choose another name.");
      }
      Cookie.Builder cookie = Cookie.builder(name, value).path("/").sameSite(dev.satchel.cookie.SameSite.LAX);
      if (!maxAge.isEmpty()) {
        cookie.maxAge(Long.parseLong(maxAge));
      }
      SatchelJavalin.setCookie(ctx, cookie.build());
    } catch (NumberFormatException e) {
      ctx.status(400);
      page(ctx, "set_cookie", Map.of("error", "Max age must be a whole number of seconds, was '" + maxAge + "'.",
          "name", name, "value", value));
      return;
    } catch (IllegalArgumentException e) { // InvalidCookieException names the attribute and character
      ctx.status(400);
      page(ctx, "set_cookie", Map.of("error", e.getMessage(), "name", name, "value", value));
      return;
    }
    SatchelJavalin.session(ctx).flash("success", "Cookie '" + name + "' set.");
    ctx.redirect("/read_cookie?name=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8));
  }

  private void readCookie(Context ctx) {
    String name = ctx.queryParam("name");
    Map<String, Object> model = new HashMap<>();
    model.put("cookies", visibleCookies(ctx));
    if (name != null && !name.isEmpty()) {
      model.put("name", name);
      model.put("value", SatchelJavalin.cookie(ctx, name));
    }
    page(ctx, "read_cookie", model);
  }

  private void deleteCookieForm(Context ctx) {
    page(ctx, "delete_cookie", Map.of("cookies", visibleCookies(ctx)));
  }

  private void deleteCookie(Context ctx) {
    String name = Optional.ofNullable(ctx.formParam("name")).orElse("");
    if (name.isEmpty() || name.equals(sessions.manager().cookieSettings().name())) {
      ctx.status(400);
      page(ctx, "delete_cookie", Map.of("cookies", visibleCookies(ctx),
          "error", "Choose a cookie to delete (the session cookie is removed by logging out)."));
      return;
    }
    SatchelJavalin.deleteCookie(ctx, name);
    SatchelJavalin.session(ctx).flash("success", "Cookie '" + name + "' deleted.");
    ctx.redirect("/read_cookie");
  }

  private void sessionsPage(Context ctx) {
    Session session = SatchelJavalin.session(ctx);
    String user = session.get("user", String.class);
    if (user == null) {
      session.flash("error", "Please log in to see your sessions.");
      ctx.redirect("/login?next=/sessions");
      return;
    }
    Map<String, Object> model = new HashMap<>();
    model.put("serverSide", sessions.serverSide());
    if (sessions.serverSide()) {
      String current = session.storageKey().orElse("");
      List<Map<String, Object>> rows = new ArrayList<>();
      for (SessionInfo info : store().findByPrincipal(user, Instant.now())) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", info.storageKey());
        row.put("device", DeviceNames.describe(info.metadata().device()));
        row.put("created", SHOWN.format(info.metadata().createdAt()));
        row.put("lastSeen", SHOWN.format(info.metadata().lastAccessedAt()));
        row.put("current", info.storageKey().equals(current));
        rows.add(row);
      }
      model.put("sessions", rows);
    }
    page(ctx, "sessions", model);
  }

  private void revokeOne(Context ctx) {
    Session session = SatchelJavalin.session(ctx);
    String user = session.get("user", String.class);
    String key = ctx.formParam("key");
    if (user == null || key == null || !sessions.serverSide()) {
      ctx.redirect("/sessions");
      return;
    }
    // Only sessions of the logged-in user can be ended from here.
    boolean own = store().findByPrincipal(user, Instant.now()).stream().anyMatch(i -> i.storageKey().equals(key));
    if (own) {
      store().delete(key);
      if (key.equals(session.storageKey().orElse(""))) {
        session.invalidate();
      }
      session.flash("success", "That session was logged out.");
    }
    ctx.redirect(session.get("user") == null ? "/" : "/sessions");
  }

  private void revokeAll(Context ctx) {
    Session session = SatchelJavalin.session(ctx);
    String user = session.get("user", String.class);
    if (user != null && sessions.serverSide()) {
      int ended = sessions.manager().invalidateAll(user);
      session.invalidate();
      session.flash("success", "Logged out everywhere (" + ended + " session" + (ended == 1 ? "" : "s") + ").");
    }
    ctx.redirect("/");
  }

  /** Counts visits with an atomic compute: every concurrent request is counted (see docs/reliability.md). */
  private void visits(Context ctx) {
    int visits = SatchelJavalin.session(ctx).compute("visits", Integer.class, n -> n == null ? 1 : n + 1);
    ctx.contentType("text/plain").result(String.valueOf(visits));
  }

  /** Reliability suite only: stores one attribute (a POST, so the CSRF check applies as to any form). */
  private void benchPut(Context ctx) {
    String key = Optional.ofNullable(ctx.formParam("k")).orElse("");
    if (!BENCH_KEY.matcher(key).matches()) {
      ctx.status(400).result("k must match " + BENCH_KEY.pattern());
      return;
    }
    SatchelJavalin.session(ctx).put(key, Optional.ofNullable(ctx.formParam("v")).orElse(""));
    ctx.contentType("text/plain").result("ok");
  }

  /** Reliability suite only: the session's attribute names, one per line, to count lost writes. */
  private void benchKeys(Context ctx) {
    ctx.contentType("text/plain").result(String.join("\n", SatchelJavalin.session(ctx).keys()));
  }

  // ---- helpers ----

  private SessionStore store() {
    return sessions.manager().store().orElseThrow();
  }

  private void page(Context ctx, String template, Map<String, Object> extra) {
    Session session = SatchelJavalin.session(ctx);
    Map<String, Object> model = new HashMap<>(extra);
    model.put("user", session.get("user", String.class));
    model.put("displayName", session.get("display_name", String.class));
    List<Flash> flashes = session.consumeFlashes();
    model.put("flashes", flashes);
    model.put("csrfField", SatchelJavalin.csrfFieldName(ctx));
    // A token binds a secret to the session, so only pages with a form get one: a visitor who only reads pages
    // gets no session cookie. (A form page costs a server-side store nothing either: until login, the secret
    // rides in the session cookie.)
    if (model.get("user") != null || FORM_PAGES.contains(template)) {
      model.put("csrfToken", SatchelJavalin.csrfToken(ctx));
    }
    model.put("store", sessions.description());
    model.put("serverSide", extra.getOrDefault("serverSide", sessions.serverSide()));
    ctx.html(templates.render(template, model));
  }

  private List<Map<String, String>> visibleCookies(Context ctx) {
    List<Map<String, String>> cookies = new ArrayList<>();
    String sessionCookie = sessions.manager().cookieSettings().name();
    for (String name : SatchelJavalin.cookies(ctx).names()) {
      if (!name.equals(sessionCookie)) {
        cookies.add(Map.of("name", name, "value", SatchelJavalin.cookie(ctx, name)));
      }
    }
    return cookies;
  }

  private static Optional<String> shownTime(String epochSeconds) {
    if (epochSeconds == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(SHOWN.format(Instant.ofEpochSecond(Long.parseLong(epochSeconds))));
    } catch (NumberFormatException | java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  /** Only same-site paths: an open redirect after login is a phishing tool. */
  private static String safeNext(String next) {
    if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")) {
      return "/";
    }
    return next;
  }
}
