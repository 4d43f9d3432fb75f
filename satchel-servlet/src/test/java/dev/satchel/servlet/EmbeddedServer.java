package dev.satchel.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.util.Map;

/** An embedded servlet container running one filter in front of some servlets, on a free port. */
interface EmbeddedServer extends AutoCloseable {

  /** Responses with this status ({@code sendError}) are answered by the servlet at {@link #ERROR_PAGE}. */
  int ERROR_PAGE_STATUS = 418;
  /** The error page both servers dispatch to, for {@link #ERROR_PAGE_STATUS} and for {@link ErrorPageTrigger}. */
  String ERROR_PAGE = "/error-page";

  /** An exception a servlet throws to have the container dispatch to {@link #ERROR_PAGE}. */
  final class ErrorPageTrigger extends RuntimeException {
    public ErrorPageTrigger(String message) {
      super(message);
    }
  }

  /** Starts the server; returns its base URI. */
  URI start(Filter filter, Map<String, HttpServlet> servlets) throws Exception;

  /** Stops the server; a failure to stop is an IllegalStateException (tests have nothing better to do with it). */
  @Override
  void close();
}
