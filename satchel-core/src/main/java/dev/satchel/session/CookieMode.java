package dev.satchel.session;

import dev.satchel.http.SessionRequest;
import dev.satchel.http.SessionResponse;
import dev.satchel.json.JsonValues;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions kept in the cookie itself (signed, encrypted, Flask-compatible or JWT, by codec). Nothing is stored on
 * the server; the price is that a cookie cannot be revoked before it expires.
 */
final class CookieMode implements SessionMode {

  private static final Logger LOG = LoggerFactory.getLogger(CookieMode.class);

  private final SessionCodec codec;
  private final SessionCookieWriter cookies;
  private final SessionManager.Timeouts timeouts;

  CookieMode(SessionCodec codec, SessionCookieWriter cookies, SessionManager.Timeouts timeouts) {
    this.codec = codec;
    this.cookies = cookies;
    this.timeouts = timeouts;
  }

  /** What the cookie held when the request began. */
  private static final class State implements Loaded {
    final Session session;
    final boolean hadCookie;
    /** The cookie value that verified, to revoke on logout with a {@link RevocableCodec}; null if none. */
    final String cookieValue;
    final Map<String, Object> snapshot;
    final String principalAtLoad;
    final Instant issuedAt;
    final boolean signedWithFallbackKey;

    /** {@code loaded} is what the session was built from, unchanged since: the session holds a copy of it. */
    State(Session session, Map<String, Object> loaded, boolean hadCookie, String cookieValue, Instant issuedAt,
        boolean signedWithFallbackKey) {
      this.session = session;
      this.hadCookie = hadCookie;
      this.cookieValue = cookieValue;
      this.snapshot = JsonValues.snapshotAllReusing(loaded);
      this.principalAtLoad = session.rawPrincipal();
      this.issuedAt = issuedAt;
      this.signedWithFallbackKey = signedWithFallbackKey;
    }

    @Override
    public Session session() {
      return session;
    }
  }

  @Override
  public Loaded load(SessionRequest request, Instant now) {
    String value = cookies.read(request);
    if (value == null) {
      return fresh(false, now);
    }
    DecodeResult result = codec.decode(value, now);
    if (!(result instanceof DecodeResult.Decoded decoded)) {
      DecodeResult.Rejected rejected = (DecodeResult.Rejected) result;
      LOG.debug("Session cookie refused ({}: {}); starting a new session", rejected.reason(), rejected.detail());
      return fresh(true, now);
    }
    Map<String, Object> attributes = decoded.attributes();
    boolean permanent = Boolean.TRUE.equals(attributes.get(Session.PERMANENT));
    Instant createdAt = createdAt(attributes, decoded.issuedAt());
    if (expired(decoded.issuedAt(), createdAt, permanent, now)) {
      LOG.debug("Session cookie expired (issued {}, created {}); starting a new session", decoded.issuedAt(),
          createdAt);
      return fresh(true, now);
    }
    Object principal = attributes.get(Session.PRINCIPAL);
    Session session = new Session(attributes, createdAt, principal instanceof String p ? p : null, false,
        Session.LOCAL);
    return new State(session, attributes, true, value, decoded.issuedAt(), decoded.signedWithFallbackKey());
  }

  private State fresh(boolean hadCookie, Instant now) {
    return new State(new Session(Map.of(), now, null, true, Session.LOCAL), Map.of(), hadCookie, null, now, false);
  }

  private boolean expired(Instant issuedAt, Instant createdAt, boolean permanent, Instant now) {
    if (!now.isBefore(issuedAt.plus(timeouts.idleFor(permanent)))) {
      return true;
    }
    return timeouts.absolute() != null && !now.isBefore(createdAt.plus(timeouts.absolute()));
  }

  /** True when nothing but Satchel's own bookkeeping is left: such a session is not worth a cookie. */
  private static boolean onlyBookkeeping(Map<String, Object> attributes) {
    for (String key : attributes.keySet()) {
      if (!key.equals(Session.CREATED) && !key.equals(Session.PRINCIPAL)) {
        return false;
      }
    }
    return true;
  }

  /** Flask-made cookies carry no creation time: their issue time is the best lower bound there is. */
  private static Instant createdAt(Map<String, Object> attributes, Instant issuedAt) {
    // Any other app holding the key may write this; out-of-range values (negative, past the issue time, 1e300)
    // must not throw: they mean "no better bound than the issue time". It can only make a session older.
    if (attributes.get(Session.CREATED) instanceof Number seconds) {
      long at = seconds.longValue();
      if (at >= 0 && at <= issuedAt.getEpochSecond()) {
        return Instant.ofEpochSecond(at);
      }
    }
    return issuedAt;
  }

  @Override
  public void commit(Loaded loaded, SessionRequest request, SessionResponse response, Instant now) {
    State state = (State) loaded;
    // Under the session's lock: an async continuation still writing must not interleave with the encoding.
    synchronized (state.session) {
      commitLocked(state, request, response, now);
    }
  }

  private void commitLocked(State state, SessionRequest request, SessionResponse response, Instant now) {
    Session session = state.session;
    if (!session.accessed()) {
      return;
    }
    SessionCookieWriter.vary(response);
    if ((session.invalidated() || session.regenerated()) && state.cookieValue != null
        && codec instanceof RevocableCodec revocable && revocable.canRevoke()) {
      // The old cookie would otherwise stay valid until it expires: a copy of it must not outlive the logout.
      revocable.revoke(state.cookieValue, now);
    }
    Map<String, Object> attributes = session.attributes();
    String principal = session.rawPrincipal();
    boolean empty = principal == null && onlyBookkeeping(attributes);
    if (empty) {
      // Nothing to keep: don't create a cookie for a visitor who has none, and remove one that became empty.
      if (state.hadCookie) {
        cookies.delete(request, response);
      }
      return;
    }
    boolean changed = session.invalidated() || session.regenerated() || state.signedWithFallbackKey
        || !java.util.Objects.equals(principal, state.principalAtLoad)
        || !JsonValues.same(attributes, state.snapshot);
    boolean refreshDue = !now.isBefore(state.issuedAt.plus(timeouts.refreshAfter()));
    if (!changed && !refreshDue && !session.isNew()) {
      return;
    }
    Instant createdAt = session.isNew() || session.invalidated() ? now : session.createdAt();
    attributes.put(Session.CREATED, createdAt.getEpochSecond());
    if (principal == null) {
      attributes.remove(Session.PRINCIPAL);
    } else {
      attributes.put(Session.PRINCIPAL, principal);
    }
    String value = codec.encode(attributes, now);
    cookies.write(request, response, value, Boolean.TRUE.equals(attributes.get(Session.PERMANENT)));
    session.markSaved(createdAt);
  }
}
