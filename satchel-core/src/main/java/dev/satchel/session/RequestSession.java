package dev.satchel.session;

import dev.satchel.http.SessionRequest;
import dev.satchel.http.SessionResponse;
import java.time.Clock;

/**
 * The session of one request: loaded on first use, written back by {@link #commit}. Integrations create one per
 * request and commit it before the response is committed (headers cannot be added afterwards).
 */
public final class RequestSession {

  private final SessionMode mode;
  private final SessionRequest request;
  private final Clock clock;
  private SessionMode.Loaded loaded;
  private boolean committed;

  RequestSession(SessionMode mode, SessionRequest request, Clock clock) {
    this.mode = mode;
    this.request = request;
    this.clock = clock;
  }

  /**
   * The session, loaded now if this is its first use in the request. A missing, tampered, expired or garbage
   * cookie gives a new empty session.
   *
   * @throws dev.satchel.store.SessionStoreUnavailableException when the store cannot be reached
   */
  public synchronized Session session() {
    if (loaded == null) {
      loaded = mode.load(request, clock.instant());
    }
    return loaded.session();
  }

  /** True once the request has used its session. */
  public synchronized boolean isLoaded() {
    return loaded != null;
  }

  /**
   * Writes the session back and adds its headers (Set-Cookie, Vary: Cookie) to {@code response}. Does nothing for
   * a request that never used its session; calling it again does nothing.
   *
   * @throws SessionTooLargeException when a cookie session outgrew what browsers keep
   * @throws dev.satchel.store.SessionStoreUnavailableException when the store cannot be reached
   */
  public synchronized void commit(SessionResponse response) {
    if (committed) {
      return;
    }
    committed = true;
    if (loaded != null) {
      mode.commit(loaded, request, response, clock.instant());
    }
  }

  /** True once {@link #commit} ran. */
  public synchronized boolean isCommitted() {
    return committed;
  }
}
