package dev.satchel.spring;

import dev.satchel.cookie.SameSite;
import dev.satchel.session.SecureMode;
import dev.satchel.session.SessionCookieSettings;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Satchel's settings under {@code satchel.*} in {@code application.properties}. Defaults are the secure ones:
 * signed cookie sessions, HttpOnly, SameSite=Lax, Secure on HTTPS, CSRF protection on.
 *
 * @param store where sessions live: cookie, memory, jdbc or redis
 * @param secretKey the secret key (e.g. {@code base64url:...}, 32+ random bytes); unset: the environment
 *     ({@code SATCHEL_SECRET_KEY} / {@code SATCHEL_SECRET_KEY_FILE})
 * @param fallbackSecretKeys older keys still accepted during a rotation, newest first
 * @param trustedProxies proxy addresses whose {@code X-Forwarded-Proto} is believed for the Secure attribute
 * @param filterOrder the filter's order, default {@code Ordered.HIGHEST_PRECEDENCE + 50}: early, so what follows
 *     (Spring Security included) sees Satchel's session
 * @param cookie the session cookie's attributes
 * @param timeout how long sessions live
 * @param csrf CSRF protection
 * @param jdbc the JDBC store
 * @param redis the Redis store
 */
@ConfigurationProperties(prefix = "satchel")
public record SatchelProperties(
    @DefaultValue("cookie") StoreType store,
    String secretKey,
    @DefaultValue List<String> fallbackSecretKeys,
    @DefaultValue Set<String> trustedProxies,
    @DefaultValue("-2147483598") int filterOrder,
    @DefaultValue Cookie cookie,
    @DefaultValue Timeout timeout,
    @DefaultValue Csrf csrf,
    @DefaultValue Jdbc jdbc,
    @DefaultValue Redis redis) {

  /** Where sessions live. */
  public enum StoreType {
    /** In the cookie, signed with the secret key (nothing stored on the server). */
    COOKIE,
    /** In this JVM's memory (one instance, or sticky sessions). */
    MEMORY,
    /** In a database through satchel-jdbc (needs it on the classpath, and a DataSource or satchel.jdbc.url). */
    JDBC,
    /** In Redis through satchel-redis (needs it on the classpath; satchel.redis.uri). */
    REDIS
  }

  /**
   * The session cookie's attributes ({@code satchel.cookie.*}).
   *
   * @param name cookie name; a {@code __Host-} name binds the cookie to the exact host over HTTPS
   * @param path cookie path
   * @param domain cookie domain; unset is host-only, the safe default
   * @param sameSite lax, strict or none
   * @param httpOnly hide the cookie from JavaScript
   * @param secure when to mark the cookie Secure: auto (on HTTPS), always, never
   * @param partitioned CHIPS partitioning, for sessions in third-party frames
   */
  public record Cookie(@DefaultValue("session") String name, @DefaultValue("/") String path, String domain,
      @DefaultValue("lax") SameSite sameSite, @DefaultValue("true") boolean httpOnly,
      @DefaultValue("auto") SecureMode secure, boolean partitioned) {

    /** These properties as the core's settings. */
    public SessionCookieSettings toSettings() {
      return new SessionCookieSettings(name, path, domain, sameSite, httpOnly, secure, partitioned);
    }
  }

  /**
   * How long sessions live ({@code satchel.timeout.*}).
   *
   * @param idle a session unused this long ends
   * @param absolute no session lives longer than this, however busy; 0 for no limit
   * @param permanentLifetime a permanent ("remember me") session's lifetime and cookie Max-Age
   * @param refreshAfter an unchanged session is re-issued or touched at most this often
   */
  public record Timeout(@DefaultValue("24h") Duration idle, @DefaultValue("31d") Duration absolute,
      @DefaultValue("31d") Duration permanentLifetime, @DefaultValue("1m") Duration refreshAfter) {}

  /**
   * CSRF protection ({@code satchel.csrf.*}).
   *
   * @param enabled require a token on POST, PUT, PATCH and DELETE; turn off only with another CSRF defence in place
   * @param exemptPaths paths that need no token (APIs using bearer tokens): {@code /api/*}, {@code *.json}, exact
   * @param trustedOrigins other origins allowed to post ({@code https://app.example.com})
   */
  public record Csrf(@DefaultValue("true") boolean enabled, @DefaultValue List<String> exemptPaths,
      @DefaultValue Set<String> trustedOrigins) {}

  /**
   * The JDBC store ({@code satchel.jdbc.*}); the application's DataSource is used unless a URL is given.
   *
   * @param url JDBC URL for a pool of Satchel's own
   * @param username database user for {@code url}
   * @param password database password for {@code url}
   * @param tablePrefix prefix of the table names
   * @param createSchema create the tables on first use
   * @param connectionTimeout how long a request waits for a connection; unset: the store's default (1 s)
   */
  public record Jdbc(String url, String username, String password, @DefaultValue("satchel_") String tablePrefix,
      @DefaultValue("true") boolean createSchema, Duration connectionTimeout) {}

  /**
   * The Redis store ({@code satchel.redis.*}).
   *
   * @param uri redis://, rediss:// (TLS), redis-sentinel:// or redis-cluster:// URI
   * @param keyPrefix prefix of every key the store writes; give each application its own
   * @param commandTimeout how long one call waits for Redis; unset: the store's default (500 ms)
   * @param connectTimeout how long opening a connection may take; unset: the store's default (500 ms)
   */
  public record Redis(@DefaultValue("redis://localhost:6379") String uri, @DefaultValue("satchel:") String keyPrefix,
      Duration commandTimeout, Duration connectTimeout) {}
}
