package dev.satchel.session;

import dev.satchel.cookie.Cookie;
import dev.satchel.cookie.InvalidCookieException;
import dev.satchel.cookie.RequestCookies;
import dev.satchel.http.SessionRequest;
import dev.satchel.http.SessionResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Reads the session cookie from a request and writes it (or its deletion) to a response. The cookie's attributes
 * never change for a given manager, so the four variants (Secure or not, permanent or not) are built and validated
 * once; each response only checks the new value.
 */
final class SessionCookieWriter {

  private final SessionCookieSettings settings;
  private final Set<String> trustedProxies;
  /** Indexed by {@link #variant}: the session cookie with an empty value. */
  private final Cookie[] templates = new Cookie[4];
  /** Indexed by {@code secure ? 1 : 0}: the Set-Cookie header deleting the session cookie. */
  private final String[] deletions = new String[2];

  SessionCookieWriter(SessionCookieSettings settings, SessionManager.Timeouts timeouts, Set<String> trustedProxies) {
    this.settings = settings;
    this.trustedProxies = trustedProxies;
    for (int secure = 1; secure >= 0; secure--) {
      try {
        Cookie.Builder session = base(secure == 1);
        templates[variant(secure == 1, false)] = session.build();
        templates[variant(secure == 1, true)] = session.maxAge(timeouts.permanentLifetime()).build();
        deletions[secure] = base(secure == 1).build().expired().toSetCookieHeader();
      } catch (InvalidCookieException e) {
        if (secure == 1) {
          throw e; // settings no response could ever carry: say so at start-up
        }
        // Only valid with Secure (SameSite=None, a prefix, Partitioned): sending it over plain HTTP fails in
        // template() with the builder's message, as building it per response did.
      }
    }
  }

  private Cookie template(boolean secure, boolean permanent) {
    Cookie template = templates[variant(secure, permanent)];
    if (template == null) {
      base(secure).build(); // throws the builder's own message (e.g. SameSite=None needs Secure)
    }
    return template;
  }

  private static int variant(boolean secure, boolean permanent) {
    return (secure ? 2 : 0) + (permanent ? 1 : 0);
  }

  /** The session cookie's value in the request, or null. */
  String read(SessionRequest request) {
    var headers = request.headers("Cookie");
    if (headers.isEmpty()) {
      return null;
    }
    String value = RequestCookies.find(headers, settings.name());
    return value == null || value.isEmpty() ? null : value;
  }

  /** Adds the session cookie holding {@code value}. */
  void write(SessionRequest request, SessionResponse response, String value, boolean permanent) {
    int size = settings.name().getBytes(StandardCharsets.UTF_8).length + value.length();
    if (size > SessionManager.MAX_COOKIE_BYTES) {
      throw new SessionTooLargeException(settings.name(), size, SessionManager.MAX_COOKIE_BYTES);
    }
    Cookie cookie = template(isSecure(request), permanent).withValue(value);
    response.addHeader("Set-Cookie", cookie.toSetCookieHeader());
  }

  /** Adds a Set-Cookie that makes the browser forget the session cookie. */
  void delete(SessionRequest request, SessionResponse response) {
    boolean secure = isSecure(request);
    template(secure, false); // throws when this cookie cannot be sent here
    response.addHeader("Set-Cookie", deletions[secure ? 1 : 0]);
  }

  /** Tells caches that the response depends on the session cookie. */
  static void vary(SessionResponse response) {
    response.addHeader("Vary", "Cookie");
  }

  private Cookie.Builder base(boolean secure) {
    Cookie.Builder cookie = Cookie.builder(settings.name(), "")
        .path(settings.path())
        .httpOnly(settings.httpOnly())
        .secure(secure)
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
