package dev.satchel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionId;
import dev.satchel.store.SessionInfo;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.SessionStore.CasResult;
import dev.satchel.store.SessionStore.SaveResult;
import dev.satchel.store.SessionStoreException;
import dev.satchel.store.SessionStoreUnavailableException;
import dev.satchel.store.StoredSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import dev.satchel.jdbc.internal.SchemaScript;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the JDBC store guarantees beyond (and before) the shared conformance kit, run against every dialect. */
abstract class JdbcStoreTests {

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");
  static final Duration IDLE = Duration.ofMinutes(30);

  protected String prefix;
  protected JdbcSessionStore store;

  /** A builder pointing at the database under test (no prefix set). */
  protected abstract JdbcSessionStore.Builder database();

  /** {@link #database()} without the background sweeper: these tests run on a virtual clock in the past. */
  protected final JdbcSessionStore.Builder connect() {
    return database().sweepInterval(Duration.ZERO);
  }

  /** A plain connection to the same database, to check what is really stored. */
  protected abstract Connection raw() throws SQLException;

  /** The dialect name the store must detect. */
  protected abstract String expectedDialect();

  protected abstract String tag();

  @BeforeEach
  void openStore() {
    prefix = Databases.uniquePrefix(tag());
    store = connect().tablePrefix(prefix).build();
  }

  @AfterEach
  void closeStore() throws SQLException {
    store.close();
    try (Connection c = raw(); Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS " + prefix + "attributes");
      st.execute("DROP TABLE IF EXISTS " + prefix + "sessions");
    }
  }

  static SessionMetadata meta(Instant now, String principal) {
    return new SessionMetadata(T0, now, now.plus(IDLE), principal, "Firefox on Linux");
  }

  static String newKey() {
    return SessionId.generate().storageKey();
  }

  String create(Map<String, String> attributes) {
    String key = newKey();
    assertThat(store.save(key, SessionChanges.create(attributes, meta(T0, null)), T0)).isEqualTo(SaveResult.SAVED);
    return key;
  }

  long rows(String table, String key) throws SQLException {
    try (Connection c = raw();
         PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + prefix + table + " WHERE storage_key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Test
  void detectsTheDialect() {
    assertThat(store.dialect()).isEqualTo(expectedDialect());
  }

  @Test
  void roundTripsAttributesAndMetadataExactly() {
    String big = "\"" + "x".repeat(1_000_000) + "\"";
    Map<String, String> attrs = Map.of("user", "\"alice\"", "cart", "[1,2,{\"a\":null}]", "big", big,
        "ünïcødé 🎉 名前", "true", "", "0");
    String key = newKey();
    SessionMetadata m = new SessionMetadata(T0, T0.plusSeconds(5), T0.plus(IDLE), "alice@example.com", "curl/8");
    store.save(key, SessionChanges.create(attrs, m), T0);

    StoredSession loaded = store.load(key, T0.plusSeconds(6)).orElseThrow();
    assertThat(loaded.attributes()).isEqualTo(attrs);
    assertThat(loaded.metadata()).isEqualTo(m);
  }

  @Test
  void attributeNamesAreCaseAndSpaceSensitive() {
    String key = create(Map.of("a", "1", "A", "2", "a ", "3"));
    assertThat(store.load(key, T0).orElseThrow().attributes()).containsOnly(
        Map.entry("a", "1"), Map.entry("A", "2"), Map.entry("a ", "3"));
  }

  @Test
  void attributeNamesUpTo255CharactersAreKeptAndLongerOnesRejectedByName() {
    String longest = "é".repeat(253) + "🎉"; // 255 UTF-16 units, 254 code points
    String key = create(Map.of(longest, "1"));
    assertThat(store.load(key, T0).orElseThrow().attributes()).containsKey(longest);

    String tooLong = "n".repeat(256);
    assertThatThrownBy(() -> store.save(key, SessionChanges.update(Map.of(tooLong, "1"), Set.of(), meta(T0, null)), T0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256 characters").hasMessageContaining("255");
    assertThatThrownBy(() -> store.save(key, SessionChanges.update(Map.of("bad\uD800", "1"), Set.of(), meta(T0, null)), T0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unpaired surrogate");
    assertThatThrownBy(() -> store.compareAndSet(key, "nul\0", null, "1", meta(T0, null), T0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
    assertThat(store.load(key, T0).orElseThrow().attributes()).containsOnlyKeys(longest);
  }

  @Test
  void longDeviceDescriptionsAreCutNotRejected() {
    String key = newKey();
    SessionMetadata m = new SessionMetadata(T0, T0, T0.plus(IDLE), null, "UA ".repeat(400));
    store.save(key, SessionChanges.create(Map.of("a", "1"), m), T0);
    assertThat(store.load(key, T0).orElseThrow().metadata().device()).hasSize(512).startsWith("UA UA");
  }

  @Test
  void expiredSessionsAreNeverReturnedListedOrCounted() {
    String key = create(Map.of("a", "1"));
    Instant expiry = T0.plus(IDLE);
    assertThat(store.load(key, expiry.minusNanos(1_000))).isPresent();
    assertThat(store.load(key, expiry)).isEmpty();
    assertThat(store.count(expiry.minusSeconds(1))).isEqualTo(1);
    assertThat(store.count(expiry)).isZero();
    assertThat(store.list(null, 10, expiry)).isEmpty();
  }

  @Test
  void updateWritesOnlyTheDeltaAndRemovals() {
    String key = create(Map.of("a", "1", "b", "2", "c", "3"));
    Instant t1 = T0.plusSeconds(10);
    assertThat(store.save(key, SessionChanges.update(Map.of("b", "20", "d", "4"), Set.of("c"), meta(t1, "bob")), t1))
        .isEqualTo(SaveResult.SAVED);
    StoredSession s = store.load(key, t1).orElseThrow();
    assertThat(s.attributes()).isEqualTo(Map.of("a", "1", "b", "20", "d", "4"));
    assertThat(s.metadata().principal()).isEqualTo("bob");
    assertThat(s.metadata().expiresAt()).isEqualTo(t1.plus(IDLE));
  }

  @Test
  void replaceAllDropsEveryOtherAttribute() {
    String key = create(Map.of("a", "1", "b", "2"));
    store.save(key, new SessionChanges(SessionChanges.Kind.UPDATE, true, Map.of("c", "3"), Set.of(), meta(T0, null)), T0);
    assertThat(store.load(key, T0).orElseThrow().attributes()).isEqualTo(Map.of("c", "3"));
  }

  @Test
  void touchMovesOnlyTheExpiry() {
    String key = create(Map.of("a", "1"));
    Instant t1 = T0.plusSeconds(600);
    assertThat(store.save(key, SessionChanges.touch(meta(t1, null)), t1)).isEqualTo(SaveResult.SAVED);
    StoredSession s = store.load(key, T0.plus(IDLE).plusSeconds(1)).orElseThrow();
    assertThat(s.metadata().lastAccessedAt()).isEqualTo(t1);
    assertThat(s.attributes()).isEqualTo(Map.of("a", "1"));
  }

  @Test
  void updateNeverResurrectsADeletedOrExpiredSession() throws SQLException {
    String deleted = create(Map.of("a", "1"));
    assertThat(store.delete(deleted)).isTrue();
    assertThat(store.delete(deleted)).isFalse();
    assertThat(store.save(deleted, SessionChanges.update(Map.of("user", "\"mallory\""), Set.of(), meta(T0, "m")), T0))
        .isEqualTo(SaveResult.NOT_FOUND);
    assertThat(store.save(deleted, SessionChanges.touch(meta(T0, null)), T0)).isEqualTo(SaveResult.NOT_FOUND);
    assertThat(rows("sessions", deleted)).isZero();
    assertThat(rows("attributes", deleted)).isZero();

    String expired = create(Map.of("a", "1"));
    Instant late = T0.plus(IDLE);
    assertThat(store.save(expired, SessionChanges.update(Map.of("b", "2"), Set.of(), meta(late, null)), late))
        .isEqualTo(SaveResult.NOT_FOUND);
    assertThat(store.compareAndSet(expired, "b", null, "2", meta(late, null), late)).isEqualTo(CasResult.NOT_FOUND);
    assertThat(rows("attributes", expired)).isEqualTo(1);
    assertThat(store.load(expired, late)).isEmpty();
  }

  @Test
  void deletingASessionCascadesToItsAttributes() throws SQLException {
    String key = create(Map.of("a", "1", "b", "2"));
    assertThat(rows("attributes", key)).isEqualTo(2);
    store.delete(key);
    assertThat(rows("attributes", key)).isZero();
  }

  @Test
  void compareAndSetCoversAbsentPresentAndRemoval() {
    String key = create(Map.of("n", "1"));
    Instant t1 = T0.plusSeconds(1);
    assertThat(store.compareAndSet(key, "n", "2", "3", meta(t1, null), t1)).isEqualTo(CasResult.CONFLICT);
    assertThat(store.compareAndSet(key, "n", null, "3", meta(t1, null), t1)).isEqualTo(CasResult.CONFLICT);
    assertThat(store.compareAndSet(key, "n", null, null, meta(t1, null), t1)).isEqualTo(CasResult.CONFLICT);
    assertThat(store.load(key, t1).orElseThrow().metadata().lastAccessedAt())
        .as("a conflict changes nothing, not even the expiry").isEqualTo(T0);

    assertThat(store.compareAndSet(key, "n", "1", "2", meta(t1, null), t1)).isEqualTo(CasResult.UPDATED);
    assertThat(store.compareAndSet(key, "n", "2", "2", meta(t1, null), t1)).isEqualTo(CasResult.UPDATED);
    assertThat(store.compareAndSet(key, "m", null, "\"new\"", meta(t1, null), t1)).isEqualTo(CasResult.UPDATED);
    assertThat(store.compareAndSet(key, "gone", null, null, meta(t1, null), t1)).isEqualTo(CasResult.UPDATED);
    StoredSession s = store.load(key, t1).orElseThrow();
    assertThat(s.attributes()).isEqualTo(Map.of("n", "2", "m", "\"new\""));
    assertThat(s.metadata().lastAccessedAt()).isEqualTo(t1);

    assertThat(store.compareAndSet(key, "n", "2", null, meta(t1, null), t1)).isEqualTo(CasResult.UPDATED);
    assertThat(store.load(key, t1).orElseThrow().attributes()).isEqualTo(Map.of("m", "\"new\""));
    assertThat(store.compareAndSet(newKey(), "n", null, "1", meta(t1, null), t1)).isEqualTo(CasResult.NOT_FOUND);
  }

  @Test
  void compareAndSetComparesTheExactJsonText() {
    String key = create(Map.of("v", "{\"a\":1}"));
    assertThat(store.compareAndSet(key, "v", "{\"a\": 1}", "2", meta(T0, null), T0)).isEqualTo(CasResult.CONFLICT);
    assertThat(store.compareAndSet(key, "v", "{\"A\":1}", "2", meta(T0, null), T0)).isEqualTo(CasResult.CONFLICT);
    assertThat(store.compareAndSet(key, "v", "{\"a\":1} ", "2", meta(T0, null), T0)).isEqualTo(CasResult.CONFLICT);
    assertThat(store.compareAndSet(key, "v", "{\"a\":1}", "2", meta(T0, null), T0)).isEqualTo(CasResult.UPDATED);
  }

  @Test
  void parallelDeltasOnDifferentAttributesAreAllKept() throws Exception {
    String key = create(Map.of());
    int threads = 8;
    int writes = 25;
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      tasks.add(() -> {
        for (int i = 0; i < writes; i++) {
          Instant now = T0.plusMillis(i);
          SaveResult r = store.save(key, SessionChanges.update(Map.of("t" + id + "-" + i, Integer.toString(i)),
              Set.of(), meta(now, null)), now);
          assertThat(r).isEqualTo(SaveResult.SAVED);
        }
        return null;
      });
    }
    runAll(tasks);
    assertThat(store.load(key, T0).orElseThrow().attributes()).hasSize(threads * writes);
  }

  @Test
  void parallelCompareAndSetCountersKeepEveryIncrement() throws Exception {
    String key = create(Map.of("counter", "0"));
    int threads = 6;
    int increments = 30;
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      tasks.add(() -> {
        for (int i = 0; i < increments; i++) {
          increment(store, key, "counter", T0);
        }
        return null;
      });
    }
    runAll(tasks);
    assertThat(store.load(key, T0).orElseThrow().attributes()).containsEntry("counter",
        Integer.toString(threads * increments));
  }

  /** The read-modify-write loop {@code Session.compute} runs against a store. */
  static void increment(dev.satchel.store.SessionStore store, String key, String name, Instant now) {
    while (true) {
      String current = store.load(key, now).orElseThrow().attributes().get(name);
      String next = Long.toString(current == null ? 1 : Long.parseLong(current) + 1);
      CasResult r = store.compareAndSet(key, name, current, next, meta(now, null), now);
      if (r == CasResult.UPDATED) {
        return;
      }
      assertThat(r).isEqualTo(CasResult.CONFLICT);
    }
  }

  private static void runAll(List<Callable<Void>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      for (Future<Void> f : pool.invokeAll(tasks)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void principalQueriesSeeOnlyLiveSessionsMostRecentFirst() throws SQLException {
    String older = newKey();
    String newer = newKey();
    String expired = newKey();
    String other = newKey();
    store.save(older, SessionChanges.create(Map.of("a", "1"), meta(T0.plusSeconds(1), "alice")), T0);
    store.save(newer, SessionChanges.create(Map.of("a", "1"), meta(T0.plusSeconds(2), "alice")), T0);
    store.save(expired, SessionChanges.create(Map.of("a", "1"),
        new SessionMetadata(T0, T0, T0.plusSeconds(5), "alice", null)), T0);
    store.save(other, SessionChanges.create(Map.of("a", "1"), meta(T0, "bob")), T0);

    Instant now = T0.plusSeconds(10);
    assertThat(store.findByPrincipal("alice", now)).extracting(SessionInfo::storageKey).containsExactly(newer, older);
    assertThat(store.findByPrincipal("ALICE", now)).isEmpty();
    assertThat(store.deleteByPrincipal("alice", now)).isEqualTo(2);
    assertThat(store.findByPrincipal("alice", now)).isEmpty();
    assertThat(rows("attributes", newer) + rows("attributes", older)).isZero();
    assertThat(store.load(other, now)).isPresent();
  }

  @Test
  void listPagesThroughEveryLiveSessionInStorageKeyOrder() {
    List<String> keys = IntStream.range(0, 23).mapToObj(i -> create(Map.of("i", Integer.toString(i))))
        .sorted().collect(Collectors.toList());
    store.save(newKey(), SessionChanges.create(Map.of(), new SessionMetadata(T0, T0, T0.plusSeconds(1), null, null)), T0);
    Instant now = T0.plusSeconds(2);
    List<String> seen = new ArrayList<>();
    String after = null;
    while (true) {
      List<SessionInfo> page = store.list(after, 5, now);
      page.forEach(i -> seen.add(i.storageKey()));
      if (page.size() < 5) {
        break;
      }
      after = page.get(page.size() - 1).storageKey();
    }
    assertThat(seen).containsExactlyElementsOf(keys);
    assertThat(store.count(now)).isEqualTo(23);
  }

  @Test
  void sweepRemovesExpiredSessionsInBoundedBatches() throws SQLException {
    List<String> expired = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String key = newKey();
      store.save(key, SessionChanges.create(Map.of("a", "1", "b", "2"),
          new SessionMetadata(T0, T0, T0.plusSeconds(i + 1), null, null)), T0);
      expired.add(key);
    }
    String live = create(Map.of("a", "1"));
    Instant now = T0.plusSeconds(100);
    assertThat(store.sweep(now, 3)).isEqualTo(3);
    assertThat(rows("sessions", expired.get(0)) + rows("sessions", expired.get(1)) + rows("sessions", expired.get(2)))
        .as("oldest expiry first").isZero();
    assertThat(store.sweep(now, 3)).isEqualTo(3);
    assertThat(store.sweep(now, 3)).isEqualTo(1);
    assertThat(store.sweep(now, 3)).isZero();
    for (String key : expired) {
      assertThat(rows("attributes", key)).isZero();
    }
    assertThat(store.load(live, now)).isPresent();
  }

  @Test
  void schemaCreationIsIdempotentAndSafeWhenStoresStartTogether() throws Exception {
    String shared = Databases.uniquePrefix(tag());
    List<Callable<Void>> tasks = new ArrayList<>();
    List<JdbcSessionStore> stores = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      JdbcSessionStore s = connect().tablePrefix(shared).poolName("schema-" + i).build();
      stores.add(s);
      tasks.add(() -> {
        String key = newKey();
        s.save(key, SessionChanges.create(Map.of("a", "1"), meta(T0, null)), T0);
        assertThat(s.load(key, T0)).isPresent();
        return null;
      });
    }
    try {
      runAll(tasks);
      assertThat(stores.get(0).count(T0)).isEqualTo(4);
    } finally {
      stores.forEach(JdbcSessionStore::close);
      try (Connection c = raw(); Statement st = c.createStatement()) {
        st.execute("DROP TABLE IF EXISTS " + shared + "attributes");
        st.execute("DROP TABLE IF EXISTS " + shared + "sessions");
      }
    }
  }

  @Test
  void withSchemaCreationOffTheShippedScriptIsWhatTheStoreNeeds() throws SQLException {
    String manual = Databases.uniquePrefix(tag());
    try (JdbcSessionStore s = connect().tablePrefix(manual).createSchema(false).build()) {
      assertThatThrownBy(() -> s.load(newKey(), T0))
          .as("missing tables are a setup error, not an outage")
          .isInstanceOf(SessionStoreException.class).isNotInstanceOf(SessionStoreUnavailableException.class)
          .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase(manual + "sessions"));
    }
    try (Connection c = raw(); Statement st = c.createStatement()) {
      // What a team managing its own schema does: run the shipped script, with its prefix.
      String script = SchemaScript.load(expectedDialect()).replace("satchel_", manual);
      for (String sql : SchemaScript.statements(script)) {
        st.execute(sql);
      }
    }
    try (JdbcSessionStore s = connect().tablePrefix(manual).createSchema(false).build()) {
      String key = newKey();
      s.save(key, SessionChanges.create(Map.of("a", "1"), meta(T0, null)), T0);
      assertThat(s.load(key, T0).orElseThrow().attributes()).isEqualTo(Map.of("a", "1"));
    } finally {
      try (Connection c = raw(); Statement st = c.createStatement()) {
        st.execute("DROP TABLE IF EXISTS " + manual + "attributes");
        st.execute("DROP TABLE IF EXISTS " + manual + "sessions");
      }
    }
  }

  @Test
  void createReplacesASessionThatAlreadyExistsUnderTheKey() {
    String key = create(Map.of("a", "1", "b", "2"));
    store.save(key, SessionChanges.create(Map.of("c", "3"), meta(T0, "carol")), T0);
    StoredSession s = store.load(key, T0).orElseThrow();
    assertThat(s.attributes()).isEqualTo(Map.of("c", "3"));
    assertThat(s.metadata().principal()).isEqualTo("carol");
  }

  @Test
  void badArgumentsFailWithMessagesNamingThem() {
    assertThatThrownBy(() -> store.load("k".repeat(129), T0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("129 characters");
    assertThatThrownBy(() -> store.sweep(T0, 0)).hasMessageContaining("maxSessions");
    assertThatThrownBy(() -> store.save(newKey(), SessionChanges.create(Map.of(),
        meta(T0, "p".repeat(256))), T0)).hasMessageContaining("Principal").hasMessageContaining("255");
    Map<String, String> values = new HashMap<>();
    values.put("x", "\"a\0b\"");
    assertThatThrownBy(() -> store.save(newKey(), SessionChanges.create(values, meta(T0, null)), T0))
        .hasMessageContaining("'x'").hasMessageContaining("NUL");
  }
}
