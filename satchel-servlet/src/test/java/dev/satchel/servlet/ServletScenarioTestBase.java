package dev.satchel.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.servlet.scenario.Browser;
import dev.satchel.servlet.scenario.FlakyStore;
import dev.satchel.servlet.scenario.ScenarioServlets;
import dev.satchel.servlet.scenario.SessionScenarioContract;
import dev.satchel.keys.KeyRing;
import dev.satchel.session.Session;
import dev.satchel.session.SessionManager;
import dev.satchel.session.codec.SignedCookieCodec;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the shared scenario on one embedded server with the filter, plus what only the servlet filter offers. */
abstract class ServletScenarioTestBase extends SessionScenarioContract {

  private final EmbeddedServer server;
  private final FlakyStore store;
  private final List<String> events = new CopyOnWriteArrayList<>();
  private URI base;

  ServletScenarioTestBase(EmbeddedServer server, boolean serverSideStore) {
    this.server = server;
    this.store = serverSideStore ? new FlakyStore() : null;
  }

  @BeforeAll
  void start() throws Exception {
    SessionManager.Builder manager = SessionManager.builder();
    if (store != null) {
      manager.store(store).keys(KeyRing.generate());
    } else {
      manager.codec(SignedCookieCodec.of(KeyRing.generate()));
    }
    SatchelFilter filter = SatchelFilter.builder(manager.build())
        .csrfExempt("/api/*")
        .sessionListener(new HttpSessionListener() {
          @Override
          public void sessionCreated(HttpSessionEvent se) {
            events.add("created");
          }

          @Override
          public void sessionDestroyed(HttpSessionEvent se) {
            events.add("destroyed:" + se.getSession().getAttribute("color"));
          }
        })
        .sessionIdListener((HttpSessionIdListener) (event, oldId) ->
            events.add("idChanged:" + !oldId.equals(event.getSession().getId())))
        .build();
    Map<String, HttpServlet> servlets = new LinkedHashMap<>(ScenarioServlets.all());
    servlets.put("/view-ids", new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        HttpSession first = req.getSession();
        String id = first.getId();
        boolean stable = id.equals(first.getId()) && id.equals(req.getSession().getId());
        first.invalidate();
        HttpSession second = req.getSession();
        // Invalidated before anyone asked for its id: it still gets one of its own.
        second.invalidate();
        String secondId = second.getId();
        String thirdId = req.getSession().getId();
        res.getWriter().write("stable=" + stable + " kept=" + id.equals(first.getId())
            + " distinct=" + (!secondId.equals(id) && !thirdId.equals(secondId) && !thirdId.equals(id)));
      }
    });
    servlets.put("/boom", ScenarioServlets.get((req, res) -> {
      SatchelServlet.session(req).put("boomed", true);
      throw new EmbeddedServer.ErrorPageTrigger("boom on purpose");
    }));
    servlets.put("/teapot", ScenarioServlets.get((req, res) -> {
      SatchelServlet.session(req).put("teapot", true);
      res.sendError(EmbeddedServer.ERROR_PAGE_STATUS, "short and stout");
    }));
    servlets.put("/forward", ScenarioServlets.get((req, res) -> {
      SatchelServlet.session(req).put("forwarded", true);
      try {
        req.getRequestDispatcher("/dump").forward(req, res);
      } catch (jakarta.servlet.ServletException e) {
        throw new IOException(e);
      }
    }));
    // The container dispatches here with its own, unwrapped request: the filter must find this request's session.
    servlets.put(EmbeddedServer.ERROR_PAGE, ScenarioServlets.get((req, res) -> {
      Session session = SatchelServlet.session(req);
      HttpSession view = req.getSession(false);
      ScenarioServlets.text(res, "error page sees " + session.keys() + ", HttpSession "
          + (view == null ? "none" : "present"));
    }));
    base = server.start(filter, servlets);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Override
  protected URI baseUri() {
    return base;
  }

  @Override
  protected FlakyStore store() {
    return store;
  }

  @Test
  void httpSessionIdsAreStableAndNeverReusedAfterInvalidate() {
    assertThat(browser().get("/view-ids").body()).isEqualTo("stable=true kept=true distinct=true");
  }

  @Test
  void theSessionCookieIsFoundInAnyOfSeveralCookieHeaders() throws IOException {
    Browser b = browser();
    String token = b.get("/form").body();
    b.post("/login", Map.of("user", "erin", "csrf_token", token));
    assertThat(b.cookie("session")).isNotNull();
    // HTTP/2 clients split cookies into several header fields, which proxies may pass on as separate lines. Raw
    // HTTP/1.1, because Java's HttpClient joins repeated Cookie headers into one line.
    String response = rawGet("/me", "Cookie: theme=dark; lang=en", "Cookie: session=" + b.cookie("session"),
        "Cookie: tz=utc");
    assertThat(response).startsWith("HTTP/1.1 200").contains("user=erin");
  }

  private String rawGet(String path, String... headerLines) throws IOException {
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n");
      for (String line : headerLines) {
        request.append(line).append("\r\n");
      }
      request.append("Connection: close\r\n\r\n");
      socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void errorPagesDispatchedByTheContainerSeeTheRequestsSessionAndWriteNoSecondCookie() {
    Browser b = browser();
    Browser.Response thrown = b.get("/boom");
    assertThat(thrown.status()).isEqualTo(500);
    assertThat(thrown.body()).contains("error page sees [boomed], HttpSession present");
    assertThat(thrown.setCookies("session")).as("one session cookie, written before the error page").hasSize(1);
    assertThat(b.get("/dump").body()).contains("\"boomed\":true");

    Browser t = browser();
    Browser.Response teapot = t.get("/teapot");
    assertThat(teapot.status()).isEqualTo(EmbeddedServer.ERROR_PAGE_STATUS);
    assertThat(teapot.body()).contains("error page sees [teapot], HttpSession present");
    assertThat(teapot.setCookies("session")).hasSize(1);
    assertThat(t.get("/dump").body()).contains("\"teapot\":true");
  }

  @Test
  void aForwardedRequestKeepsItsSession() {
    Browser b = browser();
    Browser.Response forwarded = b.get("/forward");
    assertThat(forwarded.status()).isEqualTo(200);
    assertThat(forwarded.body()).contains("\"forwarded\":true");
    assertThat(forwarded.setCookies("session")).as("headers %s", forwarded.headers()).hasSize(1);
    assertThat(b.get("/dump").body()).contains("\"forwarded\":true");
  }

  @Test
  void sessionListenersHearCreationIdChangesAndInvalidation() {
    Browser b = browser();
    events.clear();
    b.get("/http-session?op=get");
    assertThat(events).as("looking creates nothing").isEmpty();
    b.get("/http-session?op=set&v=green");
    assertThat(events).containsExactly("created");
    b.get("/http-session?op=change");
    assertThat(events).containsExactly("created", "idChanged:true");
    b.get("/http-session?op=invalidate");
    assertThat(events).as("listeners still see the attributes of the session being destroyed")
        .containsExactly("created", "idChanged:true", "destroyed:green");
  }
}
