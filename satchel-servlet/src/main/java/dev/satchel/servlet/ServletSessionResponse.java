package dev.satchel.servlet;

import dev.satchel.http.SessionResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A servlet response as Satchel's core sees it: headers go straight to the container's response. */
final class ServletSessionResponse implements SessionResponse {

  private static final Logger LOG = LoggerFactory.getLogger(SatchelFilter.class);

  private final HttpServletRequest request;
  private final HttpServletResponse response;

  ServletSessionResponse(HttpServletRequest request, HttpServletResponse response) {
    this.request = request;
    this.response = response;
  }

  @Override
  public void addHeader(String name, String value) {
    if (response.isCommitted()) {
      // Containers drop such a header without a word: say so, or a lost login looks like a browser problem.
      LOG.warn("Session header {} lost on {} {}: the response was committed before Satchel could add it. Is "
          + "SatchelFilter mapped to the FORWARD dispatch too (REQUEST, FORWARD, ASYNC, ERROR)?", name,
          request.getMethod(), request.getRequestURI());
      return;
    }
    response.addHeader(name, value);
  }
}
