package dev.satchel.session;

import dev.satchel.cookie.SameSite;
import java.util.Objects;

/**
 * The attributes of the session cookie. Defaults are the secure ones: HttpOnly, SameSite=Lax, Path=/, Secure on
 * HTTPS.
 *
 * @param name the cookie name (default {@code session}, as Flask); a {@code __Host-} name forces Secure, Path=/ and
 *     no Domain, the strongest binding a browser offers
 * @param path the cookie path
 * @param domain the cookie domain, or null for host-only (the safe default)
 * @param sameSite the SameSite attribute, or null to leave it out
 * @param httpOnly hides the cookie from JavaScript
 * @param secure when to mark it Secure
 * @param partitioned CHIPS partitioning, for sessions embedded in third-party frames
 */
public record SessionCookieSettings(String name, String path, String domain, SameSite sameSite, boolean httpOnly,
    SecureMode secure, boolean partitioned) {

  /** Cookie name, path, SameSite=Lax, HttpOnly, Secure on HTTPS, host-only. */
  public static final SessionCookieSettings DEFAULTS =
      new SessionCookieSettings("session", "/", null, SameSite.LAX, true, SecureMode.AUTO, false);

  public SessionCookieSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(secure, "secure");
    if (name.startsWith("__Host-") && (domain != null || !path.equals("/"))) {
      throw new IllegalArgumentException("A __Host- cookie must have Path=/ and no Domain (cookie '" + name + "')");
    }
  }

  /** True when the name's prefix obliges browsers to demand Secure. */
  public boolean prefixRequiresSecure() {
    return name.startsWith("__Host-") || name.startsWith("__Secure-");
  }

  public SessionCookieSettings withName(String name) {
    return new SessionCookieSettings(name, path, domain, sameSite, httpOnly, secure, partitioned);
  }

  public SessionCookieSettings withPath(String path) {
    return new SessionCookieSettings(name, path, domain, sameSite, httpOnly, secure, partitioned);
  }

  public SessionCookieSettings withDomain(String domain) {
    return new SessionCookieSettings(name, path, domain, sameSite, httpOnly, secure, partitioned);
  }

  public SessionCookieSettings withSameSite(SameSite sameSite) {
    return new SessionCookieSettings(name, path, domain, sameSite, httpOnly, secure, partitioned);
  }

  public SessionCookieSettings withHttpOnly(boolean httpOnly) {
    return new SessionCookieSettings(name, path, domain, sameSite, httpOnly, secure, partitioned);
  }

  public SessionCookieSettings withSecure(SecureMode secure) {
    return new SessionCookieSettings(name, path, domain, sameSite, httpOnly, secure, partitioned);
  }

  public SessionCookieSettings withPartitioned(boolean partitioned) {
    return new SessionCookieSettings(name, path, domain, sameSite, httpOnly, secure, partitioned);
  }
}
