package dev.satchel.session;

import dev.satchel.cookie.Cookie;
import dev.satchel.cookie.RequestCookies;
import dev.satchel.http.SessionRequest;
import dev.satchel.http.SessionResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Reads the session cookie from a request and writes it (or its deletion) to a response. */
final class SessionCookieWriter {

  private final SessionCookieSettings settings;
  private final SessionManager.Timeouts timeouts;
  private final Set<String> trustedProxies;

  SessionCookieWriter(SessionCookieSettings settings, SessionManager.Timeouts timeouts, Set<String> trustedProxies) {
    this.settings = settings;
    this.timeouts = timeouts;
    this.trustedProxies = trustedProxies;
  }

  /** The session cookie's value in the request, or null. */
  String read(SessionRequest request) {
    var headers = request.headers("Cookie");
    if (headers.isEmpty()) {
      return null;
    }
    String value = RequestCookies.parse(headers).get(settings.name());
    return value == null || value.isEmpty() ? null : value;
  }

  /** Adds the session cookie holding {@code value}. */
  void write(SessionRequest request, SessionResponse response, String value, boolean permanent) {
    int size = settings.name().getBytes(StandardCharsets.UTF_8).length + value.length();
    if (size > SessionManager.MAX_COOKIE_BYTES) {
      throw new SessionTooLargeException(settings.name(), size, SessionManager.MAX_COOKIE_BYTES);
    }
    Cookie.Builder cookie = base(request, value);
    if (permanent) {
      cookie.maxAge(timeouts.permanentLifetime());
    }
    response.addHeader("Set-Cookie", cookie.build().toSetCookieHeader());
  }

  /** Adds a Set-Cookie that makes the browser forget the session cookie. */
  void delete(SessionRequest request, SessionResponse response) {
    Cookie deletion = base(request, "").build().expired();
    response.addHeader("Set-Cookie", deletion.toSetCookieHeader());
  }

  /** Tells caches that the response depends on the session cookie. */
  static void vary(SessionResponse response) {
    response.addHeader("Vary", "Cookie");
  }

  private Cookie.Builder base(SessionRequest request, String value) {
    Cookie.Builder cookie = Cookie.builder(settings.name(), value)
        .path(settings.path())
        .httpOnly(settings.httpOnly())
        .secure(isSecure(request))
        .partitioned(settings.partitioned());
    if (settings.domain() != null) {
      cookie.domain(settings.domain());
    }
    if (settings.sameSite() != null) {
      cookie.sameSite(settings.sameSite());
    }
    return cookie;
  }

  private boolean isSecure(SessionRequest request) {
    if (settings.prefixRequiresSecure() || settings.partitioned()) {
      return true;
    }
    return switch (settings.secure()) {
      case ALWAYS -> true;
      case NEVER -> settings.sameSite() == dev.satchel.cookie.SameSite.NONE;
      case AUTO -> request.isSecure() || forwardedHttps(request);
    };
  }

  private boolean forwardedHttps(SessionRequest request) {
    if (trustedProxies.isEmpty() || !trustedProxies.contains(request.remoteAddress())) {
      return false;
    }
    String proto = request.header("X-Forwarded-Proto");
    if (proto == null) {
      return false;
    }
    // A chain of proxies appends; the first value is what the client used.
    int comma = proto.indexOf(',');
    String first = (comma < 0 ? proto : proto.substring(0, comma)).trim();
    return first.equalsIgnoreCase("https");
  }
}
