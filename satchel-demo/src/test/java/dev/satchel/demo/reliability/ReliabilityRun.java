package dev.satchel.demo.reliability;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The reliability suite's Java driver: runs the scenarios of a mode against real demo processes and writes the
 * Markdown that {@code reliability/run} puts into docs/reliability.md.
 *
 * <p>Modes: {@code ci} (concurrency on Redis, attacks, bots: what ReliabilityIT runs), {@code quick} (everything,
 * small), {@code full} (everything, larger), {@code peers} (only the peer comparison, quick-sized: for checking it
 * alone). The peer comparison is never in {@code ci}: it needs the peers built, with npm, Spring Boot and gunicorn,
 * which a CI machine may lack.
 */
public final class ReliabilityRun {

  private final String mode;
  private final boolean full;
  private final byte[] key = new byte[32];
  private final String secret;
  final Report report = new Report();

  ReliabilityRun(String mode) {
    this.mode = mode;
    this.full = mode.equals("full");
    new SecureRandom().nextBytes(key);
    this.secret = "base64:" + Base64.getEncoder().encodeToString(key);
  }

  /** Runs the mode named by the first argument and writes the Markdown to the second. */
  public static void main(String[] args) throws Exception {
    ReliabilityRun run = new ReliabilityRun(args.length > 0 ? args[0] : "quick");
    run.runAll();
    run.report.write(Path.of(args.length > 1 ? args[1] : "target/reliability/scenarios.md"));
    System.exit(run.report.missed().isEmpty() ? 0 : 1);
  }

  /** A scenario step that may fail as a whole (a server not starting on a loaded machine, say). */
  interface Step {
    void run() throws Exception;
  }

  /** Runs a step; if it throws, the report says so as a missed want and the other steps still run. */
  void step(String name, Step step) {
    try {
      step.run();
    } catch (Exception | AssertionError e) {
      report.want(name + " ran to the end", false, "aborted: " + e);
      report.line("\n" + name + ": **aborted** (" + e.toString().replace('\n', ' ') + ")\n");
    }
  }

  void runAll() throws Exception {
    if (mode.equals("peers")) {
      report.section("Concurrency: 16 clients, one session, against the peers");
      new PeerScenario(report, secret).run(16, 25);
      return;
    }
    boolean ci = mode.equals("ci");
    boolean redisUp = PrivateRedis.reachable(6379);
    boolean postgresUp = PrivateRedis.reachable(5432);
    boolean privateRedis = PrivateRedis.available();
    int clients = 16;
    int perClient = full ? 200 : ci ? 10 : 25;

    report.section("Concurrency: 16 clients, one session, two demo processes");
    report.line("Each client calls `/visits` (an atomic `session.compute`) " + perClient + " times, alternating "
        + "between two demo processes sharing the store; then each writes distinct attributes with CSRF-protected "
        + "POSTs to `/bench/put` (a route only present with `--bench-routes`).\n");
    report.line("| store | clients | requests | 200 | 503 | other | increments counted | counted / 200s | "
        + "acknowledged lost | puts acknowledged | puts lost |");
    report.line("|---|---|---|---|---|---|---|---|---|---|---|");
    if (redisUp) {
      step("Concurrency on Redis", () -> {
        try (DemoProcess a = new DemoProcess(secret, "--store", "redis");
             DemoProcess b = new DemoProcess(secret, "--store", "redis")) {
          LoadScenarios.oneSession(report, "Redis", a.url, b.url, clients, perClient);
        }
      });
    } else {
      report.want("Concurrency on Redis", false, "Redis not reachable on 127.0.0.1:6379: not measured");
    }
    if (!ci) {
      if (postgresUp) {
        step("Concurrency on PostgreSQL", () -> {
          try (DemoProcess a = new DemoProcess(secret, "--store", "postgres");
               DemoProcess b = new DemoProcess(secret, "--store", "postgres")) {
            LoadScenarios.oneSession(report, "PostgreSQL", a.url, b.url, clients, perClient);
          }
        });
      } else {
        report.want("Concurrency on PostgreSQL", false, "PostgreSQL not reachable on 127.0.0.1:5432: not measured");
      }
      step("Concurrency against the peers", () -> new PeerScenario(report, secret).run(clients, perClient));
    }

    if (!ci) {
      faults();
    }

    report.section("Attacks");
    AttackCatalogue attacks = new AttackCatalogue(report);
    step("Attacks on cookie sessions", () -> {
      try (DemoProcess cookie = new DemoProcess(secret, "--store", "cookie")) {
        attacks.cookieSessions(cookie.url, key);
      }
    });
    if (privateRedis) {
      step("Attacks on a server-side store, and bots", () -> {
        try (PrivateRedis redis = new PrivateRedis(false);
             DemoProcess demo = new DemoProcess(secret, "--store", "redis", "--redis-uri", redis.uri())) {
          attacks.serverSide(demo.url, "Redis store");
          attacks.jwt();
          report.want("Attack catalogue: every attack has its expected outcome", attacks.failed() == 0,
              attacks.failed() + " unexpected outcome(s)");
          bots(redis, demo.url, full ? 2000 : 200);
        }
      });
    } else if (redisUp) {
      try (DemoProcess demo = new DemoProcess(secret, "--store", "redis")) {
        attacks.serverSide(demo.url, "Redis store");
        attacks.jwt();
        report.want("Attack catalogue: every attack has its expected outcome", attacks.failed() == 0,
            attacks.failed() + " unexpected outcome(s)");
      }
      report.want("Bots create no stored sessions", false, "redis-server not installed: not measured");
    }
    report.line("\n**Replay of a cookie session after logout** is accepted until the cookie expires: a cookie "
        + "session lives in the browser, and logging out only asks the browser to forget it. An attacker who "
        + "copied the cookie before logout keeps a valid session until its timestamp ages out. Satchel's "
        + "mitigations: a short idle timeout (`idleTimeout`, default 24 h; the signature time is checked on every "
        + "request and slides only on use), an absolute timeout (`absoluteTimeout`, default 31 days, from the "
        + "signed `_created`), key rotation (a new `SATCHEL_SECRET_KEY` without the old one as fallback voids every "
        + "cookie at once), and, when a logout must end a session at once, a server-side store (memory, JDBC, "
        + "Redis: the id is deleted, the replay above is rejected) or a JWT session with a `jti` denylist.");

    if (!ci) {
      report.section("Memory");
      report.line("A typical logged-in session (user, display name, CSRF secret, creation time, principal, "
          + "browser user agent), saved through the store API in this JVM. The memory-store figure is the heap "
          + "growth after full GCs divided by the sessions; strings equal in every session (user agent, user name) "
          + "are shared, as they often are in practice. The Redis figure includes the principal index.\n");
      report.line("| where | sessions | stored | bytes per session |");
      report.line("|---|---|---|---|");
      int n = full ? 100_000 : 10_000;
      step("Bytes per session in the memory store", () -> MemoryScenarios.memoryStore(report, n));
      if (privateRedis) {
        step("Bytes per session in Redis", () -> {
          try (PrivateRedis redis = new PrivateRedis(false)) {
            MemoryScenarios.redis(report, redis, full ? 20_000 : 2_000);
          }
        });
      }
      report.line("\nThe memory store at its configured bound under a flood of new visitors:\n");
      report.line("| bound | new visitors | sessions kept | evictions (`evictionCount()`) | OutOfMemoryError | "
          + "heap after |");
      report.line("|---|---|---|---|---|---|");
      step("Memory store flood", () -> MemoryScenarios.flood(report, full ? 100_000 : 10_000,
          full ? 2_000_000 : 200_000));
    }
  }

  private void faults() throws Exception {
    report.section("Faults under load");
    report.line("8 clients, each with its own session, call `/visits` in a loop while the store fails. "
        + "Redis: a private `redis-server` on a free port is killed with SIGKILL and restarted on the same port "
        + "and data directory. PostgreSQL: the shared server is NOT restarted (other tests use it); a TCP proxy "
        + "between the demo and PostgreSQL drops every connection and refuses new ones for the outage, which is "
        + "what a restart looks like to the application. Recovery: from the store being back until every client "
        + "has been served again.\n");
    report.line("| fault | requests | 200 | clean 503 | other 5xx | other | recovery | sessions corrupted | "
        + "sessions intact | acknowledged increments lost | persistence |");
    report.line("|---|---|---|---|---|---|---|---|---|---|---|");
    long warm = full ? 10_000 : 2_000;
    long outage = full ? 10_000 : 3_000;
    if (PrivateRedis.available()) {
      for (boolean aof : new boolean[] {true, false}) {
        String name = "Redis killed and restarted" + (aof ? " (AOF on)" : " (no persistence)");
        step(name, () -> {
          try (PrivateRedis redis = new PrivateRedis(aof);
               DemoProcess demo = new DemoProcess(secret, "--store", "redis", "--redis-uri", redis.uri())) {
            LoadScenarios.storeFault(report, name, demo.url, new LoadScenarios.Fault() {
              @Override
              public void inject() throws Exception {
                redis.kill();
              }

              @Override
              public void lift() throws Exception {
                redis.start();
              }
            }, 8, warm, outage, aof, aof ? "`--appendonly yes --appendfsync always`"
                : "`--save \"\" --appendonly no`: every session is gone after the restart");
          }
        });
      }
    } else {
      report.want("Redis fault", false, "redis-server not installed: not measured");
    }
    if (PrivateRedis.reachable(5432)) {
      step("PostgreSQL connections cut (TCP proxy)", () -> {
        try (CuttableProxy proxy = new CuttableProxy(5432);
             DemoProcess demo = new DemoProcess(secret, "--store", "postgres", "--jdbc-url",
                 "jdbc:postgresql://127.0.0.1:" + proxy.port + "/test?user=postgres")) {
          LoadScenarios.storeFault(report, "PostgreSQL connections cut (TCP proxy)", demo.url,
              new LoadScenarios.Fault() {
                @Override
                public void inject() throws Exception {
                  proxy.cut();
                }

                @Override
                public void lift() throws Exception {
                  proxy.restore();
                }
              }, 8, warm, outage, true, "PostgreSQL (durable; the server itself kept running)");
        }
      });
    }
    report.line("\nWith persistence off, a Redis restart loses every session: visitors get a fresh session "
        + "(logged out, counters from 1), never an error or a corrupted one. Use `--appendonly yes` (and "
        + "`--appendfsync always` if no acknowledged write may be lost; `everysec`, Redis's default, can lose the "
        + "last second on a crash) or a replica.");
  }

  private void bots(PrivateRedis redis, String base, int visitors) {
    report.section("Bots creating sessions");
    report.line("| requests (no cookie) | stored sessions before | after | growth | Set-Cookie: session |");
    report.line("|---|---|---|---|---|");
    String formCookie = null;
    for (String path : new String[] {"/", "/login"}) {
      long before = redis.dbSize();
      int withCookie = 0;
      for (int i = 0; i < visitors; i++) {
        String cookie = Http.get(base + path, null).cookie("session");
        if (cookie != null) {
          withCookie++;
          formCookie = cookie;
        }
      }
      long after = redis.dbSize();
      report.line("| " + visitors + " × GET " + path + " | " + before + " | " + after + " | " + (after - before)
          + " keys | " + withCookie + " |");
      if (path.equals("/")) {
        report.want("Bots: store does not grow for visitors who only read pages (" + visitors + " × GET /)",
            after == before && withCookie == 0, (after - before) + " keys, " + withCookie + " session cookies");
      } else {
        // Each form visitor does get a cookie: it carries the CSRF secret, signed, instead of the store.
        report.want("Bots: store does not grow for visitors who open the login form (" + visitors
            + " × GET /login)", after == before && withCookie == visitors,
            (after - before) + " keys, " + withCookie + " session cookies");
      }
    }
    // The form's token must still work: the last bot's cookie logs in.
    long before = redis.dbSize();
    String token = formCookie == null ? "" : Http.csrfToken(base + "/login", "session=" + formCookie);
    Http.Reply login = Http.post(base + "/login", "session=" + formCookie,
        Map.of("username", "alice", "password", "wonderland", "csrf_token", token));
    long after = redis.dbSize();
    boolean loggedIn = login.status() == 302 && login.cookie("session") != null
        && AttackCatalogue.profile(base, login.cookie("session")) == 200;
    report.line("\nThen one of those visitors logs in with its form's token: " + login.status() + ", "
        + (after - before) + " new Redis key(s).");
    report.want("Bots: a token from a form page that stored nothing still logs in", loggedIn && after > before,
        login.status() + ", " + (after - before) + " keys");
    report.line("\n`/login` renders a form with a CSRF token. While a session holds nothing but that token's "
        + "secret, the secret rides in the visitor's session cookie (signed with a key derived for `satchel.csrf`) "
        + "instead of the store; it moves into the store, or is replaced, at login. So neither readers nor form "
        + "visitors who never log in grow the store.");
  }
}
