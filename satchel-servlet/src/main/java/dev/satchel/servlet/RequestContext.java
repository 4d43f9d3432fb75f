package dev.satchel.servlet;

import dev.satchel.csrf.CsrfProtection;
import dev.satchel.json.SessionJson;
import dev.satchel.session.RequestSession;
import dev.satchel.session.Session;
import dev.satchel.session.SessionTooLargeException;
import dev.satchel.store.SessionStoreUnavailableException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything Satchel knows about one request: its lazily loaded session, whether the session has been written back,
 * the {@code HttpSession} view handed out, the CSRF token rendered. Shared by the request and response wrappers and
 * by async continuations, hence synchronized.
 */
final class RequestContext {

  /** The request attribute this context is kept under, so re-dispatches and the static helpers find it. */
  static final String ATTRIBUTE = RequestContext.class.getName();

  static final String STORE_UNAVAILABLE_MESSAGE =
      "Service temporarily unavailable: the session store cannot be reached. Please try again in a moment.\n";
  static final String SESSION_TOO_LARGE_MESSAGE =
      "Internal error: the session grew too large to be saved (see the server log).\n";

  private static final Logger LOG = LoggerFactory.getLogger(SatchelFilter.class);

  private final SatchelFilter.Settings settings;
  private final HttpServletRequest request;
  private final HttpServletResponse response;
  private final RequestSession requestSession;
  private final long startedAt = System.currentTimeMillis();
  private SatchelRequestWrapper requestWrapper;
  private SatchelResponseWrapper responseWrapper;
  private boolean sessionCommitted;
  private boolean existedAtLoad;
  private boolean loadSeen;
  private boolean exposed;
  /** What the session held when it was written back early; compared at the end to warn about lost changes. */
  private String fingerprintAtCommit;
  private SatchelHttpSession view;
  private String viewId;
  private String csrfToken;
  private AsyncContext asyncDelegate;
  private SatchelAsyncContext asyncWrapper;

  RequestContext(SatchelFilter.Settings settings, HttpServletRequest request, HttpServletResponse response) {
    this.settings = settings;
    this.request = request;
    this.response = response;
    this.requestSession = settings.manager().open(new ServletSessionRequest(request));
  }

  /**
   * The context of a request that passed through the filter, or null: found on the filter's request wrapper (or in
   * a wrapper of it), else in the request attribute a re-dispatch of the bare request relies on.
   */
  static RequestContext of(ServletRequest request) {
    RequestContext wrapped = wrapped(request);
    if (wrapped != null) {
      return wrapped;
    }
    return request.getAttribute(ATTRIBUTE) instanceof RequestContext context ? context : null;
  }

  /** The context of the filter's request wrapper in {@code request}'s chain of wrappers, or null. */
  static RequestContext wrapped(ServletRequest request) {
    for (ServletRequest r = request; r instanceof ServletRequestWrapper w; r = w.getRequest()) {
      if (r instanceof SatchelRequestWrapper satchel) {
        return satchel.context();
      }
    }
    return null;
  }

  /**
   * Puts this context in a request attribute, for the container's dispatches that hand the filter its own bare
   * request (error pages, async dispatches). Only done when one may follow: setting an attribute costs the container
   * a map per request, a measurable share of Satchel's overhead on a small request.
   */
  synchronized void exposeForRedispatch() {
    if (!exposed) {
      exposed = true;
      request.setAttribute(ATTRIBUTE, this);
    }
  }

  SatchelRequestWrapper requestWrapper() {
    if (requestWrapper == null) {
      requestWrapper = new SatchelRequestWrapper(request, this);
    }
    return requestWrapper;
  }

  SatchelResponseWrapper responseWrapper() {
    if (responseWrapper == null) {
      responseWrapper = new SatchelResponseWrapper(response, this);
    }
    return responseWrapper;
  }

  SatchelFilter.Settings settings() {
    return settings;
  }

  HttpServletRequest request() {
    return request;
  }

  long startedAt() {
    return startedAt;
  }

  // ---- the session ----

  /** The session, loaded on first use. */
  synchronized Session session() {
    Session session = requestSession.session();
    if (!loadSeen) {
      loadSeen = true;
      existedAtLoad = !session.isNew();
    }
    if (sessionCommitted && fingerprintAtCommit == null) {
      // First use after the write-back: whatever this request changes from now on cannot be saved.
      fingerprintAtCommit = fingerprint(session);
    }
    return session;
  }

  /** True when the visitor came with a valid session. */
  synchronized boolean sessionExistedBefore() {
    session();
    return existedAtLoad;
  }

  /** True when a session exists now in the servlet sense: it came with the request, or was started during it. */
  synchronized boolean sessionExists() {
    Session session = session();
    return view != null || !session.isNew() || !session.isEmpty();
  }

  synchronized boolean isSessionCommitted() {
    return sessionCommitted;
  }

  /**
   * Writes the session back and adds its cookie headers; runs at most once, before the response is committed.
   *
   * @throws SessionStoreUnavailableException when the store cannot be reached
   * @throws SessionTooLargeException when a cookie session is too large
   */
  synchronized void commitSession() {
    commitSession(true);
  }

  /**
   * Writes the session back; {@code early} when the application may still run afterwards (a flush, a redirect),
   * so later changes can be noticed. At the end of the request nothing can follow, and the snapshot is skipped.
   */
  private void commitSession(boolean early) {
    if (sessionCommitted) {
      return;
    }
    sessionCommitted = true;
    boolean loaded = requestSession.isLoaded();
    Session session = loaded ? requestSession.session() : null;
    boolean wasNew = loaded && session.isNew();
    requestSession.commit(new ServletSessionResponse(request, response));
    if (loaded) {
      if (early) {
        fingerprintAtCommit = fingerprint(session);
      }
      if (wasNew && !session.isNew()) {
        fireCreated();
      }
    }
  }

  /** The end of the request: writes the session back if nothing did yet, and warns about changes made too late. */
  synchronized void finish() {
    commitSession(false);
    if (fingerprintAtCommit != null && !fingerprintAtCommit.equals(fingerprint(requestSession.session()))) {
      LOG.warn("The session of {} {} changed after the response was committed; that change was NOT saved. Change "
          + "the session before writing the body (or before flush, sendRedirect, sendError).",
          request.getMethod(), request.getRequestURI());
      fingerprintAtCommit = null;
    }
  }

  private static String fingerprint(Session session) {
    return SessionJson.write(List.of(session.toMap(), session.peekFlashes(),
        session.principal().orElse(""), session.isPermanent()));
  }

  // ---- failures ----

  /** True when {@code error} (or one of its causes) is a session failure the filter answers itself. */
  static boolean isSessionFailure(Throwable error) {
    return sessionFailure(error) != null;
  }

  private static Throwable sessionFailure(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SessionStoreUnavailableException || t instanceof SessionTooLargeException) {
        return t;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  /**
   * Answers a session failure with a plain-text 503 (store down) or 500 (session too large), never a stack trace;
   * the details go to the server log.
   */
  void respondToFailure(Throwable error) {
    Throwable failure = sessionFailure(error);
    boolean unavailable = failure instanceof SessionStoreUnavailableException;
    if (unavailable) {
      LOG.warn("Session store unavailable for {} {}: {}", request.getMethod(), request.getRequestURI(),
          failure.getMessage(), failure);
    } else {
      LOG.error("Session not saved for {} {}: {}", request.getMethod(), request.getRequestURI(),
          failure.getMessage());
    }
    if (response.isCommitted()) {
      LOG.error("The response to {} {} was already committed; its status could not be changed.",
          request.getMethod(), request.getRequestURI());
      return;
    }
    respondPlain(response, unavailable ? HttpServletResponse.SC_SERVICE_UNAVAILABLE
        : HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
        unavailable ? STORE_UNAVAILABLE_MESSAGE : SESSION_TOO_LARGE_MESSAGE, unavailable ? "5" : null, true);
  }

  /**
   * Answers with a short plain-text body; {@code reset} first discards what the application already put in the
   * response (headers, buffered body), which a failure half-way through a request needs.
   */
  static void respondPlain(HttpServletResponse response, int status, String message, String retryAfter,
      boolean reset) {
    if (reset) {
      response.reset();
    }
    response.setStatus(status);
    if (retryAfter != null) {
      response.setHeader("Retry-After", retryAfter);
    }
    response.setContentType("text/plain;charset=UTF-8");
    response.setHeader("Cache-Control", "no-store");
    byte[] body = message.getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    try {
      ServletOutputStream out = response.getOutputStream();
      out.write(body);
    } catch (IllegalStateException e) {
      // The application took the writer; reset() did not release it on this container.
      try {
        PrintWriter writer = response.getWriter();
        writer.write(message);
      } catch (IOException | IllegalStateException ignored) {
        LOG.debug("Could not write the error body", ignored);
      }
    } catch (IOException e) {
      LOG.debug("Client went away before the error body was written", e);
    }
  }

  // ---- the HttpSession view ----

  /** The {@code HttpSession} view: the current one, a new one when {@code create}, or null. */
  synchronized SatchelHttpSession view(boolean create) {
    if (view != null) {
      return view;
    }
    if (!create && !sessionExists()) {
      return null;
    }
    // No id yet: it is a random UUID (a SecureRandom draw), and most code calling getSession() never asks for it.
    view = new SatchelHttpSession(this, session());
    return view;
  }

  /** The id of {@code session}, drawn on first use; only the current view can still lack one. */
  synchronized String idOf(SatchelHttpSession session) {
    if (session.id == null) {
      session.id = viewId();
    }
    return session.id;
  }

  private String viewId() {
    if (viewId == null) {
      viewId = UUID.randomUUID().toString();
    }
    return viewId;
  }

  /** The id {@link jakarta.servlet.http.HttpServletRequest#getRequestedSessionId()} reports, or null. */
  synchronized String requestedSessionId() {
    return sessionExistedBefore() ? viewId() : null;
  }

  /** {@code HttpSession.invalidate()}: listeners first (they may still read attributes), then the session ends. */
  synchronized void invalidate(SatchelHttpSession invalidated) {
    if (!settings.listeners().isEmpty()) {
      HttpSessionEvent event = new HttpSessionEvent(invalidated);
      for (HttpSessionListener listener : settings.listeners()) {
        listener.sessionDestroyed(event);
      }
    }
    idOf(invalidated); // it keeps its id; the next view gets a new one
    session().invalidate();
    if (view == invalidated) {
      view = null;
    }
    viewId = null;
  }

  /** {@code HttpServletRequest.changeSessionId()}: the session moves to a new id (and cookie) at write-back. */
  synchronized String changeSessionId() {
    if (!sessionExists()) {
      throw new IllegalStateException("changeSessionId() needs a session: call request.getSession() first");
    }
    String oldId = viewId();
    session().regenerate();
    viewId = UUID.randomUUID().toString();
    SatchelHttpSession current = view(true);
    current.id = viewId;
    if (!settings.idListeners().isEmpty()) {
      HttpSessionEvent event = new HttpSessionEvent(current);
      for (HttpSessionIdListener listener : settings.idListeners()) {
        listener.sessionIdChanged(event, oldId);
      }
    }
    return viewId;
  }

  private void fireCreated() {
    if (settings.listeners().isEmpty()) {
      return;
    }
    HttpSessionEvent event = new HttpSessionEvent(view(true));
    for (HttpSessionListener listener : settings.listeners()) {
      try {
        listener.sessionCreated(event);
      } catch (RuntimeException e) {
        // The session is saved already; a failing listener must not turn the request into an error.
        LOG.warn("HttpSessionListener {} failed in sessionCreated", listener.getClass().getName(), e);
      }
    }
  }

  // ---- CSRF ----

  /** This request's masked CSRF token (one per request: every form on the page may use it). */
  synchronized String csrfToken() {
    if (csrfToken == null) {
      CsrfProtection csrf = settings.csrf() != null ? settings.csrf() : CsrfProtection.defaults();
      csrfToken = csrf.token(session());
    }
    return csrfToken;
  }

  // ---- async ----

  /** Wraps the container's async context so {@code complete()} writes the session back first. */
  synchronized AsyncContext async(AsyncContext delegate) {
    if (delegate == null) {
      return null;
    }
    exposeForRedispatch(); // an async dispatch or a timeout's error page will bring the bare request
    if (delegate != asyncDelegate) {
      asyncDelegate = delegate;
      asyncWrapper = new SatchelAsyncContext(delegate, this);
      delegate.addListener(new SessionAsyncListener(this));
    }
    return asyncWrapper;
  }

  /**
   * Writes the session back now, because the container is about to complete the response on its own (an async
   * callback, the end of a forward); a failure is answered there and then, if still possible.
   */
  void commitNow() {
    try {
      commitSession();
    } catch (RuntimeException e) {
      if (!isSessionFailure(e)) {
        throw e;
      }
      respondToFailure(e);
    }
  }

  /** The async cycle ended: the response is complete, so only a warning about late changes remains possible. */
  void finishFromAsync() {
    try {
      finish();
    } catch (RuntimeException e) {
      LOG.warn("Session of {} {} could not be saved when the async request completed: {}", request.getMethod(),
          request.getRequestURI(), e.getMessage(), e);
    }
  }
}
