package dev.satchel.demo.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The 16 clients on one session again, against the peers: Flask-Session, Spring Session Data Redis and
 * express-session with connect-redis, each started as {@code bench/run-all} starts it (through
 * {@code bench/peers/start.sh}), and Satchel both ways: its bench app's {@code /write} (a plain {@code put}) and the
 * demo's {@code /visits} ({@code compute}). Each system gets its own private redis-server, so INFO commandstats
 * counts only that system's commands.
 *
 * <p>The peers are built by {@code reliability/run} before the scenario JVM starts (building inside it would rewrite
 * jars the running demo processes use); a system that is not built or cannot start is reported as not measured.
 */
final class PeerScenario {

  private static final Pattern LAST_NUMBER = Pattern.compile("(\\d+)\\s*$");

  /**
   * A system of the comparison.
   *
   * @param startName its name in bench/peers/start.sh, or null for the Satchel demo (started as a DemoProcess)
   * @param label what the report calls it
   * @param increment what one counter request does, from the system's source
   * @param login the route that creates the session; {@code counterAfterLogin} is the counter's value after it
   * @param write the route that increments the counter and answers with its new value
   */
  record Target(String startName, String label, String increment, String login, int counterAfterLogin,
      String write) {}

  /** What the clients saw: requests sent, 2xx answers carrying a counter, the rest (with a few samples). */
  record Load(int requests, int ok, int other, List<String> samples) {}

  private final Report report;
  private final String secret;
  private final Path root;
  private final Path logs;
  private final Map<String, String> notBuilt;
  /** Gunicorn's documented starting point, (2 x cores) + 1 sync workers, so Flask-Session serves in parallel. */
  private final int gunicornWorkers = 2 * Runtime.getRuntime().availableProcessors() + 1;

  PeerScenario(Report report, String secret) throws IOException {
    this.report = report;
    this.secret = secret;
    this.root = repositoryRoot();
    // The systems' logs go next to the report (reliability/run: target/reliability/peers/).
    Path out = Path.of(System.getProperty("reliability.out", "target/reliability/scenarios.md")).toAbsolutePath();
    this.logs = Files.createDirectories(out.getParent().resolve("peers"));
    this.notBuilt = notBuilt(System.getProperty("reliability.peers.unbuilt"));
  }

  List<Target> targets() {
    return List.of(
        new Target("flask-session-redis", "Flask-Session on Redis (gunicorn, " + gunicornWorkers + " sync workers)",
            "`session[\"counter\"] = session.get(\"counter\", 0) + 1`", "/login", 0, "/write"),
        new Target("spring-session-redis", "Spring Session Data Redis (Spring Boot MVC)",
            "`getAttribute(\"counter\")` + 1, `setAttribute`", "/login", 0, "/write"),
        new Target("express-session-redis", "express-session + connect-redis",
            "`req.session.counter + 1`", "/login", 0, "/write"),
        new Target("satchel-redis", "Satchel, bench app `/write` (Javalin, Redis store)",
            "`getOrDefault(\"counter\", 0) + 1`, `put`", "/login", 0, "/write"),
        new Target(null, "Satchel, demo `/visits` (Javalin, Redis store)",
            "`compute(\"visits\", Integer.class, n -> n == null ? 1 : n + 1)`", "/visits", 1, "/visits"));
  }

  /** Measures every target with {@code clients} x {@code perClient} requests; one table row each. */
  void run(int clients, int perClient) {
    long started = System.nanoTime();
    report.line("\n### The same " + clients + " clients against the peers\n");
    report.line("Each system runs alone against its own private `redis-server`. One `GET` of its login route "
        + "creates a session; then " + clients + " threads each send " + perClient + " counter requests with that "
        + "same cookie (replies' `Set-Cookie` are ignored: the session id does not change), and one more request "
        + "reads the counter. The peers are the apps `bench/run-all` benchmarks (`bench/peers/`), started the way it "
        + "starts them (`bench/peers/start.sh`), except that gunicorn gets " + gunicornWorkers + " sync workers, "
        + "the starting point gunicorn's documentation recommends ((2 x cores) + 1): `bench/run-all` gives it one "
        + "per server core, which on a 2-core machine (one core for the server, one for the load generator) is a "
        + "single worker serving one request at a time, and that cannot lose an update. Redis "
        + "commands per request: the INFO commandstats delta over the " + clients + " clients' requests, divided by "
        + "them (commands run inside Lua scripts count too).\n");
    report.line("| system | one counter request does | clients | requests | 2xx | other | increments counted | "
        + "counted / 2xx | Redis commands per request |");
    report.line("|---|---|---|---|---|---|---|---|---|");
    for (Target target : targets()) {
      try {
        String missing = missing(target);
        if (missing != null) {
          notMeasured(target, missing);
          continue;
        }
        try (PrivateRedis redis = new PrivateRedis(false)) {
          if (target.startName() == null) {
            try (DemoProcess demo = new DemoProcess(secret, "--store", "redis", "--redis-uri", redis.uri())) {
              measure(target, demo.url, redis, clients, perClient);
            }
          } else {
            try (Started system = new Started(target.startName(), redis.port)) {
              measure(target, system.url, redis, clients, perClient);
            }
          }
        }
      } catch (Exception e) {
        notMeasured(target, e.toString().replace('\n', ' '));
      }
    }
    report.line("\nThe counter routes are a read, +1 and a write of one session attribute. The peers' session APIs "
        + "(Flask's `session`, `HttpSession`, `req.session`) have no atomic update of an attribute: a request "
        + "writes the value it computed from what it read when it started, so parallel requests overwrite each "
        + "other's increments (for Flask-Session a known race: pallets-eco/flask-session#71). Satchel's plain `put` is no different for one attribute (last writer wins; writes "
        + "to *different* attributes never collide: see [sessions.md](sessions.md)); `compute` is a compare-and-set "
        + "in the store, retried on conflict, which is why its Redis commands per request grow with contention "
        + "(16 clients on one attribute is the worst case): each lost race costs another load and compare-and-set. "
        + "For comparison, the issue's starting point on this kind of machine: "
        + "Spring Session Data Redis kept ~20% of the increments, express-session with connect-redis ~20%, "
        + "Flask-Session on Redis ~71%.");
    report.line(String.format("%nThis comparison took %.0f s (the builds excluded: `reliability/run` builds the peers "
        + "before the scenarios).", (System.nanoTime() - started) / 1e9));
  }

  private void measure(Target target, String base, PrivateRedis redis, int clients, int perClient)
      throws Exception {
    String cookie = loginCookie(base + target.login());
    long commandsBefore = redis.commandCalls();
    Load load = sameSession(base + target.write(), cookie, clients, perClient);
    long commands = redis.commandCalls() - commandsBefore;
    Integer last = counter(Http.get(base + target.write(), cookie));
    if (last == null) {
      throw new IllegalStateException("the final counter request got no counter");
    }
    int counted = last - target.counterAfterLogin() - 1; // minus the final request itself
    double kept = load.ok() == 0 ? 0 : 100.0 * counted / load.ok();
    report.line("| " + target.label() + " | " + target.increment() + " | " + clients + " | " + load.requests()
        + " | " + load.ok() + " | " + load.other() + " | " + counted + " | " + String.format("%.1f%%", kept) + " | "
        + String.format("%.1f", (double) commands / load.requests()) + " |");
    System.out.printf("peer scenario: %s kept %d of %d (%.1f%%)%n", target.label(), counted, load.ok(), kept);
    if (target.startName() == null) {
      // The one want here: the peers' rows (and plain put's) are what they are, compute must keep everything.
      report.want("Concurrency against the peers: Satchel `compute` keeps every acknowledged increment (want 100%)",
          load.ok() > 0 && counted >= load.ok() && counted <= load.requests(),
          counted + " counted for " + load.ok() + " acknowledged of " + load.requests() + " requests ("
              + String.format("%.1f%%", kept) + ")" + (load.samples().isEmpty() ? "" : "; samples: "
              + load.samples()));
    }
  }

  private void notMeasured(Target target, String reason) {
    report.line("| " + target.label() + " | **not measured**: " + reason.replace("|", "\\|")
        + " | | | | | | | |");
    report.want("Concurrency against the peers: " + target.label() + " measured", false, "not measured: " + reason);
  }

  /** Why a target cannot run here (not built, a tool missing), or null when it can. */
  private String missing(Target target) throws IOException, InterruptedException {
    if (!PrivateRedis.available()) {
      return "redis-server not installed";
    }
    if (target.startName() == null) {
      return null;
    }
    if (root == null) {
      return "bench/peers/start.sh not found above " + Path.of("").toAbsolutePath();
    }
    if (notBuilt.containsKey(target.startName())) {
      return notBuilt.get(target.startName());
    }
    Process check = new ProcessBuilder("bash", startScript().toString(), "check", target.startName())
        .redirectErrorStream(true).start();
    String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    int exit = check.waitFor();
    return out.isEmpty() && exit == 0 ? null : out.isEmpty() ? "start.sh check exited " + exit : out;
  }

  /** GETs {@code url} without a cookie and returns the Cookie header that sends back every cookie it set. */
  static String loginCookie(String url) {
    Http.Reply r = Http.get(url, null);
    StringJoiner cookie = new StringJoiner("; ");
    r.setCookies().forEach((name, value) -> {
      if (value != null) {
        cookie.add(name + "=" + value);
      }
    });
    if (r.status() / 100 != 2 || cookie.length() == 0) {
      throw new IllegalStateException(url + " answered " + r.status() + " with no session cookie: "
          + r.body().substring(0, Math.min(200, r.body().length())));
    }
    return cookie.toString();
  }

  /** {@code clients} threads each GET {@code url} {@code perClient} times, all with the same Cookie header. */
  static Load sameSession(String url, String cookie, int clients, int perClient) throws Exception {
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger other = new AtomicInteger();
    List<String> samples = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < clients; t++) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < perClient; i++) {
            Http.Reply r = Http.get(url, cookie);
            if (counter(r) != null) {
              ok.incrementAndGet();
            } else {
              other.incrementAndGet();
              if (samples.size() < 3) {
                samples.add(r.status() + " " + r.body().substring(0, Math.min(200, r.body().length()))
                    .replace('\n', ' '));
              }
            }
          }
        }));
      }
      for (Future<?> f : done) {
        f.get(10, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    return new Load(clients * perClient, ok.get(), other.get(), List.copyOf(samples));
  }

  /** The counter a 2xx reply ends with ("counter 7" from the peers, "7" from the demo), or null. */
  static Integer counter(Http.Reply r) {
    if (r.status() / 100 != 2) {
      return null;
    }
    Matcher m = LAST_NUMBER.matcher(r.body());
    return m.find() ? Integer.valueOf(m.group(1)) : null;
  }

  /** A system started with {@code bench/peers/start.sh run} on a free port, once it answers {@code /none}. */
  final class Started implements AutoCloseable {

    final String url;
    private final Process process;

    Started(String name, int redisPort) throws Exception {
      int port = PrivateRedis.freePort();
      Path log = logs.resolve(name + ".log");
      ProcessBuilder builder = new ProcessBuilder("bash", startScript().toString(), "run", name,
          String.valueOf(port), String.valueOf(redisPort)).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().put("GUNICORN_WORKERS", String.valueOf(gunicornWorkers));
      process = builder.start();
      url = "http://127.0.0.1:" + port;
      // Generous: a Spring Boot JVM on a busy 2-core machine can take a minute.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      while (Http.get(url + "/none", null).status() != 200) {
        if (!process.isAlive()) {
          throw new IllegalStateException(name + " exited at start (exit " + process.exitValue() + "): "
              + tail(log));
        }
        if (System.nanoTime() > deadline) {
          close();
          throw new IllegalStateException(name + " did not answer /none within 180 s: " + tail(log));
        }
        PrivateRedis.sleep(200);
      }
    }

    /** Stops the server and whatever it started (gunicorn's workers). */
    @Override
    public void close() throws InterruptedException {
      List<ProcessHandle> children = process.descendants().toList();
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      children.forEach(ProcessHandle::destroyForcibly);
    }
  }

  private Path startScript() {
    return root.resolve("bench/peers/start.sh");
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join(" / ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** The checkout this runs in: the first directory above the working directory holding bench/peers/start.sh. */
  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("bench/peers/start.sh"))) {
        return dir;
      }
    }
    return null;
  }

  /** Systems reliability/run could not build: lines "name TAB reason" in {@code file} (absent: none). */
  private static Map<String, String> notBuilt(String file) throws IOException {
    Map<String, String> out = new HashMap<>();
    if (file != null && Files.exists(Path.of(file))) {
      for (String line : Files.readAllLines(Path.of(file))) {
        String[] parts = line.split("\t", 2);
        if (parts.length == 2) {
          out.put(parts[0], parts[1]);
        }
      }
    }
    return out;
  }
}
