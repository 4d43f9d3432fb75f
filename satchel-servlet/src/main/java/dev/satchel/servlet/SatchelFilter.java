package dev.satchel.servlet;

import dev.satchel.csrf.CsrfProtection;
import dev.satchel.csrf.CsrfResult;
import dev.satchel.session.SessionManager;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Gives every request its Satchel session and writes it back before the response is committed.
 *
 * <pre>{@code
 * SessionManager sessions = SessionManager.builder().codec(SignedCookieCodec.of(KeyRing.fromEnvironment())).build();
 * FilterRegistration.Dynamic f = servletContext.addFilter("satchel",
 *     SatchelFilter.builder(sessions).csrfExempt("/api/*").build());
 * f.setAsyncSupported(true);
 * f.addMappingForUrlPatterns(
 *     EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ASYNC, DispatcherType.ERROR),
 *     false, "/*");
 * }</pre>
 *
 * <p>The session loads on first use ({@link SatchelServlet#session}, {@code request.getSession()}); a request that
 * never touches it costs nothing. CSRF protection is on by default: unsafe methods (POST, PUT, PATCH, DELETE) need a
 * token of the session in the {@code csrf_token} form field or the {@code X-CSRF-Token} header, else 403 with the
 * reason. A store outage is a plain 503; a cookie session too large for browsers a plain 500.
 *
 * <p>For web.xml, the no-argument constructor takes the {@link SessionManager} from the servlet context attribute
 * named {@code dev.satchel.session.SessionManager}; init parameters {@code csrf} ({@code true}/{@code false}) and
 * {@code csrf-exempt} (comma-separated patterns) configure CSRF.
 */
public final class SatchelFilter implements Filter {

  /** Servlet context attribute the no-argument constructor reads the {@link SessionManager} from. */
  public static final String MANAGER_ATTRIBUTE = SessionManager.class.getName();

  private volatile Settings settings;

  /** What the filter does, fixed at construction. */
  record Settings(SessionManager manager, CsrfProtection csrf, PathPatterns csrfExempt,
      List<HttpSessionListener> listeners, List<HttpSessionIdListener> idListeners) {}

  /** For web.xml: configured in {@link #init} from the servlet context. */
  public SatchelFilter() {}

  /** Sessions from {@code manager}, CSRF protection with the defaults. */
  public SatchelFilter(SessionManager manager) {
    this(builder(manager).settings());
  }

  private SatchelFilter(Settings settings) {
    this.settings = settings;
  }

  /** A builder for a filter using {@code manager}. */
  public static Builder builder(SessionManager manager) {
    return new Builder(manager);
  }

  @Override
  public void init(FilterConfig config) throws ServletException {
    if (settings != null) {
      return;
    }
    if (!(config.getServletContext().getAttribute(MANAGER_ATTRIBUTE) instanceof SessionManager manager)) {
      throw new ServletException("SatchelFilter needs a SessionManager: put one in the servlet context attribute '"
          + MANAGER_ATTRIBUTE + "' (e.g. from a ServletContextListener), or construct the filter with "
          + "SatchelFilter.builder(manager).build().");
    }
    Builder builder = builder(manager);
    if ("false".equalsIgnoreCase(config.getInitParameter("csrf"))) {
      builder.noCsrf();
    }
    String exempt = config.getInitParameter("csrf-exempt");
    if (exempt != null && !exempt.isBlank()) {
      builder.csrfExempt(Arrays.stream(exempt.split(",")).map(String::trim).filter(s -> !s.isEmpty())
          .toArray(String[]::new));
    }
    settings = builder.settings();
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
      chain.doFilter(req, res);
      return;
    }
    Settings current = settings;
    if (current == null) {
      throw new ServletException("SatchelFilter was not initialized");
    }
    // A REQUEST dispatch meets an earlier context only inside its own wrapper (the filter mapped twice): the
    // attribute is set no earlier than an error page or an async dispatch, so only those look it up.
    RequestContext existing = request.getDispatcherType() == DispatcherType.REQUEST
        ? RequestContext.wrapped(request) : RequestContext.of(request);
    if (existing != null) {
      redispatch(existing, request, response, chain);
      return;
    }
    RequestContext context = new RequestContext(current, request, response);
    SatchelRequestWrapper wrappedRequest = context.requestWrapper();
    SatchelResponseWrapper wrappedResponse = context.responseWrapper();
    try {
      if (csrfRefused(current, context, request, response)) {
        // Nothing of the refused request is kept: the session is not written back.
        return;
      }
      chain.doFilter(wrappedRequest, wrappedResponse);
    } catch (IOException | ServletException | RuntimeException | Error e) {
      if (RequestContext.isSessionFailure(e)) {
        context.respondToFailure(e);
        return;
      }
      context.exposeForRedispatch(); // the container's error page gets the bare request
      try {
        // The container will answer with an error page; the session still gets written (as Flask does).
        context.finish();
      } catch (RuntimeException commitFailure) {
        e.addSuppressed(commitFailure);
      }
      throw e;
    }
    if (request.isAsyncStarted()) {
      // SatchelAsyncContext.complete() and SessionAsyncListener write the session when the async work ends.
      return;
    }
    finishOrRespond(context);
  }

  /** A forward, include, error page or async dispatch of a request that already has its session. */
  private static void redispatch(RequestContext context, HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws IOException, ServletException {
    // Containers dispatch error pages (and async dispatch may go) with the bare request: wrap it again.
    HttpServletRequest r = RequestContext.wrapped(request) != null ? request
        : new SatchelRequestWrapper(request, context);
    HttpServletResponse s = response instanceof SatchelResponseWrapper ? response
        : new SatchelResponseWrapper(response, context);
    try {
      chain.doFilter(r, s);
    } catch (IOException | ServletException | RuntimeException e) {
      if (RequestContext.isSessionFailure(e)) {
        context.respondToFailure(e);
        return;
      }
      throw e;
    }
    if (request.isAsyncStarted()) {
      return;
    }
    if (request.getDispatcherType() == DispatcherType.ASYNC) {
      finishOrRespond(context);
    } else if (request.getDispatcherType() == DispatcherType.FORWARD) {
      // The container completes the response as soon as a forward returns (Tomcat closes its own response,
      // past every wrapper): the last moment the cookie can still be added is now. Code after forward() can no
      // longer change the session, and finish() warns if it tries.
      context.commitNow();
    }
  }

  private static void finishOrRespond(RequestContext context) {
    try {
      context.finish();
    } catch (RuntimeException e) {
      if (!RequestContext.isSessionFailure(e)) {
        throw e;
      }
      context.respondToFailure(e);
    }
  }

  /** Checks an unsafe request's CSRF token; answers 403 and returns true when it is refused. */
  private static boolean csrfRefused(Settings settings, RequestContext context, HttpServletRequest request,
      HttpServletResponse response) {
    CsrfProtection csrf = settings.csrf();
    if (csrf == null || CsrfProtection.isSafeMethod(request.getMethod())
        || settings.csrfExempt().matches(pathWithinApplication(request))) {
      return false;
    }
    String token = request.getHeader(csrf.headerName());
    if (token == null || token.isEmpty()) {
      token = formField(request, csrf.fieldName());
    }
    CsrfResult result = csrf.verify(new ServletSessionRequest(request), context.session(), token);
    if (result.allowed()) {
      return false;
    }
    // No reset(): headers set by filters before this one (CORS, request ids) stay on the refusal.
    RequestContext.respondPlain(response, HttpServletResponse.SC_FORBIDDEN, result.reason() + "\n", null, false);
    return true;
  }

  /** The token from a form body; other bodies (JSON...) are left unread for the application. */
  private static String formField(HttpServletRequest request, String field) {
    String type = request.getContentType();
    if (type == null) {
      return null;
    }
    String lower = type.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("application/x-www-form-urlencoded") && !lower.startsWith("multipart/form-data")) {
      return null;
    }
    try {
      return request.getParameter(field);
    } catch (IllegalStateException e) {
      // A multipart body on a servlet without multipart configuration cannot be parsed here.
      return null;
    }
  }

  /** The decoded, normalized path the container matched, as servlet URL patterns see it. */
  private static String pathWithinApplication(HttpServletRequest request) {
    String servletPath = request.getServletPath();
    String pathInfo = request.getPathInfo();
    String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    return path.isEmpty() ? "/" : path;
  }

  @Override
  public void destroy() {
    // The SessionManager (and its store) belongs to the application, which closes it.
  }

  /** Configures a {@link SatchelFilter}. */
  public static final class Builder {
    private final SessionManager manager;
    private CsrfProtection csrf = CsrfProtection.defaults();
    private final List<String> csrfExempt = new ArrayList<>();
    private final List<HttpSessionListener> listeners = new ArrayList<>();
    private final List<HttpSessionIdListener> idListeners = new ArrayList<>();

    private Builder(SessionManager manager) {
      this.manager = Objects.requireNonNull(manager, "manager");
    }

    /** The CSRF protection to apply (field and header names, trusted origins). On by default. */
    public Builder csrf(CsrfProtection csrf) {
      this.csrf = Objects.requireNonNull(csrf, "csrf (use noCsrf() to turn CSRF protection off)");
      return this;
    }

    /** Turns CSRF protection off (an API authenticated by bearer tokens only, or another CSRF filter in place). */
    public Builder noCsrf() {
      this.csrf = null;
      return this;
    }

    /**
     * Paths whose unsafe requests need no CSRF token: {@code /api/*}, {@code *.json} or exact paths. Only for
     * endpoints that do not authenticate with the session cookie (bearer tokens, webhooks with signatures).
     */
    public Builder csrfExempt(String... patterns) {
      csrfExempt.addAll(new PathPatterns(List.of(patterns)).patterns());
      return this;
    }

    /**
     * Tells {@code listener} when a session is first saved ({@code sessionCreated}) and when it is invalidated
     * through {@code HttpSession.invalidate()} ({@code sessionDestroyed}); idle expiry is not reported (see
     * docs/integrations.md).
     */
    public Builder sessionListener(HttpSessionListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Tells {@code listener} when {@code request.changeSessionId()} gives the session a new id. */
    public Builder sessionIdListener(HttpSessionIdListener listener) {
      idListeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    Settings settings() {
      return new Settings(manager, csrf, new PathPatterns(csrfExempt), List.copyOf(listeners),
          List.copyOf(idListeners));
    }

    /** Builds the filter. */
    public SatchelFilter build() {
      return new SatchelFilter(settings());
    }
  }
}
