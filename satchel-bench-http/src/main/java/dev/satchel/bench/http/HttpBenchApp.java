package dev.satchel.bench.http;

import dev.satchel.javalin.SatchelJavalin;
import dev.satchel.javalin.SatchelPlugin;
import dev.satchel.session.Session;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.eclipse.jetty.server.Server;

/**
 * The app every Satchel mode is benchmarked with: Javalin, the {@code satchel-javalin} plugin (absent in the
 * baseline) and the same four routes as every peer in {@code bench/peers/}. With {@code --server jetty} the same
 * routes come from a plain servlet behind {@code SatchelFilter} instead ({@link JettyBenchApp}).
 *
 * <pre>
 * GET /login   puts user=alice and counter=0 in the session (the load generator calls it once for a cookie)
 * GET /none    touches no session
 * GET /read    reads "user" from the existing session
 * GET /write   increments "counter" with put
 * </pre>
 *
 * <p>Run: {@code java -jar satchel-bench-http/target/satchel-bench-http.jar --mode redis --port 8090}; see
 * {@link BenchConfig#usage()}.
 */
public final class HttpBenchApp {

  private HttpBenchApp() {}

  /** Starts the app on the server and in the mode the flags name, until the process is killed. */
  public static void main(String[] args) {
    BenchConfig config;
    try {
      config = BenchConfig.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("HttpBenchApp: " + e.getMessage() + "\n" + BenchConfig.usage());
      System.exit(2);
      return;
    }
    BenchSessions sessions = BenchSessions.create(config);
    int port;
    if (config.server().equals("jetty")) {
      Server server;
      try {
        server = JettyBenchApp.start(sessions, config.port());
      } catch (Exception e) {
        sessions.close();
        throw new IllegalStateException("Jetty did not start on port " + config.port() + ": " + e.getMessage(), e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.stop();
        } catch (Exception e) {
          System.err.println("HttpBenchApp: Jetty did not stop cleanly: " + e);
        }
        sessions.close();
      }));
      port = JettyBenchApp.port(server);
    } else {
      Javalin app = create(sessions).start("127.0.0.1", config.port());
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        app.stop();
        sessions.close();
      }));
      port = app.port();
    }
    System.out.println("HttpBenchApp ready: server=" + config.server() + " mode=" + config.mode() + " port=" + port);
  }

  /** The app for {@code sessions}; no Satchel plugin at all when the mode is the baseline. */
  static Javalin create(BenchSessions sessions) {
    return Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      if (sessions.manager() != null) {
        // CSRF stays on (its default); every bench route is a GET, which it never checks.
        cfg.registerPlugin(new SatchelPlugin(s -> s.manager = sessions.manager()));
      }
      boolean withSessions = sessions.manager() != null;
      cfg.routes.get("/none", ctx -> ctx.result("none"));
      cfg.routes.get("/login", ctx -> login(ctx, withSessions));
      cfg.routes.get("/read", ctx -> read(ctx, withSessions));
      cfg.routes.get("/write", ctx -> write(ctx, withSessions));
    });
  }

  private static void login(Context ctx, boolean withSessions) {
    if (withSessions) {
      Session session = SatchelJavalin.session(ctx);
      session.put("user", "alice");
      session.put("counter", 0);
    }
    ctx.result("logged in");
  }

  private static void read(Context ctx, boolean withSessions) {
    // The baseline answers the same body length without a session: the ceiling for this route.
    String user = withSessions ? SatchelJavalin.session(ctx).get("user", String.class) : "alice";
    ctx.result("hello " + user);
  }

  private static void write(Context ctx, boolean withSessions) {
    int counter = 1;
    if (withSessions) {
      Session session = SatchelJavalin.session(ctx);
      counter = session.getOrDefault("counter", 0) + 1;
      session.put("counter", counter);
    }
    ctx.result("counter " + counter);
  }
}
