package dev.satchel.http;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * The little Satchel needs from an HTTP request, so the core stays free of any web framework. Each integration
 * (servlet, Javalin, Spring) adapts its own request type in a few lines.
 */
public interface SessionRequest {

  /** The request method, upper case ("GET", "POST"...). */
  String method();

  /** Every value of a header, in order; empty when absent. Names are case-insensitive. */
  List<String> headers(String name);

  /** The first value of a header, or null. */
  default String header(String name) {
    List<String> values = headers(name);
    return values.isEmpty() ? null : values.get(0);
  }

  /** True when the request reached this server over HTTPS. */
  boolean isSecure();

  /** The address of the peer that connected (a proxy, when there is one). */
  String remoteAddress();

  /**
   * The values of a Servlet-style header enumeration (null or empty gives an empty list), for adapters'
   * {@link #headers}. Every request with a session reads its {@code Cookie} header, nearly always one line: that
   * case costs no growable list.
   */
  static List<String> listOf(Enumeration<String> values) {
    if (values == null || !values.hasMoreElements()) {
      return List.of();
    }
    String first = values.nextElement();
    if (!values.hasMoreElements()) {
      return List.of(first);
    }
    List<String> all = new ArrayList<>();
    all.add(first);
    while (values.hasMoreElements()) {
      all.add(values.nextElement());
    }
    return all;
  }
}
