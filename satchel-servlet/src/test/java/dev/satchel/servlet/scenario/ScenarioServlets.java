package dev.satchel.servlet.scenario;

import dev.satchel.json.SessionJson;
import dev.satchel.servlet.SatchelServlet;
import dev.satchel.session.Flash;
import dev.satchel.session.Session;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The web application every integration test runs, on every server: plain servlets using Satchel through
 * {@link SatchelServlet} and through {@code request.getSession()}.
 */
public final class ScenarioServlets {

  /** Body size of /big: far beyond any container's response buffer. */
  public static final int BIG_BODY = 300_000;

  private ScenarioServlets() {}

  /** Path to servlet; every path is an exact servlet mapping. */
  public static Map<String, HttpServlet> all() {
    Map<String, HttpServlet> s = new LinkedHashMap<>();
    s.put("/form", get((req, res) -> text(res, SatchelServlet.csrfToken(req))));
    s.put("/login", post((req, res) -> {
      String user = req.getParameter("user");
      Session session = SatchelServlet.session(req);
      session.regenerate();
      session.setPrincipal(user);
      session.put("user", user);
      session.flash("Welcome " + user);
      res.sendRedirect("/me");
    }));
    s.put("/me", get((req, res) -> {
      Session session = SatchelServlet.session(req);
      String user = session.get("user", String.class);
      String flashes = session.consumeFlashes().stream().map(Flash::message).collect(Collectors.joining("|"));
      text(res, "user=" + (user == null ? "-" : user) + " flashes=" + flashes);
    }));
    s.put("/transfer", post((req, res) -> text(res, "transferred " + req.getParameter("amount"))));
    s.put("/api/echo", post((req, res) -> text(res, "api ok")));
    s.put("/logout", post((req, res) -> {
      Session session = SatchelServlet.session(req);
      session.invalidate();
      session.flash("Successfully logged out");
      res.sendRedirect("/me");
    }));
    s.put("/count", get((req, res) -> {
      int n = SatchelServlet.session(req).compute("visits", Integer.class, v -> v == null ? 1 : v + 1);
      text(res, Integer.toString(n));
    }));
    s.put("/dump", get((req, res) -> text(res, SessionJson.write(SatchelServlet.session(req).toMap()))));
    s.put("/read", get((req, res) -> text(res, String.valueOf(SatchelServlet.session(req).get("user")))));
    s.put("/big", get((req, res) -> {
      SatchelServlet.session(req).put("big", "writer");
      res.setContentType("text/plain;charset=UTF-8");
      PrintWriter w = res.getWriter();
      char[] line = new char[999];
      Arrays.fill(line, 'b');
      for (int i = 0; i < BIG_BODY / 1000; i++) {
        w.write(line);
        w.println();
      }
    }));
    s.put("/big-stream", get((req, res) -> {
      SatchelServlet.session(req).put("big", "stream");
      res.setContentType("application/octet-stream");
      byte[] body = new byte[BIG_BODY];
      Arrays.fill(body, (byte) 's');
      OutputStream out = res.getOutputStream();
      out.write(body);
    }));
    s.put("/medium-stream", get((req, res) -> {
      // One write between a quarter of the buffer and all of it: Jetty sends such a write at once.
      SatchelServlet.session(req).put("medium", true);
      res.setContentType("application/octet-stream");
      byte[] body = new byte[res.getBufferSize() / 2];
      Arrays.fill(body, (byte) 'm');
      res.getOutputStream().write(body);
      res.getOutputStream().write(body, 0, 10);
    }));
    s.put("/too-large", get((req, res) -> {
      // Random text: codecs compress, so a repeated character would fit.
      byte[] noise = new byte[4000];
      new java.security.SecureRandom().nextBytes(noise);
      SatchelServlet.session(req).put("essay", java.util.Base64.getEncoder().encodeToString(noise));
      text(res, "stored");
    }));
    s.put("/redirect", get((req, res) -> {
      SatchelServlet.session(req).put("redirected", true);
      res.sendRedirect("/me");
    }));
    s.put("/send-error", get((req, res) -> {
      SatchelServlet.session(req).put("errored", true);
      res.sendError(409, "conflict on purpose");
    }));
    s.put("/length", get((req, res) -> {
      Session session = SatchelServlet.session(req);
      session.put("length", true);
      res.setContentType("text/plain");
      res.setContentLength(5);
      res.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
      session.put("afterLength", true); // too late: the response is complete
    }));
    s.put("/length-utf8", get((req, res) -> {
      Session session = SatchelServlet.session(req);
      session.put("utf8", true);
      res.setContentType("text/plain;charset=UTF-8");
      res.setContentLength("h\u00e9llo \u20ac".getBytes(StandardCharsets.UTF_8).length); // 10 bytes, 7 chars
      res.getWriter().write("h\u00e9llo \u20ac");
      session.put("afterUtf8", true); // too late
    }));
    s.put("/flush-then-set", get((req, res) -> {
      Session session = SatchelServlet.session(req);
      session.put("beforeFlush", true);
      res.getWriter().write("flushed");
      res.flushBuffer();
      session.put("afterFlush", true); // too late: headers are gone
    }));
    s.put("/async", get((req, res) -> {
      AsyncContext async = req.startAsync();
      async.start(() -> {
        try {
          SatchelServlet.session(async.getRequest()).put("async", "done");
          async.getResponse().getWriter().write("async ok");
        } catch (IOException e) {
          throw new IllegalStateException(e);
        } finally {
          async.complete();
        }
      });
    }));
    s.put("/async-timeout", get((req, res) -> {
      SatchelServlet.session(req).put("timedOut", true);
      AsyncContext async = req.startAsync();
      async.setTimeout(300); // and never completed: the container times it out
    }));
    s.put("/async-dispatch", get((req, res) -> {
      SatchelServlet.session(req).put("dispatched", true);
      req.startAsync().dispatch("/dump");
    }));
    s.put("/http-session", get((req, res) -> {
      String op = req.getParameter("op");
      switch (op) {
        case "set" -> {
          HttpSession hs = req.getSession();
          boolean isNew = hs.isNew();
          hs.setAttribute("color", req.getParameter("v"));
          text(res, "new=" + isNew);
        }
        case "get" -> {
          HttpSession hs = req.getSession(false);
          text(res, hs == null ? "none" : "color=" + hs.getAttribute("color") + " max=" + hs.getMaxInactiveInterval()
              + " new=" + hs.isNew() + " names=" + java.util.Collections.list(hs.getAttributeNames())
              + (hs.getAttribute("_csrf") == null ? "" : " LEAK"));
        }
        case "remove" -> {
          req.getSession().setAttribute("color", null);
          text(res, "removed");
        }
        case "invalidate" -> {
          HttpSession hs = req.getSession();
          hs.invalidate();
          boolean stale;
          try {
            hs.getAttribute("color");
            stale = false;
          } catch (IllegalStateException e) {
            stale = true;
          }
          text(res, "after=" + (req.getSession(false) == null ? "none" : "some") + " staleThrows=" + stale);
        }
        case "change" -> {
          String before = req.getSession().getId();
          String after = req.changeSessionId();
          text(res, "changed=" + !before.equals(after) + " idNow=" + after.equals(req.getSession().getId()));
        }
        default -> res.sendError(400, "unknown op");
      }
    }));
    return s;
  }

  /** A servlet body. */
  @FunctionalInterface
  public interface Handler {
    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException;
  }

  public static HttpServlet get(Handler handler) {
    return new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        handler.handle(req, resp);
      }
    };
  }

  static HttpServlet post(Handler handler) {
    return new HttpServlet() {
      @Override
      protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        handler.handle(req, resp);
      }
    };
  }

  public static void text(HttpServletResponse res, String body) throws IOException {
    res.setContentType("text/plain;charset=UTF-8");
    res.getWriter().write(body);
  }
}
