package dev.satchel.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The request the application sees: {@code getSession()} is Satchel's, the session and CSRF token are request
 * attributes, and async processing keeps Satchel's response wrapper so the session is written back in time.
 */
final class SatchelRequestWrapper extends HttpServletRequestWrapper {

  private final RequestContext context;

  SatchelRequestWrapper(HttpServletRequest request, RequestContext context) {
    super(request);
    this.context = context;
  }

  RequestContext context() {
    return context;
  }

  @Override
  public HttpSession getSession() {
    return context.view(true);
  }

  @Override
  public HttpSession getSession(boolean create) {
    return context.view(create);
  }

  @Override
  public String changeSessionId() {
    return context.changeSessionId();
  }

  @Override
  public String getRequestedSessionId() {
    return context.requestedSessionId();
  }

  @Override
  public boolean isRequestedSessionIdValid() {
    return context.sessionExistedBefore();
  }

  @Override
  public boolean isRequestedSessionIdFromCookie() {
    return context.sessionExistedBefore();
  }

  @Override
  public boolean isRequestedSessionIdFromURL() {
    return false;
  }

  @Override
  public Object getAttribute(String name) {
    // Computed on demand, so a template that never asks costs nothing.
    if (SatchelServlet.SESSION_ATTRIBUTE.equals(name)) {
      return context.session();
    }
    if (SatchelServlet.CSRF_TOKEN_ATTRIBUTE.equals(name)) {
      return context.csrfToken();
    }
    return super.getAttribute(name);
  }

  @Override
  public Enumeration<String> getAttributeNames() {
    List<String> names = new ArrayList<>(Collections.list(super.getAttributeNames()));
    names.add(SatchelServlet.SESSION_ATTRIBUTE);
    names.add(SatchelServlet.CSRF_TOKEN_ATTRIBUTE);
    return Collections.enumeration(names);
  }

  @Override
  public AsyncContext startAsync() {
    // The no-argument form would hand async code the container's bare response, past Satchel's commit hooks.
    return startAsync(this, context.responseWrapper());
  }

  @Override
  public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
    return context.async(super.startAsync(request, response));
  }

  @Override
  public AsyncContext getAsyncContext() {
    return context.async(super.getAsyncContext());
  }
}
