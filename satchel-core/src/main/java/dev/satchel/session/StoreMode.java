package dev.satchel.session;

import dev.satchel.http.SessionRequest;
import dev.satchel.http.SessionResponse;
import dev.satchel.json.JsonValues;
import dev.satchel.json.SessionJson;
import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionId;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.SessionStore;
import dev.satchel.store.SessionStoreException;
import dev.satchel.store.StoredSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions kept in a {@link SessionStore}, with a random id in the cookie. Writes only what a request changed, so
 * parallel requests touching different attributes never lose each other's updates; {@link Session#compute} runs
 * as a compare-and-set in the store. A visitor whose session stays empty costs the store nothing, and so does one
 * whose session holds nothing but its CSRF secret: that secret travels in the cookie ({@link CsrfSecretCookie})
 * until the session has something worth storing.
 */
final class StoreMode implements SessionMode {

  private static final Logger LOG = LoggerFactory.getLogger(StoreMode.class);
  /** Plenty for heavy contention on one attribute; past it something is pathologically wrong. */
  private static final int MAX_COMPUTE_ATTEMPTS = 100;
  private static final int MAX_DEVICE_LENGTH = 200;

  private final SessionStore store;
  private final SessionCookieWriter cookies;
  private final SessionManager.Timeouts timeouts;
  private final Clock clock;
  private final CsrfSecretCookie csrfCookies;

  StoreMode(SessionStore store, SessionCookieWriter cookies, SessionManager.Timeouts timeouts, Clock clock,
      CsrfSecretCookie csrfCookies) {
    this.store = store;
    this.cookies = cookies;
    this.timeouts = timeouts;
    this.clock = clock;
    this.csrfCookies = csrfCookies;
  }

  @Override
  public Loaded load(SessionRequest request, Instant now) {
    String token = cookies.read(request);
    State state = new State(request, token != null);
    Optional<SessionId> id = token == null ? Optional.empty() : SessionId.parse(token);
    if (id.isEmpty() && token != null) {
      Optional<CsrfSecretCookie.Value> carried = csrfCookies.decode(token, now);
      if (carried.isPresent()) {
        // A visitor with nothing stored but a form open: the secret is all there is, and no store round trip.
        state.csrfCookie = carried.get();
        state.session = new Session(Map.of(Session.CSRF, carried.get().secret()), carried.get().createdAt(), null,
            true, state);
        return state;
      }
    }
    Optional<StoredSession> stored = id.isEmpty() ? Optional.empty() : store.load(id.get().storageKey(), now);
    if (stored.isEmpty()) {
      if (token != null) {
        LOG.debug("Session id malformed, unknown or expired; starting a new session");
      }
      state.session = new Session(Map.of(), now, null, true, state);
      return state;
    }
    StoredSession found = stored.get();
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, String> json = new HashMap<>();
    for (Map.Entry<String, String> e : found.attributes().entrySet()) {
      Optional<Object> value = SessionJson.read(e.getValue());
      if (value.isPresent() || "null".equals(e.getValue().strip())) {
        values.put(e.getKey(), value.orElse(null));
        json.put(e.getKey(), e.getValue());
      } else {
        LOG.warn("Stored session attribute '{}' is not JSON; ignoring it", e.getKey());
      }
    }
    state.storedId = id.get();
    state.metadata = found.metadata();
    state.remember(json, values);
    state.session = new Session(values, found.metadata().createdAt(), found.metadata().principal(), false, state);
    state.session.bindStorageKey(id.get().storageKey());
    return state;
  }

  @Override
  public void commit(Loaded loaded, SessionRequest request, SessionResponse response, Instant now) {
    State state = (State) loaded;
    // Under the session's lock: an async continuation still writing must not interleave with the delta.
    synchronized (state.session) {
      commitLocked(state, request, response, now);
    }
  }

  private void commitLocked(State state, SessionRequest request, SessionResponse response, Instant now) {
    if (!state.session.accessed()) {
      return;
    }
    SessionCookieWriter.vary(response);
    state.persist(now);
    if (state.storedId != null) {
      if (state.cookieDue) {
        cookies.write(request, response, state.storedId.token(), state.session.isPermanent());
      }
      return;
    }
    Object secret = state.session.attributes().get(Session.CSRF);
    if (Session.isCsrfSecret(secret)) {
      writeCsrfCookie(state, (String) secret, request, response, now);
    } else if (state.hadCookie) {
      cookies.delete(request, response);
    }
  }

  /** Gives an unstored session's CSRF secret to the browser to keep, unless the cookie it sent still does. */
  private void writeCsrfCookie(State state, String secret, SessionRequest request, SessionResponse response,
      Instant now) {
    CsrfSecretCookie.Value carried = state.csrfCookie;
    boolean same = carried != null && carried.secret().equals(secret);
    if (same && !csrfCookies.refreshDue(carried, now)) {
      return;
    }
    Instant createdAt = same ? carried.createdAt() : now;
    cookies.write(request, response, csrfCookies.encode(secret, createdAt, now), false);
  }

  /** True when the session holds more than its CSRF secret: only then is it worth a place in the store. */
  private static boolean worthStoring(Session session) {
    if (session.rawPrincipal() != null) {
      return true;
    }
    for (String key : session.attributes().keySet()) {
      if (!key.equals(Session.CSRF)) {
        return true;
      }
    }
    return false;
  }

  /** One request's view of a stored session: what the store holds, so only the difference is written back. */
  private final class State implements Loaded, Session.Backend {
    final SessionRequest request;
    final boolean hadCookie;
    Session session;
    /** The id the store keeps this session under; null while nothing is stored. */
    SessionId storedId;
    SessionMetadata metadata;
    /** Attribute name to the JSON text the store holds, and a snapshot of its decoded value. */
    final Map<String, String> storedJson = new HashMap<>();
    final Map<String, Object> storedValues = new HashMap<>();
    /** The browser must be sent the cookie: the id changed, or a permanent session's Max-Age needs renewing. */
    boolean cookieDue;
    /** The unstored session's CSRF secret the request's cookie carried, or null. */
    CsrfSecretCookie.Value csrfCookie;

    State(SessionRequest request, boolean hadCookie) {
      this.request = request;
      this.hadCookie = hadCookie;
    }

    @Override
    public Session session() {
      return session;
    }

    /** Writes what changed; afterwards {@link #storedId} names the live session, or is null if none is kept. */
    void persist(Instant now) {
      if (session.invalidated() && storedId != null) {
        store.delete(storedId.storageKey());
        forget();
      }
      boolean keep = worthStoring(session);
      if (storedId == null) {
        if (keep) {
          create(now, session.isNew() ? now : session.createdAt());
        }
      } else if (!keep) {
        // Emptied (clear(), or its last attribute removed): an empty session is not worth a row. If its CSRF
        // secret is left, the cookie takes it over, so forms open in other tabs still post.
        store.delete(storedId.storageKey());
        forget();
      } else if (session.regenerated() || !Objects.equals(session.rawPrincipal(), metadata.principal())) {
        // A change of principal is a change of privilege: it always gets a new id. The old id then answers
        // NOT_FOUND, so a slower parallel request that still holds it cannot write the old principal back.
        // The old id goes first: if it is already gone, the session was ended elsewhere ("log out everywhere")
        // while this request ran, and nothing of it may come back under a new id.
        Instant createdAt = session.createdAt();
        boolean stillLive = store.delete(storedId.storageKey());
        forget();
        if (stillLive) {
          create(now, createdAt);
        } else {
          LOG.debug("Session ended elsewhere during the request; not moving it to a new id");
          session.revokedElsewhere();
        }
      } else {
        update(now);
      }
      session.lifecycleApplied();
    }

    private void create(Instant now, Instant createdAt) {
      Map<String, String> json = new HashMap<>();
      for (Map.Entry<String, Object> e : session.attributes().entrySet()) {
        json.put(e.getKey(), SessionJson.write(e.getValue()));
      }
      SessionId id = SessionId.generate();
      SessionMetadata meta = new SessionMetadata(createdAt, now,
          timeouts.expiresAt(createdAt, now, session.isPermanent()), session.rawPrincipal(), device(request));
      store.save(id.storageKey(), SessionChanges.create(json, meta), now);
      storedId = id;
      metadata = meta;
      session.bindStorageKey(id.storageKey());
      remember(json, session.attributes());
      session.markSaved(createdAt);
      cookieDue = true;
    }

    private void update(Instant now) {
      Map<String, Object> attributes = session.attributes();
      Map<String, String> upserts = new HashMap<>();
      for (Map.Entry<String, Object> e : attributes.entrySet()) {
        String key = e.getKey();
        if (!storedValues.containsKey(key) || !JsonValues.same(e.getValue(), storedValues.get(key))) {
          String json = SessionJson.write(e.getValue());
          if (!json.equals(storedJson.get(key))) {
            upserts.put(key, json);
          }
        }
      }
      Set<String> removals = new HashSet<>(storedJson.keySet());
      removals.removeAll(attributes.keySet());
      boolean permanent = session.isPermanent();
      boolean permanentChanged = permanent != Boolean.TRUE.equals(storedValues.get(Session.PERMANENT));
      boolean touchDue = Duration.between(metadata.lastAccessedAt(), now).compareTo(timeouts.refreshAfter()) >= 0;
      if (upserts.isEmpty() && removals.isEmpty() && !permanentChanged && !touchDue && !session.cleared()) {
        return;
      }
      SessionMetadata meta = refreshedMetadata(now);
      SessionChanges changes;
      if (session.cleared()) {
        // clear() means empty, including attributes a parallel request added that this one never saw.
        Map<String, String> all = new HashMap<>();
        for (Map.Entry<String, Object> e : attributes.entrySet()) {
          all.put(e.getKey(), upserts.getOrDefault(e.getKey(), storedJson.get(e.getKey())));
        }
        upserts = all;
        removals = Set.of();
        changes = new SessionChanges(SessionChanges.Kind.UPDATE, true, all, removals, meta);
      } else {
        changes = SessionChanges.update(upserts, removals, meta);
      }
      if (store.save(storedId.storageKey(), changes, now)
          == SessionStore.SaveResult.NOT_FOUND) {
        // Logged out everywhere (or expired) while this request ran: the session must not come back.
        LOG.debug("Session ended elsewhere during the request; dropping its changes");
        forget();
        return;
      }
      Map<String, String> json = changes.replaceAll() ? new HashMap<>() : new HashMap<>(storedJson);
      json.keySet().removeAll(removals);
      json.putAll(upserts);
      metadata = meta;
      remember(json, attributes);
      // A permanent session's cookie carries Max-Age: renew it whenever the store's expiry moves.
      cookieDue |= permanent || permanentChanged;
    }

    private SessionMetadata refreshedMetadata(Instant now) {
      Instant createdAt = metadata.createdAt();
      return new SessionMetadata(createdAt, now, timeouts.expiresAt(createdAt, now, session.isPermanent()),
          session.rawPrincipal(), metadata.device());
    }

    private void forget() {
      session.bindStorageKey(null);
      storedId = null;
      metadata = null;
      storedJson.clear();
      storedValues.clear();
    }

    private void remember(Map<String, String> json, Map<String, Object> values) {
      storedJson.clear();
      storedJson.putAll(json);
      storedValues.clear();
      for (Map.Entry<String, Object> e : values.entrySet()) {
        storedValues.put(e.getKey(), JsonValues.snapshot(e.getValue()));
      }
    }

    @Override
    public Object compute(Session s, String key, UnaryOperator<Object> fn) {
      Instant now = clock.instant();
      // Write what this request changed so far first (a put of this key, clear(), a login's new id): the
      // compare-and-set then starts from what the request sees, under the id the session will keep.
      persist(now);
      if (storedId == null) {
        create(now, now); // the value must live in the store before the store can compare-and-set it
      }
      for (int attempt = 0; attempt < MAX_COMPUTE_ATTEMPTS; attempt++) {
        String expected = storedJson.get(key);
        Object current = expected == null ? null : SessionJson.read(expected).orElse(null);
        Object next = fn.apply(current);
        String nextJson = next == null ? null : SessionJson.write(next);
        SessionMetadata meta = refreshedMetadata(now);
        switch (store.compareAndSet(storedId.storageKey(), key, expected, nextJson, meta, now)) {
          case UPDATED -> {
            metadata = meta;
            keepLocally(key, next, nextJson);
            return next;
          }
          case CONFLICT -> reread(key, now);
          case NOT_FOUND -> throw ended(key);
          default -> throw new IllegalStateException();
        }
      }
      throw new SessionStoreException("compute('" + key + "') lost " + MAX_COMPUTE_ATTEMPTS
          + " races in a row: the attribute is under extreme contention");
    }

    private void reread(String key, Instant now) {
      StoredSession fresh = store.load(storedId.storageKey(), now).orElseThrow(() -> ended(key));
      String json = fresh.attributes().get(key);
      keepLocally(key, json == null ? null : SessionJson.read(json).orElse(null), json);
    }

    private void keepLocally(String key, Object value, String json) {
      if (json == null) {
        session.attributes().remove(key);
        storedJson.remove(key);
        storedValues.remove(key);
      } else {
        session.attributes().put(key, value);
        storedJson.put(key, json);
        storedValues.put(key, JsonValues.snapshot(value));
      }
    }

    private SessionStoreException ended(String key) {
      return new SessionStoreException("The session ended (logged out or revoked elsewhere) while this request "
          + "was updating '" + key + "'");
    }
  }

  private static String device(SessionRequest request) {
    String agent = request.header("User-Agent");
    if (agent == null) {
      return null;
    }
    return agent.length() <= MAX_DEVICE_LENGTH ? agent : agent.substring(0, MAX_DEVICE_LENGTH);
  }
}
