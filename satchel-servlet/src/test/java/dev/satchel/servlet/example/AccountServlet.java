package dev.satchel.servlet.example;

import dev.satchel.servlet.SatchelServlet;
import dev.satchel.session.Flash;
import dev.satchel.session.Session;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/** Login, a page, logout with Satchel in a plain servlet (docs/integrations.md). */
@WebServlet("/account/*")
public class AccountServlet extends HttpServlet {

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Session session = SatchelServlet.session(req);
    String user = session.get("user", String.class);
    resp.setContentType("text/html;charset=UTF-8");
    PrintWriter out = resp.getWriter();
    for (Flash flash : session.consumeFlashes()) {
      out.println("<p class=\"" + escape(flash.category()) + "\">" + escape(flash.message()) + "</p>");
    }
    String action = user == null ? "login" : "logout";
    out.println("<p>Hello " + (user == null ? "stranger" : escape(user)) + "</p>");
    out.println("<form method=\"post\" action=\"/account/" + action + "\">"
        + "<input type=\"hidden\" name=\"csrf_token\" value=\"" + SatchelServlet.csrfToken(req) + "\">"
        + (user == null ? "<input name=\"user\">" : "") + "<button>" + action + "</button></form>");
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    // SatchelFilter already refused this POST with 403 unless it carried this session's CSRF token.
    Session session = SatchelServlet.session(req);
    if ("/login".equals(req.getPathInfo())) {
      String user = req.getParameter("user"); // check the password here
      session.regenerate(); // new session id on login: a planted cookie is worthless
      session.setPrincipal(user);
      session.put("user", user);
      session.flash("Welcome, " + user);
    } else {
      session.invalidate();
      session.flash("Successfully logged out");
    }
    resp.sendRedirect("/account/"); // the session cookie rides on this redirect
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
