package dev.satchel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionId;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.SessionStore.CasResult;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How many statements (round trips) each operation costs, counted through a recording DataSource: loading a
 * session is one query, and a request's delta is one transaction.
 */
class JdbcStoreRoundTripTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private final List<String> log = new ArrayList<>();
  private JdbcSessionStore store;
  private String key;

  @BeforeEach
  void setUp() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:roundtrips-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    store = JdbcSessionStore.builder().dataSource(recording(h2)).build();
    key = SessionId.generate().storageKey();
    store.save(key, SessionChanges.create(Map.of("a", "1", "b", "2"), meta()), T0);
    log.clear();
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  @Test
  void loadIsOneQuery() {
    assertThat(store.load(key, T0).orElseThrow().attributes()).hasSize(2);
    assertThat(log).containsExactly("executeQuery");
  }

  @Test
  void touchIsOneStatementWithoutATransaction() {
    store.save(key, SessionChanges.touch(meta()), T0);
    assertThat(log).containsExactly("executeUpdate");
  }

  @Test
  void aDeltaIsOneTransaction() {
    store.save(key, SessionChanges.update(Map.of("c", "3", "d", "4"), Set.of("a"), meta()), T0);
    // session row (liveness check + lock), removals as one batch, upserts as one batch, one commit
    assertThat(log).containsExactly("setAutoCommit(false)", "executeUpdate", "executeBatch", "executeBatch", "commit",
        "setAutoCommit(true)");
  }

  @Test
  void aConflictRollsBackTheExpiryRefreshToo() {
    assertThat(store.compareAndSet(key, "a", "9", "10", meta(), T0)).isEqualTo(CasResult.CONFLICT);
    assertThat(log).contains("rollback").doesNotContain("executeBatch");
  }

  private static SessionMetadata meta() {
    return new SessionMetadata(T0, T0, T0.plusSeconds(3600), null, null);
  }

  /** Wraps a DataSource so every execute, commit and rollback on its connections is logged. */
  private DataSource recording(DataSource target) {
    return proxy(DataSource.class, target, (proxy, method, args) -> {
      Object result = invoke(target, method, args);
      return result instanceof Connection c ? proxy(Connection.class, c, connectionHandler(c)) : result;
    });
  }

  private InvocationHandler connectionHandler(Connection c) {
    return (proxy, method, args) -> {
      String name = method.getName();
      if (name.equals("commit") || name.equals("rollback")) {
        log.add(name);
      } else if (name.equals("setAutoCommit")) {
        log.add(name + "(" + args[0] + ")");
      }
      Object result = invoke(c, method, args);
      if (result instanceof Statement s) {
        Class<?> type = method.getReturnType();
        return proxy(type, s, (p, m, a) -> {
          if (m.getName().startsWith("execute")) {
            log.add(m.getName());
          }
          return invoke(s, m, a);
        });
      }
      return result;
    };
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, Object target, InvocationHandler handler) {
    return (T) Proxy.newProxyInstance(JdbcStoreRoundTripTest.class.getClassLoader(), new Class<?>[] {type}, handler);
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
