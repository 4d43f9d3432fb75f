package dev.satchel.servlet;

import dev.satchel.http.SessionRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** A servlet request as Satchel's core sees it. */
final class ServletSessionRequest implements SessionRequest {

  private final HttpServletRequest request;

  ServletSessionRequest(HttpServletRequest request) {
    this.request = request;
  }

  @Override
  public String method() {
    return request.getMethod();
  }

  @Override
  public List<String> headers(String name) {
    Enumeration<String> values = request.getHeaders(name);
    if (values == null || !values.hasMoreElements()) {
      return List.of();
    }
    // Every request with a session reads its Cookie header, nearly always a single one: no growable list for it.
    String first = values.nextElement();
    if (!values.hasMoreElements()) {
      return List.of(first);
    }
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(Collections.list(values));
    return all;
  }

  @Override
  public String header(String name) {
    // Cheaper than the default: no list for the common single-valued lookups (Origin, Sec-Fetch-Site).
    return request.getHeader(name);
  }

  @Override
  public boolean isSecure() {
    return request.isSecure();
  }

  @Override
  public String remoteAddress() {
    return request.getRemoteAddr();
  }
}
