package dev.satchel.session;

import dev.satchel.http.SessionRequest;
import dev.satchel.keys.KeyRing;
import dev.satchel.store.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Gives each request its session and writes it back: the framework-free lifecycle every integration uses.
 *
 * <pre>{@code
 * SessionManager sessions = SessionManager.builder().codec(codec).build();
 * RequestSession rs = sessions.open(request);   // costs nothing until the session is used
 * rs.session().put("user", "alice");
 * rs.commit(response);                          // before the response is committed
 * }</pre>
 *
 * <p>Sessions live either in the cookie itself, through a {@link SessionCodec} (signed by default), or in a
 * {@link SessionStore}, with only a random id in the cookie (server-side sessions also need the application's
 * {@link Builder#keys keys}). Immutable and thread-safe; build one per application.
 */
public final class SessionManager {

  /** Browsers keep a cookie's name and value up to this many bytes (RFC 6265bis). */
  public static final int MAX_COOKIE_BYTES = 4096;

  private final SessionMode mode;
  private final SessionStore store;
  private final SessionCookieSettings cookie;
  private final Timeouts timeouts;
  private final Clock clock;
  private final Set<String> trustedProxies;

  private SessionManager(Builder b) {
    this.cookie = b.cookie;
    this.timeouts = new Timeouts(b.idleTimeout, b.absoluteTimeout, b.permanentLifetime, b.refreshAfter);
    this.clock = b.clock;
    this.trustedProxies = Set.copyOf(b.trustedProxies);
    this.store = b.store;
    SessionCookieWriter writer = new SessionCookieWriter(cookie, timeouts, this.trustedProxies);
    this.mode = b.store != null
        ? new StoreMode(b.store, writer, timeouts, b.clock, new CsrfSecretCookie(b.keys, timeouts))
        : new CookieMode(b.codec, writer, timeouts);
  }

  /** A builder; give it a codec (cookie sessions) or a store (server-side sessions). */
  public static Builder builder() {
    return new Builder();
  }

  /** The session of one request. Cheap: nothing is parsed or loaded until the session is first used. */
  public RequestSession open(SessionRequest request) {
    return new RequestSession(mode, Objects.requireNonNull(request, "request"), clock);
  }

  /** The server-side store, for "log out everywhere" and admin pages; empty for cookie sessions. */
  public Optional<SessionStore> store() {
    return Optional.ofNullable(store);
  }

  /**
   * Ends every session of {@code principal} ("log out everywhere"); returns how many ended.
   *
   * @throws UnsupportedOperationException for cookie sessions, which live in browsers and cannot be reached
   */
  public int invalidateAll(String principal) {
    if (store == null) {
      throw new UnsupportedOperationException("Cookie sessions live in browsers and cannot be revoked one by one: "
          + "use a server-side store (memory, JDBC, Redis) for \"log out everywhere\", or rotate the secret key to "
          + "end every session at once.");
    }
    return store.deleteByPrincipal(principal, clock.instant());
  }

  /** The session cookie's attributes. */
  public SessionCookieSettings cookieSettings() {
    return cookie;
  }

  /** The timeouts in force. */
  public Timeouts timeouts() {
    return timeouts;
  }

  /** The clock sessions are timed with. */
  public Instant now() {
    return clock.instant();
  }

  /**
   * How long sessions live.
   *
   * @param idle a session not used for this long ends (non-permanent sessions)
   * @param absolute no session lives longer than this after it began, however busy; null for no limit
   * @param permanentLifetime a permanent session's idle timeout and its cookie's Max-Age
   * @param refreshAfter an unchanged session is re-issued (cookie) or touched (store) at most this often, so the idle
   *     timeout slides without a write on every request
   */
  public record Timeouts(Duration idle, Duration absolute, Duration permanentLifetime, Duration refreshAfter) {

    public Timeouts {
      requirePositive(idle, "idleTimeout");
      if (absolute != null) {
        requirePositive(absolute, "absoluteTimeout");
      }
      requirePositive(permanentLifetime, "permanentLifetime");
      Objects.requireNonNull(refreshAfter, "refreshAfter");
      if (refreshAfter.isNegative()) {
        throw new IllegalArgumentException("refreshAfter must not be negative: " + refreshAfter);
      }
    }

    /** The idle timeout that applies to a session. */
    public Duration idleFor(boolean permanent) {
      return permanent ? permanentLifetime : idle;
    }

    /** When a session used at {@code now} stops being valid. */
    public Instant expiresAt(Instant createdAt, Instant now, boolean permanent) {
      Instant idleDeadline = now.plus(idleFor(permanent));
      if (absolute == null) {
        return idleDeadline;
      }
      Instant absoluteDeadline = createdAt.plus(absolute);
      return idleDeadline.isBefore(absoluteDeadline) ? idleDeadline : absoluteDeadline;
    }

    private static void requirePositive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
    }
  }

  /** Configures a {@link SessionManager}. Defaults are secure and Flask-like. */
  public static final class Builder {
    private SessionCodec codec;
    private SessionStore store;
    private KeyRing keys;
    private SessionCookieSettings cookie = SessionCookieSettings.DEFAULTS;
    private Duration idleTimeout = Duration.ofHours(24);
    private Duration absoluteTimeout = Duration.ofDays(31);
    private Duration permanentLifetime = Duration.ofDays(31);
    private Duration refreshAfter = Duration.ofMinutes(1);
    private Clock clock = Clock.systemUTC();
    private Set<String> trustedProxies = Set.of();

    private Builder() {}

    /** Keep sessions in the cookie, encoded by {@code codec} (signed, encrypted, Flask-compatible, JWT). */
    public Builder codec(SessionCodec codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
      this.store = null;
      return this;
    }

    /** Keep sessions in {@code store}, with only a random id in the cookie; give {@link #keys} too. */
    public Builder store(SessionStore store) {
      this.store = Objects.requireNonNull(store, "store");
      this.codec = null;
      return this;
    }

    /**
     * The application's secret keys; server-side sessions need them. A visitor whose session holds nothing but its
     * CSRF secret (an anonymous page with a form) is not stored: the secret travels in the session cookie instead,
     * signed with {@code keys.derive("satchel.csrf")}, so bots never grow the store. Every process sharing a store
     * needs the same keys. (Cookie sessions take their keys from the codec.)
     */
    public Builder keys(KeyRing keys) {
      this.keys = Objects.requireNonNull(keys, "keys");
      return this;
    }

    /** The session cookie's attributes (see {@link SessionCookieSettings#DEFAULTS}). */
    public Builder cookie(SessionCookieSettings cookie) {
      this.cookie = Objects.requireNonNull(cookie, "cookie");
      return this;
    }

    /** A non-permanent session unused for this long ends. Default 24 hours. */
    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = idleTimeout;
      return this;
    }

    /** No session lives longer than this, however busy (null: no limit). Default 31 days. */
    public Builder absoluteTimeout(Duration absoluteTimeout) {
      this.absoluteTimeout = absoluteTimeout;
      return this;
    }

    /** A permanent session's idle timeout and cookie Max-Age. Default 31 days, as Flask. */
    public Builder permanentLifetime(Duration permanentLifetime) {
      this.permanentLifetime = permanentLifetime;
      return this;
    }

    /** How often an unchanged session is re-issued or touched to slide its expiry. Default 1 minute. */
    public Builder refreshAfter(Duration refreshAfter) {
      this.refreshAfter = refreshAfter;
      return this;
    }

    /** The clock (tests use a fixed one). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Peers whose {@code X-Forwarded-Proto} is believed, so Secure is set behind a TLS-terminating proxy. Requests
     * from any other address cannot make Satchel think they came over HTTPS.
     */
    public Builder trustedProxies(Set<String> addresses) {
      this.trustedProxies = Set.copyOf(addresses);
      return this;
    }

    /** Builds the manager. */
    public SessionManager build() {
      if (codec == null && store == null) {
        throw new IllegalStateException("Choose where sessions live: builder.codec(...) for cookie sessions "
            + "(e.g. SignedCookieCodec.of(KeyRing.fromEnvironment())) or builder.store(...).keys(...) for a "
            + "server-side store.");
      }
      if (store != null && keys == null) {
        throw new IllegalStateException("Server-side sessions need the application's keys too: "
            + "builder.store(store).keys(KeyRing.fromEnvironment()). They sign the CSRF secret of visitors who "
            + "have nothing stored yet, which then travels in their cookie instead of growing the store; every "
            + "process sharing the store must use the same keys.");
      }
      new Timeouts(idleTimeout, absoluteTimeout, permanentLifetime, refreshAfter);
      return new SessionManager(this);
    }
  }
}
