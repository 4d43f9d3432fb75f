package dev.satchel.javalin;

import dev.satchel.cookie.Cookie;
import dev.satchel.cookie.RequestCookies;
import dev.satchel.csrf.CsrfProtection;
import dev.satchel.http.SessionRequest;
import dev.satchel.session.RequestSession;
import dev.satchel.session.Session;
import dev.satchel.session.SessionManager;
import io.javalin.config.Key;
import io.javalin.http.Context;
import java.util.List;

/** What handlers use: the session, cookies and the CSRF token of the current request. */
public final class SatchelJavalin {

  static final String REQUEST_SESSION = "satchel.requestSession";
  /** App-wide, so a request pays for nothing but its own session. */
  static final Key<Runtime> RUNTIME = new Key<>("satchel.runtime");
  private static final String COOKIES = "satchel.requestCookies";

  /** What the plugin shares with handlers. */
  record Runtime(SessionManager manager, CsrfProtection csrf) {}

  private SatchelJavalin() {}

  /** The session of this request, loaded on first use. */
  public static Session session(Context ctx) {
    return requestSession(ctx).session();
  }

  /**
   * Writes the session now, before the handler streams the body itself ({@code ctx.outputStream()}, large
   * {@code ctx.result(InputStream)} written early): once the response is committed no cookie can be added. The
   * plugin's own commit after the handler then does nothing.
   */
  public static void commit(Context ctx) {
    requestSession(ctx).commit(new JavalinSessionResponse(ctx));
  }

  /** The session manager the plugin runs with (for "log out everywhere" and admin pages). */
  public static SessionManager manager(Context ctx) {
    return runtime(ctx).manager();
  }

  /** A fresh masked CSRF token for a form of this request's session. */
  public static String csrfToken(Context ctx) {
    return runtime(ctx).csrf().token(session(ctx));
  }

  /** The form field name the CSRF token goes in. */
  public static String csrfFieldName(Context ctx) {
    return runtime(ctx).csrf().fieldName();
  }

  /** The first value of the request cookie {@code name}, or null. */
  public static String cookie(Context ctx, String name) {
    return requestCookies(ctx).get(name);
  }

  /** Every cookie the request carries. */
  public static RequestCookies cookies(Context ctx) {
    return requestCookies(ctx);
  }

  /** Sends {@code cookie} with the response (build it with {@code Cookie.builder}: it is validated there). */
  public static void setCookie(Context ctx, Cookie cookie) {
    ctx.res().addHeader("Set-Cookie", cookie.toSetCookieHeader());
  }

  /** Tells the browser to forget cookie {@code name} set with Path=/ and no Domain. */
  public static void deleteCookie(Context ctx, String name) {
    deleteCookie(ctx, name, "/", null);
  }

  /** Tells the browser to forget cookie {@code name} set with this path and domain (they must match). */
  public static void deleteCookie(Context ctx, String name, String path, String domain) {
    setCookie(ctx, Cookie.deletion(name, path, domain));
  }

  private static RequestCookies requestCookies(Context ctx) {
    RequestCookies cached = ctx.attribute(COOKIES);
    if (cached == null) {
      List<String> headers = SessionRequest.listOf(ctx.req().getHeaders("Cookie"));
      cached = headers.isEmpty() ? RequestCookies.empty() : RequestCookies.parse(headers);
      ctx.attribute(COOKIES, cached);
    }
    return cached;
  }

  private static RequestSession requestSession(Context ctx) {
    RequestSession rs = ctx.attribute(REQUEST_SESSION);
    if (rs == null) {
      throw new IllegalStateException("No Satchel session on this request: register the plugin with "
          + "cfg.registerPlugin(new SatchelPlugin(...))");
    }
    return rs;
  }

  private static Runtime runtime(Context ctx) {
    Runtime runtime;
    try {
      runtime = ctx.appData(RUNTIME);
    } catch (RuntimeException e) {
      runtime = null; // Javalin's "no such key" error would not say what to do
    }
    if (runtime == null) {
      throw new IllegalStateException("Satchel is not set up for this request: register the plugin with "
          + "cfg.registerPlugin(new SatchelPlugin(...))");
    }
    return runtime;
  }
}
