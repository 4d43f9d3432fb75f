package dev.satchel.http;

/** The little Satchel needs from an HTTP response: adding a header before it is committed. */
public interface SessionResponse {

  /** Adds one header value (Set-Cookie and Vary may be added more than once). */
  void addHeader(String name, String value);
}
