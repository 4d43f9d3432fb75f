package dev.satchel.bench.http;

import dev.satchel.jdbc.JdbcSessionStore;
import dev.satchel.keys.KeyRing;
import dev.satchel.redis.RedisSessionStore;
import dev.satchel.session.SessionManager;
import dev.satchel.session.codec.EncryptedCookieCodec;
import dev.satchel.session.codec.SignedCookieCodec;
import dev.satchel.store.SessionStore;
import dev.satchel.store.memory.MemorySessionStore;

/** The {@link SessionManager} for one benchmark mode (null for the baseline), and what to close at exit. */
final class BenchSessions implements AutoCloseable {

  private final SessionManager manager;
  private final SessionStore store;

  private BenchSessions(SessionManager manager, SessionStore store) {
    this.manager = manager;
    this.store = store;
  }

  static BenchSessions create(BenchConfig config) {
    // One random key per run: the load generator logs in against this very process, so nothing needs to persist.
    KeyRing keys = KeyRing.generate();
    return switch (config.mode()) {
      case "baseline" -> new BenchSessions(null, null);
      case "cookie" -> new BenchSessions(SessionManager.builder().codec(SignedCookieCodec.of(keys)).build(), null);
      case "encrypted" ->
          new BenchSessions(SessionManager.builder().codec(EncryptedCookieCodec.of(keys)).build(), null);
      case "memory" -> store(MemorySessionStore.create(), keys);
      case "h2", "postgres" -> store(JdbcSessionStore.builder().jdbcUrl(config.jdbcUrl())
          .tablePrefix(config.tablePrefix()).build(), keys);
      case "redis" -> store(RedisSessionStore.builder(config.redisUri()).keyPrefix(config.keyPrefix()).build(), keys);
      default -> throw new IllegalArgumentException("unknown mode " + config.mode());
    };
  }

  private static BenchSessions store(SessionStore store, KeyRing keys) {
    return new BenchSessions(SessionManager.builder().store(store).keys(keys).build(), store);
  }

  /** The manager the plugin runs with, or null for the no-session baseline. */
  SessionManager manager() {
    return manager;
  }

  @Override
  public void close() {
    if (store != null) {
      store.close();
    }
  }
}
