package dev.satchel.store;

/**
 * The session store could not be reached in time (down, slow, pool exhausted). Web integrations answer 503 with a
 * plain message; the store recovers by itself when the service returns.
 */
public class SessionStoreUnavailableException extends SessionStoreException {

  private static final long serialVersionUID = 1L;

  public SessionStoreUnavailableException(String message) {
    super(message);
  }

  public SessionStoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
