package dev.satchel.bench.http;

import dev.satchel.servlet.SatchelFilter;
import dev.satchel.servlet.SatchelServlet;
import dev.satchel.session.Session;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The same four routes as {@link HttpBenchApp}, served by one plain {@link HttpServlet} on embedded Jetty 12 (ee10)
 * with {@link SatchelFilter} in front (no filter at all in the baseline): what a servlet user of
 * {@code satchel-servlet} pays for sessions, measured against the bare container.
 *
 * <p>The servlet uses {@link SatchelServlet#session}, the API docs/integrations.md teaches for servlet code; the
 * {@code HttpSession} view ({@code request.getSession()}) is the compatibility path for existing code. The filter is
 * installed as docs/integrations.md shows (async supported; REQUEST, FORWARD, ASYNC and ERROR dispatches; {@code /*}), with
 * CSRF protection on (its default; every bench route is a GET, which it never checks).
 *
 * <p>Run: {@code java -jar satchel-bench-http.jar --server jetty --mode cookie --port 8090}.
 */
final class JettyBenchApp {

  private JettyBenchApp() {}

  /** Starts Jetty on 127.0.0.1:{@code port} (0 picks a free port); the caller stops the returned server. */
  static Server start(BenchSessions sessions, int port) throws Exception {
    // Jetty's defaults (a QueuedThreadPool of up to 200 threads, default HttpConfiguration): the bare container.
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    // No Jetty HttpSession support: Satchel replaces it, and the baseline uses no sessions at all.
    ServletContextHandler context = new ServletContextHandler("/");
    if (sessions.manager() != null) {
      FilterHolder filter = new FilterHolder(SatchelFilter.builder(sessions.manager()).build());
      filter.setAsyncSupported(true);
      context.addFilter(filter, "/*",
          EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ASYNC,
              DispatcherType.ERROR));
    }
    ServletHolder servlet = new ServletHolder(new BenchServlet(sessions.manager() != null));
    for (String route : new String[] {"/login", "/none", "/read", "/write"}) {
      context.addServlet(servlet, route);
    }
    server.setHandler(context);
    server.start();
    return server;
  }

  /** The port the server listens on. */
  static int port(Server server) {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /** The four bench routes, dispatched on the servlet path (each route is an exact mapping). */
  static final class BenchServlet extends HttpServlet {

    private final boolean withSessions;

    BenchServlet(boolean withSessions) {
      this.withSessions = withSessions;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      String body = switch (req.getServletPath()) {
        case "/none" -> "none";
        case "/login" -> login(req);
        case "/read" -> read(req);
        case "/write" -> write(req);
        default -> null;
      };
      if (body == null) {
        resp.sendError(HttpServletResponse.SC_NOT_FOUND);
        return;
      }
      // Same content type and body as the Javalin app's ctx.result(...).
      resp.setContentType("text/plain;charset=utf-8");
      resp.getWriter().write(body);
    }

    private String login(HttpServletRequest req) {
      if (withSessions) {
        Session session = SatchelServlet.session(req);
        session.put("user", "alice");
        session.put("counter", 0);
      }
      return "logged in";
    }

    private String read(HttpServletRequest req) {
      // The baseline answers the same body length without a session: the ceiling for this route.
      String user = withSessions ? SatchelServlet.session(req).get("user", String.class) : "alice";
      return "hello " + user;
    }

    private String write(HttpServletRequest req) {
      int counter = 1;
      if (withSessions) {
        Session session = SatchelServlet.session(req);
        counter = session.getOrDefault("counter", 0) + 1;
        session.put("counter", counter);
      }
      return "counter " + counter;
    }
  }
}
