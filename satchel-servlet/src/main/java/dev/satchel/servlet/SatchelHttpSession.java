package dev.satchel.servlet;

import dev.satchel.session.Session;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code HttpSession} backed by a Satchel {@link Session}, so servlet code written against the container's session
 * keeps working. Values must be JSON-writable and come back from later requests as JSON types (String, Number,
 * Boolean, List, Map); within one request an attribute is the very object that was set.
 *
 * <p>Limits, because the session lives in a cookie or a Satchel store rather than in the container: {@link #getId()}
 * is an opaque name for this view, never the cookie's token; {@link #getLastAccessedTime()} is the start of the
 * current request; {@link #setMaxInactiveInterval} cannot change the manager-wide timeouts and is ignored with a
 * warning.
 */
final class SatchelHttpSession implements HttpSession {

  private static final Logger LOG = LoggerFactory.getLogger(SatchelHttpSession.class);
  private static final AtomicBoolean MAX_INACTIVE_WARNED = new AtomicBoolean();

  private final RequestContext context;
  private final Session session;
  /** Null until first asked for (see {@link RequestContext#idOf}); guarded by the context's lock. */
  String id;
  private volatile boolean valid = true;

  SatchelHttpSession(RequestContext context, Session session) {
    this.context = context;
    this.session = session;
  }

  @Override
  public long getCreationTime() {
    check();
    return session.createdAt().toEpochMilli();
  }

  @Override
  public String getId() {
    return context.idOf(this);
  }

  @Override
  public long getLastAccessedTime() {
    check();
    return context.startedAt();
  }

  @Override
  public ServletContext getServletContext() {
    return context.request().getServletContext();
  }

  @Override
  public void setMaxInactiveInterval(int interval) {
    if (MAX_INACTIVE_WARNED.compareAndSet(false, true)) {
      LOG.warn("HttpSession.setMaxInactiveInterval({}) is ignored: Satchel's timeouts are set once on the "
          + "SessionManager (idleTimeout, permanentLifetime; a permanent session lives longer).", interval);
    }
  }

  @Override
  public int getMaxInactiveInterval() {
    Duration idle = context.settings().manager().timeouts().idleFor(session.isPermanent());
    return (int) Math.min(Integer.MAX_VALUE, idle.toSeconds());
  }

  @Override
  public Object getAttribute(String name) {
    check();
    // Satchel's own keys (the CSRF secret among them) are not attributes: a page that prints them leaks nothing.
    return Session.RESERVED_KEYS.contains(name) ? null : session.get(name);
  }

  @Override
  public Enumeration<String> getAttributeNames() {
    check();
    return Collections.enumeration(session.keys());
  }

  @Override
  public void setAttribute(String name, Object value) {
    check();
    if (value == null) {
      // The servlet contract: setting null is removing.
      session.remove(name);
    } else {
      session.put(name, value);
    }
  }

  @Override
  public void removeAttribute(String name) {
    check();
    session.remove(name);
  }

  @Override
  public void invalidate() {
    check();
    context.invalidate(this);
    valid = false;
  }

  @Override
  public boolean isNew() {
    check();
    return session.isNew();
  }

  private void check() {
    if (!valid) {
      throw new IllegalStateException("This HttpSession was invalidated; call request.getSession() for a new one");
    }
  }

  @Override
  public String toString() {
    return "SatchelHttpSession[" + getId() + "]";
  }
}
