package dev.satchel.session;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.satchel.json.SessionJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One visitor's session: a small map of JSON values that lives across requests, like Flask's {@code session}.
 *
 * <pre>{@code
 * session.put("user", "alice");
 * String user = session.get("user", String.class);
 * int visits = session.compute("visits", Integer.class, n -> n == null ? 1 : n + 1);
 * session.flash("Successfully logged out");
 * }</pre>
 *
 * <p>Values are JSON: strings, numbers, booleans, null, lists, maps, and records or POJOs Jackson can write (they
 * come back as maps, which the typed {@link #get(String, Class)} turns into the record again). Values mutated in
 * place (a list taken from the session and appended to) are saved too: changes are found by comparing JSON.
 *
 * <p>This is the one mutable object Satchel hands out. It belongs to one request; its methods are synchronized so
 * that async continuations of that request may use it too. Across requests, plain {@link #put} is
 * last-writer-wins per attribute with server-side stores (two requests writing <em>different</em> attributes never
 * lose each other's writes); {@link #compute} is atomic in the store and never loses an update.
 */
public final class Session {

  /** Flask's key for the permanent flag. */
  static final String PERMANENT = "_permanent";
  /** Flask's key for flashed messages: a list of [category, message] pairs. */
  static final String FLASHES = "_flashes";
  /** When a cookie session was created (epoch seconds): the absolute timeout counts from here. */
  static final String CREATED = "_created";
  /** The logged-in principal of a cookie session (server-side stores keep it as indexed metadata instead). */
  static final String PRINCIPAL = "_principal";

  /** The per-session secret CSRF tokens are derived from. */
  static final String CSRF = "_csrf";

  /** Keys Satchel manages itself; {@link #keys()} leaves them out and {@link #put} refuses them. */
  public static final Set<String> RESERVED_KEYS = Set.of(PERMANENT, FLASHES, CREATED, PRINCIPAL, CSRF);

  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  private final Map<String, Object> attributes;
  private final Backend backend;
  private Instant createdAt;
  private String principal;
  private String storageKey;
  private boolean isNew;
  private boolean accessed;
  private boolean invalidated;
  private boolean regenerated;
  /** clear() ran since the last save: the store must drop every attribute, also ones a parallel request added. */
  private boolean cleared;

  /** How a session reaches where it is kept, for what cannot wait until the end of the request. */
  interface Backend {
    /** Applies {@code fn} to one attribute atomically where the session is kept; returns the new value. */
    Object compute(Session session, String key, UnaryOperator<Object> fn);
  }

  /** The local backend of cookie sessions: there is nothing to coordinate with. */
  static final Backend LOCAL = (session, key, fn) -> {
    Object next = fn.apply(session.attributes.get(key));
    if (next == null) {
      session.attributes.remove(key);
    } else {
      session.attributes.put(key, next);
    }
    return next;
  };

  Session(Map<String, Object> attributes, Instant createdAt, String principal, boolean isNew, Backend backend) {
    this.attributes = new LinkedHashMap<>(attributes);
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    this.principal = principal;
    this.isNew = isNew;
    this.backend = Objects.requireNonNull(backend, "backend");
  }

  /**
   * A new empty session bound to no request and no store: for unit tests of code that takes a {@code Session}.
   * {@link #compute} is local.
   */
  public static Session detached() {
    return new Session(Map.of(), Instant.now(), null, true, LOCAL);
  }

  // ---- reading ----

  /** The value under {@code key} as stored (String, Number, Boolean, List, Map...), or null. */
  public synchronized Object get(String key) {
    accessed = true;
    return attributes.get(key);
  }

  /**
   * The value under {@code key} converted to {@code type}, or null when absent.
   *
   * @throws ClassCastException when the value cannot be read as that type (the message says what it holds)
   */
  public synchronized <T> T get(String key, Class<T> type) {
    accessed = true;
    return SessionJson.convert(attributes.get(key), type);
  }

  /** The value under {@code key} as a generic type, e.g. {@code new TypeReference<List<String>>() {}}. */
  public synchronized <T> T get(String key, TypeReference<T> type) {
    accessed = true;
    return SessionJson.convert(attributes.get(key), type);
  }

  /**
   * The value under {@code key}, converted to the type of {@code defaultValue}, or {@code defaultValue} when
   * absent: {@code int visits = session.getOrDefault("visits", 0);}
   */
  @SuppressWarnings("unchecked")
  public synchronized <T> T getOrDefault(String key, T defaultValue) {
    accessed = true;
    Object value = attributes.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (defaultValue == null || defaultValue.getClass().isInstance(value)) {
      return (T) value;
    }
    // A default such as List.of() or Map.of() has a JDK-internal class: match on the interface instead.
    if ((defaultValue instanceof List && value instanceof List) || (defaultValue instanceof Map && value instanceof Map)) {
      return (T) value;
    }
    return SessionJson.convert(value, (Class<T>) defaultValue.getClass());
  }

  /** True when the session holds {@code key}. */
  public synchronized boolean contains(String key) {
    accessed = true;
    return attributes.containsKey(key);
  }

  /** The application's keys, in insertion order (Satchel's own {@link #RESERVED_KEYS} are left out). */
  public synchronized Set<String> keys() {
    accessed = true;
    Set<String> keys = new LinkedHashSet<>(attributes.keySet());
    keys.removeAll(RESERVED_KEYS);
    return Collections.unmodifiableSet(keys);
  }

  /** A copy of the application's attributes (for templates and debugging). */
  public synchronized Map<String, Object> toMap() {
    accessed = true;
    Map<String, Object> copy = new LinkedHashMap<>(attributes);
    copy.keySet().removeAll(RESERVED_KEYS);
    return Collections.unmodifiableMap(copy);
  }

  /** True when the session holds no application attributes. */
  public synchronized boolean isEmpty() {
    return keys().isEmpty();
  }

  // ---- writing ----

  /** Stores {@code value} (JSON-writable) under {@code key}; returns this session for chaining. */
  public synchronized Session put(String key, Object value) {
    checkKey(key);
    accessed = true;
    SessionJson.requireWritable(value); // fail now, at the line that stored it, not at the end of the request
    attributes.put(key, value);
    return this;
  }

  /** Removes {@code key}; returns what it held, or null. */
  public synchronized Object remove(String key) {
    checkKey(key);
    accessed = true;
    return attributes.remove(key);
  }

  /**
   * Removes every attribute, flashes, the permanent flag and the principal included: Flask's
   * {@code session.clear()}, which its tutorial uses to log out.
   */
  public synchronized void clear() {
    accessed = true;
    cleared = true;
    attributes.clear();
    principal = null;
  }

  /**
   * Atomically replaces the value under {@code key} with {@code fn(current)}, where the session is kept: with a
   * server-side store, concurrent requests each see the other's result and no increment is lost. {@code fn}
   * receives null when the key is absent and may be called more than once (on contention), so it must not have
   * side effects; returning null removes the key.
   *
   * @return the new value
   */
  public synchronized <T> T compute(String key, Class<T> type, UnaryOperator<T> fn) {
    checkKey(key);
    accessed = true;
    Object next = backend.compute(this, key, current -> fn.apply(SessionJson.convert(current, type)));
    return SessionJson.convert(next, type);
  }

  // ---- flashes ----

  /** Flashes a message in the default category, for the next page the visitor sees. */
  public void flash(String message) {
    flash(Flash.DEFAULT_CATEGORY, message);
  }

  /** Flashes a message in {@code category} ("error", "info"...). */
  public synchronized void flash(String category, String message) {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(message, "message");
    accessed = true;
    List<Object> flashes = new ArrayList<>(rawFlashes());
    flashes.add(List.of(category, message));
    attributes.put(FLASHES, flashes);
  }

  /** The flashed messages, oldest first, removing them from the session (as Flask's get_flashed_messages). */
  public synchronized List<Flash> consumeFlashes() {
    List<Flash> flashes = peekFlashes();
    if (!flashes.isEmpty()) {
      attributes.remove(FLASHES);
    }
    return flashes;
  }

  /** The flashed messages, oldest first, leaving them in place. */
  public synchronized List<Flash> peekFlashes() {
    accessed = true;
    List<Flash> result = new ArrayList<>();
    for (Object entry : rawFlashes()) {
      // Flask writes (category, message) tuples; very old Flask wrote bare strings.
      if (entry instanceof List<?> pair && pair.size() == 2) {
        result.add(new Flash(String.valueOf(pair.get(0)), String.valueOf(pair.get(1))));
      } else if (entry instanceof String message) {
        result.add(new Flash(Flash.DEFAULT_CATEGORY, message));
      }
    }
    return Collections.unmodifiableList(result);
  }

  private List<?> rawFlashes() {
    return attributes.get(FLASHES) instanceof List<?> list ? list : List.of();
  }

  // ---- CSRF ----

  /**
   * The secret this session's CSRF tokens are bound to, created on first use. Render tokens with
   * {@code CsrfProtection.token(session)}, which masks it per response: never put this value in a page. A cookie
   * session keeps it in its cookie; a server-side session that holds nothing else is not stored for it (the secret
   * travels in its cookie, signed) and takes it into the store once it holds real data.
   */
  public synchronized String csrfSecret() {
    accessed = true;
    Object secret = attributes.get(CSRF);
    if (isCsrfSecret(secret)) {
      return (String) secret;
    }
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String created = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    attributes.put(CSRF, created);
    return created;
  }

  /** The CSRF secret if the session has one yet, without creating it. */
  public synchronized Optional<String> existingCsrfSecret() {
    accessed = true;
    Object secret = attributes.get(CSRF);
    return isCsrfSecret(secret) ? Optional.of((String) secret) : Optional.empty();
  }

  /** 32 bytes of base64url: anything else (a value written by another app sharing the key) is replaced. */
  static boolean isCsrfSecret(Object value) {
    if (!(value instanceof String s) || s.length() != 43) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  // ---- lifecycle ----

  /** True when the session outlives the browser: its cookie gets Max-Age (the permanent lifetime). */
  public synchronized boolean isPermanent() {
    accessed = true;
    return Boolean.TRUE.equals(attributes.get(PERMANENT));
  }

  /** Makes the session outlive the browser (a "remember me" login), or not. */
  public synchronized void setPermanent(boolean permanent) {
    accessed = true;
    if (permanent) {
      attributes.put(PERMANENT, Boolean.TRUE);
    } else {
      attributes.remove(PERMANENT);
    }
  }

  /** The logged-in user's id, indexed by server-side stores so "log out everywhere" can find every session. */
  public synchronized Optional<String> principal() {
    accessed = true;
    return Optional.ofNullable(principal);
  }

  /** Records who is logged in (null: nobody). Call {@link #regenerate()} too when the user logs in. */
  public synchronized void setPrincipal(String principal) {
    accessed = true;
    if (!java.util.Objects.equals(this.principal, principal)) {
      // A token obtained before a login (through a planted session) must not work after it.
      attributes.remove(CSRF);
    }
    this.principal = principal;
  }

  /**
   * Keeps the data under a new session id (and a new cookie), so an id planted before login is worthless after it:
   * call it on every login and privilege change. With server-side stores the old id stops working at once.
   */
  public synchronized void regenerate() {
    accessed = true;
    regenerated = true;
    attributes.remove(CSRF); // CSRF tokens issued under the old id die with it
  }

  /**
   * Ends this session (logout): the old id and data are gone for good, and this object starts over as a new empty
   * session, so a message flashed afterwards ("Successfully logged out") still reaches the next page.
   */
  public synchronized void invalidate() {
    accessed = true;
    invalidated = true;
    regenerated = false;
    attributes.clear();
    principal = null;
    isNew = true;
  }

  /** True when the visitor had no valid session before this request (or it was invalidated during it). */
  public synchronized boolean isNew() {
    accessed = true;
    return isNew;
  }

  /**
   * The handle a server-side store keeps this session under: the SHA-256 of the cookie token, safe to show, log and
   * pass to {@code SessionStore.delete} ("log out this device"). Empty for cookie sessions and until first saved.
   */
  public synchronized Optional<String> storageKey() {
    accessed = true;
    return Optional.ofNullable(storageKey);
  }

  /** When the session began. */
  public synchronized Instant createdAt() {
    accessed = true;
    return createdAt;
  }

  @Override
  public synchronized String toString() {
    return "Session" + keys() + (isNew ? " (new)" : "");
  }

  // ---- for the session manager ----

  synchronized Map<String, Object> attributes() {
    return attributes;
  }

  synchronized boolean accessed() {
    return accessed;
  }

  synchronized boolean invalidated() {
    return invalidated;
  }

  synchronized boolean regenerated() {
    return regenerated;
  }

  synchronized String rawPrincipal() {
    return principal;
  }

  /** The pending invalidate/regenerate has been carried out where the session is kept. */
  synchronized void lifecycleApplied() {
    invalidated = false;
    regenerated = false;
    cleared = false;
  }

  synchronized boolean cleared() {
    return cleared;
  }

  /** The stored session was revoked while this request ran: nothing of it may be written back. */
  synchronized void revokedElsewhere() {
    attributes.clear();
    principal = null;
    isNew = true;
  }

  synchronized void bindStorageKey(String storageKey) {
    this.storageKey = storageKey;
  }

  synchronized void markSaved(Instant createdAt) {
    this.isNew = false;
    this.createdAt = createdAt;
  }

  private static void checkKey(String key) {
    Objects.requireNonNull(key, "key");
    if (RESERVED_KEYS.contains(key)) {
      throw new IllegalArgumentException("'" + key + "' is reserved by Satchel: use "
          + switch (key) {
            case PERMANENT -> "setPermanent()";
            case FLASHES -> "flash() and consumeFlashes()";
            case PRINCIPAL -> "setPrincipal()";
            case CSRF -> "dev.satchel.csrf.CsrfProtection";
            default -> "another key";
          } + " instead.");
    }
  }
}
