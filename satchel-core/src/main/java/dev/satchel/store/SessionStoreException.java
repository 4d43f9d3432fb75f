package dev.satchel.store;

/** A session store failed in a way the application may want to report (the base of the store's exceptions). */
public class SessionStoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SessionStoreException(String message) {
    super(message);
  }

  public SessionStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
