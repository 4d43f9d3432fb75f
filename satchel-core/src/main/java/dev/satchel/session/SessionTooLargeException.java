package dev.satchel.session;

/**
 * A cookie session grew past what browsers keep. Browsers drop such cookies silently, so Satchel refuses to send
 * one and says so instead.
 */
public class SessionTooLargeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int size;
  private final int limit;

  public SessionTooLargeException(String cookieName, int size, int limit) {
    super("Session cookie '" + cookieName + "' would be " + size + " bytes, over the " + limit
        + "-byte limit browsers keep (they drop larger cookies silently). Keep less in the session, or use a "
        + "server-side store (memory, JDBC, Redis), which puts only a 43-character id in the cookie.");
    this.size = size;
    this.limit = limit;
  }

  /** Bytes the Set-Cookie name and value would have taken. */
  public int size() {
    return size;
  }

  /** The limit that was exceeded. */
  public int limit() {
    return limit;
  }
}
