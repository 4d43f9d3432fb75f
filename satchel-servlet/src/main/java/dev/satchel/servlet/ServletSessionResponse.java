package dev.satchel.servlet;

import dev.satchel.http.SessionResponse;
import jakarta.servlet.http.HttpServletResponse;

/** A servlet response as Satchel's core sees it: headers go straight to the container's response. */
final class ServletSessionResponse implements SessionResponse {

  private final HttpServletResponse response;

  ServletSessionResponse(HttpServletResponse response) {
    this.response = response;
  }

  @Override
  public void addHeader(String name, String value) {
    response.addHeader(name, value);
  }
}
