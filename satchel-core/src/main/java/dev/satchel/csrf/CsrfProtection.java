package dev.satchel.csrf;

import dev.satchel.http.SessionRequest;
import dev.satchel.session.Session;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Cross-site request forgery defence: a synchronizer token bound to the session, plus Origin and
 * {@code Sec-Fetch-Site} checks that stop most forged requests before the token is even looked at.
 *
 * <p>Tokens are masked afresh for every page ({@code pad || pad XOR secret}), so the token bytes in a compressed
 * HTTPS response never repeat and BREACH-style compression attacks learn nothing. Any masked token of the session
 * verifies, so several open tabs all keep working.
 *
 * <p>The secret lives in the session ({@link Session#csrfSecret()}). With a server-side store, a session that holds
 * nothing else is not stored for it: the secret rides in the session cookie, signed with the manager's keys, so a
 * login form shown to a bot costs the store nothing; login (regenerate, principal change) rotates it.
 *
 * <pre>{@code
 * CsrfProtection csrf = CsrfProtection.defaults();
 * String token = csrf.token(session);                  // render in a hidden field named csrf.fieldName()
 * CsrfResult r = csrf.verify(request, session, submittedToken);   // unsafe methods only
 * if (!r.allowed()) respond 403 with r.reason();
 * }</pre>
 */
public final class CsrfProtection {

  /** Methods that must not change state, and so need no token. */
  public static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
  /** {@link #SAFE_METHODS}, most frequent first, for the per-request check. */
  private static final String[] SAFE = {"GET", "HEAD", "OPTIONS", "TRACE"};

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SECRET_BYTES = 32;

  private final String fieldName;
  private final String headerName;
  private final Set<String> trustedOrigins;

  private CsrfProtection(String fieldName, String headerName, Set<String> trustedOrigins) {
    this.fieldName = fieldName;
    this.headerName = headerName;
    this.trustedOrigins = trustedOrigins;
  }

  /** Field {@code csrf_token} (as Flask-WTF), header {@code X-CSRF-Token}, same-origin requests only. */
  public static CsrfProtection defaults() {
    return new CsrfProtection("csrf_token", "X-CSRF-Token", Set.of());
  }

  /** A copy that also accepts requests from these origins ({@code https://app.example.com}). */
  public CsrfProtection withTrustedOrigins(Set<String> origins) {
    Set<String> normalized = new java.util.HashSet<>();
    for (String origin : origins) {
      normalized.add(origin.toLowerCase(Locale.ROOT));
    }
    return new CsrfProtection(fieldName, headerName, Set.copyOf(normalized));
  }

  /** A copy with another form field and header name. */
  public CsrfProtection withNames(String fieldName, String headerName) {
    return new CsrfProtection(Objects.requireNonNull(fieldName), Objects.requireNonNull(headerName), trustedOrigins);
  }

  /** The form field the token is read from. */
  public String fieldName() {
    return fieldName;
  }

  /** The header the token is read from (for JavaScript clients). */
  public String headerName() {
    return headerName;
  }

  /** A freshly masked token for this session, to put in a form or a page's meta tag. */
  public String token(Session session) {
    byte[] secret = decode(session.csrfSecret());
    byte[] masked = new byte[SECRET_BYTES * 2];
    byte[] pad = new byte[SECRET_BYTES];
    RANDOM.nextBytes(pad);
    for (int i = 0; i < SECRET_BYTES; i++) {
      masked[i] = pad[i];
      masked[SECRET_BYTES + i] = (byte) (pad[i] ^ secret[i]);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(masked);
  }

  /**
   * True for a method in {@link #SAFE_METHODS}, in any letter case: such a request needs no token. Integrations ask it
   * on every request, so it allocates nothing.
   */
  public static boolean isSafeMethod(String method) {
    for (String safe : SAFE) {
      if (safe.equalsIgnoreCase(method)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Checks one request. Safe methods pass; unsafe ones must come from this site (Origin, Sec-Fetch-Site) and carry a
   * token of this session ({@code submittedToken}: the form field or header value, or null).
   */
  public CsrfResult verify(SessionRequest request, Session session, String submittedToken) {
    if (isSafeMethod(request.method())) {
      return CsrfResult.ok();
    }
    String fetchSite = request.header("Sec-Fetch-Site");
    if (fetchSite != null && fetchSite.equalsIgnoreCase("cross-site") && trustedOrigins.isEmpty()) {
      return CsrfResult.refused("Cross-site request refused (Sec-Fetch-Site: cross-site).");
    }
    String origin = request.header("Origin");
    if (origin != null && !originAllowed(origin, request)) {
      return CsrfResult.refused("Request from another origin refused (Origin: " + printable(origin) + ").");
    }
    if (submittedToken == null || submittedToken.isEmpty()) {
      submittedToken = request.header(headerName);
    }
    if (submittedToken == null || submittedToken.isEmpty()) {
      return CsrfResult.refused("CSRF token missing: the form must include the '" + fieldName
          + "' field (or the request the '" + headerName + "' header).");
    }
    Optional<String> secret = session.existingCsrfSecret();
    if (secret.isEmpty()) {
      return CsrfResult.refused("CSRF token does not match: the session expired or was never started. "
          + "Reload the page and try again.");
    }
    byte[] expected = decode(secret.get());
    byte[] unmasked = unmask(submittedToken);
    if (expected == null || unmasked == null || !MessageDigest.isEqual(expected, unmasked)) {
      return CsrfResult.refused("CSRF token does not match this session. Reload the page and try again.");
    }
    return CsrfResult.ok();
  }

  private boolean originAllowed(String origin, SessionRequest request) {
    String lower = origin.trim().toLowerCase(Locale.ROOT);
    if (trustedOrigins.contains(lower)) {
      return true;
    }
    String host = request.header("Host");
    if (host == null || lower.equals("null")) {
      return false;
    }
    try {
      URI uri = new URI(lower);
      if (uri.getHost() == null) {
        return false;
      }
      // A page served over HTTPS is never same-origin with an http: origin. (Behind a TLS-terminating proxy the
      // request itself looks like plain HTTP, so only this direction can be checked here.)
      if (request.isSecure() && !"https".equals(uri.getScheme())) {
        return false;
      }
      String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      return authority.equals(host.trim().toLowerCase(Locale.ROOT))
          || (uri.getPort() < 0 && host.trim().toLowerCase(Locale.ROOT).equals(uri.getHost() + ":"
              + ("https".equals(uri.getScheme()) ? 443 : 80)));
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static byte[] unmask(String token) {
    byte[] masked = decode(token);
    if (masked == null || masked.length != SECRET_BYTES * 2) {
      return null;
    }
    byte[] secret = new byte[SECRET_BYTES];
    for (int i = 0; i < SECRET_BYTES; i++) {
      secret[i] = (byte) (masked[i] ^ masked[SECRET_BYTES + i]);
    }
    return secret;
  }

  private static byte[] decode(String base64url) {
    try {
      return Base64.getUrlDecoder().decode(base64url.getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String printable(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length() && i < 100; i++) {
      char c = value.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString();
  }
}
