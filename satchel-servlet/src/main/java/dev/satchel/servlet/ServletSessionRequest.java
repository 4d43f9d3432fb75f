package dev.satchel.servlet;

import dev.satchel.http.SessionRequest;
import jakarta.servlet.http.HttpServletRequest;
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
    return SessionRequest.listOf(request.getHeaders(name));
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
