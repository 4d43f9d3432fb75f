package dev.satchel.servlet;

import dev.satchel.session.Session;
import jakarta.servlet.ServletRequest;

/**
 * Static access to Satchel from servlet code: the session and the CSRF token of the current request.
 *
 * <pre>{@code
 * Session session = SatchelServlet.session(request);
 * session.put("user", "alice");
 * String token = SatchelServlet.csrfToken(request);   // <input type="hidden" name="csrf_token" value="...">
 * }</pre>
 */
public final class SatchelServlet {

  /** Request attribute holding the {@link Session} (loaded when first read), for templates and JSPs. */
  public static final String SESSION_ATTRIBUTE = "satchel.session";

  /** Request attribute holding a masked CSRF token, for forms: {@code ${requestScope['satchel.csrfToken']}}. */
  public static final String CSRF_TOKEN_ATTRIBUTE = "satchel.csrfToken";

  private SatchelServlet() {}

  /**
   * The session of this request.
   *
   * @throws IllegalStateException when the request did not pass through {@link SatchelFilter}
   * @throws dev.satchel.store.SessionStoreUnavailableException when the store cannot be reached
   */
  public static Session session(ServletRequest request) {
    return context(request).session();
  }

  /** A masked CSRF token of this request's session, to render in a form field or a meta tag. */
  public static String csrfToken(ServletRequest request) {
    return context(request).csrfToken();
  }

  private static RequestContext context(ServletRequest request) {
    RequestContext context = RequestContext.of(request);
    if (context == null) {
      throw new IllegalStateException("No Satchel session on this request: map SatchelFilter to this URL "
          + "(e.g. '/*', dispatcher types REQUEST, FORWARD, ASYNC and ERROR) before the servlet that asks for it.");
    }
    return context;
  }
}
