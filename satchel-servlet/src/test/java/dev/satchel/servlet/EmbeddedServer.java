package dev.satchel.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.util.Map;

/** An embedded servlet container running one filter in front of some servlets, on a free port. */
interface EmbeddedServer extends AutoCloseable {

  /** Starts the server; returns its base URI. */
  URI start(Filter filter, Map<String, HttpServlet> servlets) throws Exception;

  /** Stops the server; a failure to stop is an IllegalStateException (tests have nothing better to do with it). */
  @Override
  void close();
}
