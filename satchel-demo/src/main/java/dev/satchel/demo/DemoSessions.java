package dev.satchel.demo;

import dev.satchel.flask.FlaskSessionCodec;
import dev.satchel.jdbc.JdbcSessionStore;
import dev.satchel.keys.KeyRing;
import dev.satchel.memcached.MemcachedSessionStore;
import dev.satchel.redis.RedisSessionStore;
import dev.satchel.session.SessionManager;
import dev.satchel.session.codec.EncryptedCookieCodec;
import dev.satchel.session.codec.SignedCookieCodec;
import dev.satchel.store.SessionStore;
import dev.satchel.store.memory.MemorySessionStore;

/** Builds the demo's {@link SessionManager} for the chosen store, and closes what it opened. */
final class DemoSessions implements AutoCloseable {

  private final SessionManager manager;
  private final SessionStore store;
  private final String description;

  private DemoSessions(SessionManager manager, SessionStore store, String description) {
    this.manager = manager;
    this.store = store;
    this.description = description;
  }

  static DemoSessions create(DemoConfig config, KeyRing keys) {
    return switch (config.store()) {
      case "cookie" -> cookie(SessionManager.builder().codec(SignedCookieCodec.of(keys)),
          "signed cookie (HMAC-SHA256)");
      case "encrypted" -> cookie(SessionManager.builder().codec(EncryptedCookieCodec.of(keys)),
          "encrypted cookie (AES-256-GCM)");
      case "flask" -> cookie(SessionManager.builder().codec(FlaskSessionCodec.builder(keys.all()).build()),
          "Flask-compatible cookie");
      case "memory" -> store(MemorySessionStore.create(), keys, "memory store (this process only)");
      case "h2" -> store(JdbcSessionStore.builder()
          .jdbcUrl(config.jdbcUrl() != null ? config.jdbcUrl() : "jdbc:h2:file:./.satchel/demo-sessions").build(),
          keys, "H2 database");
      case "postgres" -> store(JdbcSessionStore.builder()
          .jdbcUrl(config.jdbcUrl() != null ? config.jdbcUrl()
              : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres").build(),
          keys, "PostgreSQL");
      case "redis" -> store(RedisSessionStore.builder(config.redisUri()).build(), keys,
          "Redis at " + config.redisUri());
      case "memcached" -> store(MemcachedSessionStore.builder(config.memcachedServers()).keyPrefix("satchel-demo:")
          .build(), keys, "Memcached at " + config.memcachedServers());
      default -> throw new IllegalArgumentException("Unknown store " + config.store());
    };
  }

  private static DemoSessions cookie(SessionManager.Builder builder, String description) {
    return new DemoSessions(builder.build(), null, description);
  }

  private static DemoSessions store(SessionStore store, KeyRing keys, String description) {
    // The keys sign the CSRF secret of visitors who have not logged in: their form pages store nothing.
    return new DemoSessions(SessionManager.builder().store(store).keys(keys).build(), store, description);
  }

  SessionManager manager() {
    return manager;
  }

  /** True when sessions live on the server, so they can be listed and revoked. */
  boolean serverSide() {
    return store != null;
  }

  String description() {
    return description;
  }

  @Override
  public void close() {
    if (store != null) {
      store.close();
    }
  }
}
