package dev.satchel.jwt.jwks;

import dev.satchel.jwt.JwtKey;
import dev.satchel.jwt.JwtKeySet;
import dev.satchel.jwt.JwtKeySource;
import dev.satchel.jwt.JwtKeysUnavailableException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Another issuer's public keys, fetched from its JWKS URL and cached.
 *
 * <p>The document is fetched on first use and again once it is older than the refresh interval, or when a token names
 * a {@code kid} the cache lacks (the issuer rotated) — but never more often than the minimum refresh interval, so a
 * flood of tokens with made-up kids costs at most one request per interval. Every fetch is bounded (connect timeout,
 * total timeout, document size). When a refresh fails the last good document keeps serving for up to the maximum
 * staleness, so a JWKS outage does not log everyone out. Shared secrets in the document are ignored. Thread-safe; only
 * refreshes take a lock.
 */
public final class RemoteJwks implements JwtKeySource {

  private final URI uri;
  private final HttpClient http;
  private final Duration refreshInterval;
  private final Duration minRefreshInterval;
  private final Duration maxStale;
  private final Duration timeout;
  private final int maxDocumentBytes;
  private final Clock clock;

  private volatile Snapshot snapshot;
  private Instant lastAttempt;
  private JwtKeysUnavailableException lastFailure;

  private record Snapshot(JwtKeySet keys, Instant fetchedAt) {}

  private RemoteJwks(Builder b) {
    this.uri = b.uri;
    this.refreshInterval = b.refreshInterval;
    this.minRefreshInterval = b.minRefreshInterval;
    this.maxStale = b.maxStale;
    this.timeout = b.timeout;
    this.maxDocumentBytes = b.maxDocumentBytes;
    this.clock = b.clock;
    this.http = HttpClient.newBuilder().connectTimeout(b.connectTimeout)
        // A redirect could move key retrieval to a host nobody configured.
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /**
   * A builder for the JWKS at this URL. Only {@code https} is accepted, except plain {@code http} to a loopback
   * address (local development and tests).
   */
  public static Builder builder(URI uri) {
    Objects.requireNonNull(uri, "uri");
    String scheme = uri.getScheme();
    if (!"https".equalsIgnoreCase(scheme) && !("http".equalsIgnoreCase(scheme) && isLoopback(uri.getHost()))) {
      throw new IllegalArgumentException("JWKS URL " + uri + " must use https (plain http only to a loopback address): "
          + "keys fetched over plain http can be swapped by anyone on the path");
    }
    return new Builder(uri);
  }

  @Override
  public Optional<JwtKey> find(String keyId) {
    Snapshot s = snapshot;
    if (s != null && isFresh(s, clock.instant())) {
      Optional<JwtKey> key = s.keys().find(keyId);
      if (key.isPresent()) {
        return key;
      }
    }
    Optional<JwtKey> key = current(false).keys().find(keyId);
    return key.isPresent() ? key : current(true).keys().find(keyId);
  }

  @Override
  public Optional<JwtKey> soleKey() {
    return current(false).keys().soleKey();
  }

  /** The keys now cached (fetching them if never fetched or stale). */
  public JwtKeySet keys() {
    return current(false).keys();
  }

  private boolean isFresh(Snapshot s, Instant now) {
    return now.isBefore(s.fetchedAt().plus(refreshInterval));
  }

  /** The snapshot to use, refreshing it when stale or (if {@code unknownKid}) to look for a new key; rate-limited. */
  private synchronized Snapshot current(boolean unknownKid) {
    Snapshot s = snapshot;
    Instant now = clock.instant();
    if (s != null && !unknownKid && isFresh(s, now)) {
      return s;
    }
    if (lastAttempt != null && now.isBefore(lastAttempt.plus(minRefreshInterval))) {
      return usable(s, now, lastFailure);
    }
    lastAttempt = now;
    try {
      Snapshot fresh = new Snapshot(fetch(), now);
      snapshot = fresh;
      lastFailure = null;
      return fresh;
    } catch (JwtKeysUnavailableException e) {
      lastFailure = e;
      return usable(s, now, e);
    }
  }

  private Snapshot usable(Snapshot s, Instant now, JwtKeysUnavailableException failure) {
    if (s != null && now.isBefore(s.fetchedAt().plus(maxStale))) {
      return s;
    }
    if (failure != null) {
      throw failure;
    }
    throw new JwtKeysUnavailableException("JWKS " + uri + " has no usable keys (last fetch too old, next attempt "
        + "after " + lastAttempt.plus(minRefreshInterval) + ")", null);
  }

  private JwtKeySet fetch() {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET()
        .build();
    CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(request,
        info -> new LimitedBodySubscriber(maxDocumentBytes));
    HttpResponse<byte[]> response;
    try {
      // The request timeout covers only the response headers; this bounds the body as well.
      response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new JwtKeysUnavailableException("JWKS " + uri + " did not answer within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JwtKeysUnavailableException("Interrupted while fetching JWKS " + uri, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof java.net.http.HttpTimeoutException) {
        throw new JwtKeysUnavailableException("JWKS " + uri + " did not answer within " + timeout, cause);
      }
      throw new JwtKeysUnavailableException("JWKS " + uri + " could not be fetched: " + cause, cause);
    }
    if (response.statusCode() != 200) {
      throw new JwtKeysUnavailableException("JWKS " + uri + " answered HTTP " + response.statusCode(), null);
    }
    try {
      return JwtKeySet.parseJwks(new String(response.body(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new JwtKeysUnavailableException("JWKS " + uri + " is not a key set: " + e.getMessage(), e);
    }
  }

  private static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    try {
      // Only literal addresses are checked (no DNS lookup happens for a literal).
      String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
      return (Character.isDigit(literal.charAt(0)) || literal.contains(":"))
          && InetAddress.getByName(literal).isLoopbackAddress();
    } catch (UnknownHostException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "RemoteJwks[" + uri + "]";
  }

  /**
   * Configures a {@link RemoteJwks}. Defaults: refresh every 10 minutes, at most one fetch per 30 seconds, serve a stale
   * document for up to 24 hours while the endpoint fails, 2 s connect and 5 s total timeout, documents up to 256 KiB.
   */
  public static final class Builder {
    private final URI uri;
    private Duration refreshInterval = Duration.ofMinutes(10);
    private Duration minRefreshInterval = Duration.ofSeconds(30);
    private Duration maxStale = Duration.ofHours(24);
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration timeout = Duration.ofSeconds(5);
    private int maxDocumentBytes = 256 * 1024;
    private Clock clock = Clock.systemUTC();

    private Builder(URI uri) {
      this.uri = uri;
    }

    /** How long a fetched document is used before it is fetched again. */
    public Builder refreshInterval(Duration d) {
      this.refreshInterval = positive(d, "refreshInterval");
      return this;
    }

    /** The least time between two fetches, whatever the tokens say (protects the issuer and us). */
    public Builder minRefreshInterval(Duration d) {
      this.minRefreshInterval = positive(d, "minRefreshInterval");
      return this;
    }

    /** How long the last good document keeps serving while fetches fail. */
    public Builder maxStale(Duration d) {
      this.maxStale = positive(d, "maxStale");
      return this;
    }

    /** Time allowed to open the connection. */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = positive(d, "connectTimeout");
      return this;
    }

    /** Time allowed for the whole fetch (connect, headers, body). */
    public Builder timeout(Duration d) {
      this.timeout = positive(d, "timeout");
      return this;
    }

    /** Larger documents are refused. */
    public Builder maxDocumentBytes(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxDocumentBytes must be at least 1024, got " + bytes);
      }
      this.maxDocumentBytes = bytes;
      return this;
    }

    /** The clock deciding freshness and rate limits. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The key source. Nothing is fetched until the first token needs a key. */
    public RemoteJwks build() {
      return new RemoteJwks(this);
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      return d;
    }
  }
}
