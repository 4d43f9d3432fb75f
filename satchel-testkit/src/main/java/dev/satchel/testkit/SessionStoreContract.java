package dev.satchel.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.satchel.json.SessionJson;
import dev.satchel.store.ComputeResult;
import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionId;
import dev.satchel.store.SessionInfo;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.SessionStore;
import dev.satchel.store.SessionStore.CasResult;
import dev.satchel.store.SessionStore.SaveResult;
import dev.satchel.store.SessionStoreUnavailableException;
import dev.satchel.store.StoreOperations;
import dev.satchel.store.StoredSession;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The conformance tests every {@link SessionStore} must pass: extend it, implement {@link #createStore()}, and run it
 * with JUnit 5. Every guarantee of the {@link SessionStore} Javadoc has a test here.
 *
 * <p>Time: the SPI takes {@code now} explicitly, so the kit moves a virtual clock (starting at {@link #baseTime()},
 * the wall clock by default) instead of sleeping. Only stores whose backend also drops entries by wall-clock TTL
 * ({@link #backendExpiresByWallClock()}) get one short real-time test.
 *
 * <p>What a store must accept: storage keys as {@link SessionId#storageKey()} makes them (43 base64url characters,
 * compared case-sensitively, listed in plain {@link String} (ASCII) order); attribute names of up to 200 characters of
 * any Unicode except U+0000; JSON values of at least 64 KiB, returned as the exact text saved; principals of up to 200
 * characters; device descriptions of up to 256 characters; instants with millisecond precision.
 */
public abstract class SessionStoreContract {

  /** The idle timeout the kit's sessions use. */
  protected static final Duration IDLE = Duration.ofMinutes(30);

  /** Guarded by {@code this}: concurrency tests reach it from worker threads. */
  private SessionStore store;
  private Instant t0;
  private final List<String> tokens = new CopyOnWriteArrayList<>();

  /**
   * A store holding no sessions, called once per test on first use (never for a test an assumption skips).
   * Stores backed by a shared server should use a fresh key prefix, table or database per call, or empty the one
   * they use.
   */
  protected abstract SessionStore createStore();

  /** Releases a store after a test; closes it by default. */
  protected void closeStore(SessionStore store) {
    store.close();
  }

  /**
   * The start of the kit's virtual clock. The wall clock by default, so that stores which hand {@code expiresAt} to
   * their backend as a TTL keep the kit's sessions alive while the test runs.
   */
  protected Instant baseTime() {
    return Instant.now();
  }

  /** False for stores that cannot enumerate sessions (e.g. Memcached): {@code list} and {@code count} must then throw. */
  protected boolean supportsEnumeration() {
    return true;
  }

  /** False for stores without a principal index: {@code findByPrincipal}/{@code deleteByPrincipal} must then throw. */
  protected boolean supportsPrincipalIndex() {
    return true;
  }

  /**
   * False for stores whose {@code sweep} leaves removal to the backend's own TTL (allowed by the SPI): the kit then
   * only checks that sweeping never removes a live session.
   */
  protected boolean sweepRemovesExpiredSessions() {
    return true;
  }

  /**
   * True for stores whose backend drops entries by wall-clock TTL (Redis, Memcached, Caffeine): enables one short
   * real-time test that every write (touch, delta, compare-and-set) moves the backend's TTL.
   */
  protected boolean backendExpiresByWallClock() {
    return false;
  }

  /** The short TTL the real-time test waits out. */
  protected Duration wallClockTtl() {
    return Duration.ofMillis(1200);
  }

  /**
   * Everything the store holds at rest, one string per key, field, member or value (binary rendered as
   * base64url), or null when the store cannot show it (the at-rest tests are then skipped). Used to prove that no
   * cookie token ever reaches storage and that swept sessions leave no index entry behind.
   */
  protected Collection<String> rawStoredKeysAndValues() {
    return null;
  }

  /**
   * A store configured against a backend that cannot be reached (a closed port, a stopped server), or null when
   * the store has no backend to lose (the outage test is then skipped).
   */
  protected SessionStore createUnreachableStore() {
    return null;
  }

  /** How soon every call on an unreachable store must fail with {@link SessionStoreUnavailableException}. */
  protected Duration unavailableTimeout() {
    return Duration.ofSeconds(5);
  }

  /** How many threads the concurrency tests run. */
  protected int concurrencyThreads() {
    return 8;
  }

  /** How many operations each thread of a concurrency test performs. */
  protected int concurrencyOperationsPerThread() {
    return 40;
  }

  /** The most a concurrency test may take before it counts as hung. */
  protected Duration concurrencyTimeout() {
    return Duration.ofSeconds(60);
  }

  /**
   * The store under test, created on first use in each test (so a test skipped by an assumption never connects).
   */
  protected final synchronized SessionStore store() {
    if (store == null) {
      store = createStore();
      assertThat(store).as("createStore()").isNotNull();
    }
    return store;
  }

  @BeforeEach
  final void openStore() {
    t0 = baseTime().truncatedTo(ChronoUnit.MILLIS);
    tokens.clear();
  }

  @AfterEach
  final synchronized void releaseStore() {
    if (store != null) {
      closeStore(store);
      store = null;
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Fixtures

  /** A fresh storage key from a real token; the token is remembered for the at-rest check. */
  protected final String newKey() {
    SessionId id = SessionId.generate();
    tokens.add(id.token());
    return id.storageKey();
  }

  /** The kit's clock {@code seconds} after the start. */
  protected final Instant at(long seconds) {
    return t0.plusSeconds(seconds);
  }

  /** Metadata of a session created at the start, idle-expiring after {@link #IDLE}. */
  protected final SessionMetadata meta(String principal) {
    return new SessionMetadata(t0, t0, t0.plus(IDLE), principal, "JUnit/5 (conformance kit)");
  }

  /** Metadata as a request at {@code at(seconds)} leaves it: access time and idle expiry moved. */
  protected final SessionMetadata touchedAt(SessionMetadata metadata, long seconds) {
    return metadata.touched(at(seconds), at(seconds).plus(IDLE));
  }

  /** Creates a session with these attributes and metadata; returns its storage key. */
  protected final String create(Map<String, String> attributes, SessionMetadata metadata) {
    String key = newKey();
    assertThat(store().save(key, SessionChanges.create(attributes, metadata), metadata.lastAccessedAt()))
        .as("CREATE of a new session").isEqualTo(SaveResult.SAVED);
    return key;
  }

  /** Creates an anonymous session with these attributes. */
  protected final String create(Map<String, String> attributes) {
    return create(attributes, meta(null));
  }

  /** The live session under the key, failing the test when it is absent. */
  protected final StoredSession loaded(String key, Instant now) {
    Optional<StoredSession> session = store().load(key, now);
    assertThat(session).as("session %s at %s", key, now).isPresent();
    return session.get();
  }

  /** JSON text of a string. */
  protected static String json(String value) {
    return SessionJson.write(value);
  }

  private static String key(String prefix) {
    String random = SessionId.generate().storageKey();
    return prefix + random.substring(prefix.length());
  }

  private static String flipCase(String key) {
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isLetter(c)) {
        char flipped = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
        return key.substring(0, i) + flipped + key.substring(i + 1);
      }
    }
    throw new IllegalStateException("a 43-character base64url key with no letter");
  }

  private void assumeEnumeration() {
    assumeTrue(supportsEnumeration(), "the store cannot enumerate sessions (supportsEnumeration() is false)");
  }

  private void assumePrincipalIndex() {
    assumeTrue(supportsPrincipalIndex(), "the store has no principal index (supportsPrincipalIndex() is false)");
  }

  private List<String> principalKeys(String principal, Instant now) {
    return store().findByPrincipal(principal, now).stream().map(SessionInfo::storageKey).collect(Collectors.toList());
  }

  /** Runs {@code threads} bodies at once, rethrowing the first failure; fails when they outlive the timeout. */
  protected final void runInParallel(int threads, ThreadBody body) throws Exception {
    Parallel.run(threads, body, concurrencyTimeout());
  }

  /** One thread's work in {@link #runInParallel}. */
  @FunctionalInterface
  protected interface ThreadBody {
    /** Runs as thread number {@code thread} (0-based). */
    void run(int thread) throws Exception;
  }

  // ---------------------------------------------------------------------------------------------------------------

  @Nested
  @DisplayName("create and load")
  class CreateAndLoad {

    @Test
    void createdSessionLoadsWithItsAttributesAndMetadata() {
      SessionMetadata metadata = meta("alice@example.com");
      String key = create(Map.of("user", json("alice"), "roles", "[\"admin\",\"dev\"]"), metadata);

      StoredSession session = loaded(key, at(1));
      assertThat(session.attributes()).containsExactlyInAnyOrderEntriesOf(
          Map.of("user", json("alice"), "roles", "[\"admin\",\"dev\"]"));
      assertThat(session.metadata()).isEqualTo(metadata);
    }

    @Test
    void unknownKeyLoadsNothing() {
      assertThat(store().load(newKey(), t0)).isEmpty();
    }

    @Test
    void sessionWithoutAttributesStillExists() {
      String key = create(Map.of(), meta("bob"));
      assertThat(loaded(key, t0).attributes()).isEmpty();
    }

    @Test
    void metadataRoundTripsExactlyIncludingNullsAndMilliseconds() {
      Instant created = t0.minusMillis(86_399_123);
      SessionMetadata anonymous = new SessionMetadata(created, t0.minusMillis(1), t0.plusMillis(1_799_999), null,
          null);
      String device = "Mozilla/5.0 (X11; Linux x86_64) Чрóмиум/120 🐧 " + "x".repeat(300);
      SessionMetadata named = new SessionMetadata(created, t0, t0.plus(IDLE), "ünïcødé ✓", device.substring(0, 256));
      String a = create(Map.of(), anonymous);
      String b = create(Map.of(), named);
      assertThat(loaded(a, t0).metadata()).isEqualTo(anonymous);
      assertThat(loaded(b, t0).metadata()).isEqualTo(named);
    }

    @Test
    void valuesComeBackAsTheExactJsonTextSaved() {
      Map<String, String> values = new LinkedHashMap<>();
      values.put("keyOrder", "{\"b\":1,\"a\":2}");
      values.put("spacing", "{ \"a\" : [1, 2 ,3] }");
      values.put("decimal", "1.0");
      values.put("exponent", "1e3");
      values.put("bigInteger", "123456789012345678901234567890");
      values.put("escaped", "\"caf\\u00e9\"");
      values.put("literal", "\"café\"");
      values.put("jsonNull", "null");
      values.put("boolean", "true");
      values.put("emptyString", "\"\"");
      values.put("emptyObject", "{}");
      String key = create(values);
      assertThat(loaded(key, t0).attributes()).containsExactlyInAnyOrderEntriesOf(values);
    }

    @Test
    void storageKeysAreCaseSensitive() {
      String lower = newKey();
      String upper = flipCase(lower);
      store().save(lower, SessionChanges.create(Map.of("v", json("first")), meta(null)), t0);
      store().save(upper, SessionChanges.create(Map.of("v", json("second")), meta(null)), t0);
      assertThat(loaded(lower, t0).attributes()).containsEntry("v", json("first"));
      assertThat(loaded(upper, t0).attributes()).containsEntry("v", json("second"));
      assertThat(store().delete(upper)).isTrue();
      assertThat(store().load(lower, t0)).isPresent();
    }

    @Test
    void aLoadedSessionIsASnapshotThatLaterWritesDoNotChange() {
      String key = create(Map.of("a", "1"));
      StoredSession before = loaded(key, t0);
      store().save(key, SessionChanges.update(Map.of("a", "2", "b", "3"), Set.of(), touchedAt(meta(null), 1)), at(1));
      assertThat(before.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1"));
      assertThat(before.metadata()).isEqualTo(meta(null));
    }

    @Test
    void createUnderANewKeyLeavesOtherSessionsAlone() {
      String first = create(Map.of("who", json("first")));
      String second = create(Map.of("who", json("second")));
      assertThat(loaded(first, t0).attributes()).containsExactlyEntriesOf(Map.of("who", json("first")));
      assertThat(loaded(second, t0).attributes()).containsExactlyEntriesOf(Map.of("who", json("second")));
    }
  }

  @Nested
  @DisplayName("deltas (UPDATE)")
  class Deltas {

    @Test
    void upsertWritesOnlyTheGivenAttributesAndKeepsTheOthers() {
      String key = create(Map.of("a", "1", "b", "2"));
      SessionMetadata touched = touchedAt(meta(null), 5);
      assertThat(store().save(key, SessionChanges.update(Map.of("b", "20", "c", "30"), Set.of(), touched), at(5)))
          .isEqualTo(SaveResult.SAVED);
      StoredSession session = loaded(key, at(5));
      assertThat(session.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "20", "c", "30"));
      assertThat(session.metadata()).isEqualTo(touched);
    }

    @Test
    void removalsRemoveOnlyTheNamedAttributes() {
      String key = create(Map.of("a", "1", "b", "2", "c", "3"));
      store().save(key, SessionChanges.update(Map.of(), Set.of("a", "never-there"), touchedAt(meta(null), 1)), at(1));
      assertThat(loaded(key, at(1)).attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("b", "2", "c", "3"));
    }

    @Test
    void upsertsAndRemovalsApplyTogether() {
      String key = create(Map.of("a", "1", "b", "2"));
      store().save(key, SessionChanges.update(Map.of("c", "3"), Set.of("a"), touchedAt(meta(null), 1)), at(1));
      assertThat(loaded(key, at(1)).attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("b", "2", "c", "3"));
    }

    @Test
    void replaceAllDropsEveryAttributeNotWritten() {
      String key = create(Map.of("a", "1", "b", "2"));
      SessionChanges cleared = new SessionChanges(SessionChanges.Kind.UPDATE, true, Map.of("c", "3"), Set.of(),
          touchedAt(meta(null), 1));
      assertThat(store().save(key, cleared, at(1))).isEqualTo(SaveResult.SAVED);
      assertThat(loaded(key, at(1)).attributes()).containsExactlyEntriesOf(Map.of("c", "3"));
    }

    @Test
    void replaceAllWithNothingEmptiesTheSessionButKeepsIt() {
      String key = create(Map.of("a", "1"));
      SessionChanges cleared = new SessionChanges(SessionChanges.Kind.UPDATE, true, Map.of(), Set.of(),
          touchedAt(meta("carol"), 1));
      store().save(key, cleared, at(1));
      assertThat(loaded(key, at(1)).attributes()).isEmpty();
    }

    @Test
    void touchOnlyKeepsTheDataAndMovesTheExpiry() {
      String key = create(Map.of("a", "1", "b", "\"x\""));
      SessionMetadata touched = touchedAt(meta(null), 25 * 60);
      SessionChanges touch = SessionChanges.touch(touched);
      assertThat(touch.isTouchOnly()).isTrue();
      assertThat(store().save(key, touch, at(25 * 60))).isEqualTo(SaveResult.SAVED);

      Instant afterOldExpiry = at(40 * 60);
      StoredSession session = loaded(key, afterOldExpiry);
      assertThat(session.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "\"x\""));
      assertThat(session.metadata()).isEqualTo(touched);
    }

    @Test
    void updateReplacesTheStoredMetadata() {
      String key = create(Map.of("a", "1"), meta(null));
      SessionMetadata changed = new SessionMetadata(t0, at(2), at(2).plus(IDLE), "dave", "curl/8.5");
      store().save(key, SessionChanges.update(Map.of(), Set.of("zzz"), changed), at(2));
      assertThat(loaded(key, at(2)).metadata()).isEqualTo(changed);
    }

    @Test
    void updateOfAnUnknownKeyReturnsNotFoundAndCreatesNothing() {
      String key = newKey();
      assertThat(store().save(key, SessionChanges.update(Map.of("a", "1"), Set.of(), meta("eve")), t0))
          .isEqualTo(SaveResult.NOT_FOUND);
      assertThat(store().save(key, SessionChanges.touch(meta("eve")), t0)).isEqualTo(SaveResult.NOT_FOUND);
      assertThat(store().load(key, t0)).isEmpty();
      if (supportsPrincipalIndex()) {
        assertThat(store().findByPrincipal("eve", t0)).isEmpty();
      }
      if (supportsEnumeration()) {
        assertThat(store().count(t0)).isZero();
      }
    }

    @Test
    void updateNeverResurrectsADeletedSession() {
      SessionMetadata metadata = meta("frank");
      String key = create(Map.of("a", "1"), metadata);
      assertThat(store().delete(key)).isTrue();
      SessionMetadata touched = touchedAt(metadata, 1);

      assertThat(store().save(key, SessionChanges.update(Map.of("b", "2"), Set.of(), touched), at(1)))
          .as("delta after delete").isEqualTo(SaveResult.NOT_FOUND);
      assertThat(store().save(key, SessionChanges.touch(touched), at(1)))
          .as("touch after delete").isEqualTo(SaveResult.NOT_FOUND);
      assertThat(store().save(key, new SessionChanges(SessionChanges.Kind.UPDATE, true, Map.of("c", "3"), Set.of(),
          touched), at(1))).as("replaceAll after delete").isEqualTo(SaveResult.NOT_FOUND);
      assertThat(store().load(key, at(1))).isEmpty();
      if (supportsPrincipalIndex()) {
        assertThat(store().findByPrincipal("frank", at(1))).isEmpty();
      }
      if (supportsEnumeration()) {
        assertThat(store().count(at(1))).isZero();
        assertThat(store().list(null, 10, at(1))).isEmpty();
      }
    }

    @Test
    void updateNeverResurrectsAnExpiredSessionAndWritesNothing() {
      SessionMetadata metadata = meta("grace");
      String key = create(Map.of("a", "1"), metadata);
      Instant late = t0.plus(IDLE).plusSeconds(1);
      SessionMetadata extended = metadata.touched(late, late.plus(IDLE));

      assertThat(store().save(key, SessionChanges.update(Map.of("a", "2"), Set.of(), extended), late))
          .isEqualTo(SaveResult.NOT_FOUND);
      assertThat(store().save(key, SessionChanges.touch(extended), late)).isEqualTo(SaveResult.NOT_FOUND);
      assertThat(store().load(key, late)).isEmpty();
      assertThat(store().load(key, late.plusSeconds(60))).as("the refused expiry must not have been written").isEmpty();
      // The store may have dropped the expired session; if it kept it, it kept it unchanged.
      store().load(key, t0).ifPresent(kept -> {
        assertThat(kept.attributes()).containsExactlyEntriesOf(Map.of("a", "1"));
        assertThat(kept.metadata()).isEqualTo(metadata);
      });
    }

    @Test
    void updateAfterDeleteByPrincipalReturnsNotFound() {
      assumePrincipalIndex();
      String key = create(Map.of("a", "1"), meta("heidi"));
      assertThat(store().deleteByPrincipal("heidi", at(1))).isEqualTo(1);
      assertThat(store().save(key, SessionChanges.update(Map.of("a", "2"), Set.of(), touchedAt(meta("heidi"), 2)),
          at(2))).isEqualTo(SaveResult.NOT_FOUND);
      assertThat(store().load(key, at(2))).isEmpty();
    }
  }

  @Nested
  @DisplayName("expiry")
  class Expiry {

    @Test
    void aSessionIsLiveUntilTheMillisecondBeforeExpiresAtAndGoneAtIt() {
      SessionMetadata metadata = meta("ivan");
      String key = create(Map.of("a", "1"), metadata);
      Instant deadline = metadata.expiresAt();
      assertThat(store().load(key, deadline.minusMillis(1))).isPresent();
      assertThat(store().load(key, deadline)).isEmpty();
      assertThat(store().load(key, deadline.plusSeconds(3600))).isEmpty();
    }

    @Test
    void expiredSessionsAreNeitherListedNorCountedNorFoundByPrincipal() {
      SessionMetadata shortLived = new SessionMetadata(t0, t0, at(60), "judy", null);
      String expiring = create(Map.of("a", "1"), shortLived);
      String staying = create(Map.of("a", "1"), meta("judy"));
      Instant later = at(60);

      if (supportsEnumeration()) {
        assertThat(store().count(t0)).isEqualTo(2);
        assertThat(store().count(later)).isEqualTo(1);
        assertThat(store().list(null, 10, later)).extracting(SessionInfo::storageKey).containsExactly(staying);
      }
      if (supportsPrincipalIndex()) {
        assertThat(principalKeys("judy", t0)).containsExactlyInAnyOrder(expiring, staying);
        assertThat(principalKeys("judy", later)).containsExactly(staying);
      }
    }

    @Test
    void eachTouchMovesTheIdleDeadline() {
      SessionMetadata metadata = meta(null);
      String key = create(Map.of("a", "1"), metadata);
      for (int minute = 20; minute <= 200; minute += 20) {
        SessionMetadata touched = touchedAt(metadata, minute * 60L);
        assertThat(store().save(key, SessionChanges.touch(touched), at(minute * 60L)))
            .as("touch at minute %d", minute).isEqualTo(SaveResult.SAVED);
      }
      assertThat(store().load(key, at(229 * 60L))).isPresent();
      assertThat(store().load(key, at(230 * 60L))).isEmpty();
    }

    @Test
    void anEarlierExpiresAtIsHonouredSoTheAbsoluteDeadlineCapsTheSession() {
      // The session manager caps expiresAt at createdAt + absolute timeout; a store must not keep the later one.
      SessionMetadata metadata = meta(null);
      String key = create(Map.of("a", "1"), metadata);
      Instant absoluteDeadline = at(120);
      store().save(key, SessionChanges.touch(metadata.touched(at(60), absoluteDeadline)), at(60));
      assertThat(store().load(key, at(119))).isPresent();
      assertThat(store().load(key, absoluteDeadline)).isEmpty();
    }

    @Test
    void aSaveWhoseExpiryHasAlreadyPassedLeavesNothingLoadable() {
      SessionMetadata metadata = meta(null);
      String key = create(Map.of("a", "1"), metadata);
      SessionMetadata dead = metadata.touched(at(10), at(10));
      store().save(key, SessionChanges.update(Map.of("b", "2"), Set.of(), dead), at(10));
      assertThat(store().load(key, at(10))).isEmpty();
      String created = newKey();
      store().save(created, SessionChanges.create(Map.of("a", "1"), new SessionMetadata(t0, t0, t0, null, null)), t0);
      assertThat(store().load(created, t0)).isEmpty();
    }

    @Test
    void compareAndSetOnAnExpiredSessionIsNotFoundAndWritesNothing() {
      SessionMetadata metadata = meta(null);
      String key = create(Map.of("n", "1"), metadata);
      Instant late = t0.plus(IDLE);
      assertThat(store().compareAndSet(key, "n", "1", "2", metadata.touched(late, late.plus(IDLE)), late))
          .isEqualTo(CasResult.NOT_FOUND);
      assertThat(store().load(key, late)).isEmpty();
      assertThat(store().load(key, late.plusSeconds(1))).isEmpty();
      store().load(key, t0).ifPresent(kept -> assertThat(kept.attributes()).containsExactlyEntriesOf(Map.of("n", "1")));
    }
  }

  @Nested
  @DisplayName("compareAndSet")
  class CompareAndSet {

    @Test
    void replacesTheValueWhenItStillHoldsTheExpectedOneAndRefreshesMetadata() {
      String key = create(Map.of("n", "1", "other", json("kept")));
      SessionMetadata touched = touchedAt(meta(null), 10);
      assertThat(store().compareAndSet(key, "n", "1", "2", touched, at(10))).isEqualTo(CasResult.UPDATED);
      StoredSession session = loaded(key, at(10));
      assertThat(session.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("n", "2", "other", json("kept")));
      assertThat(session.metadata()).isEqualTo(touched);
      assertThat(store().load(key, t0.plus(IDLE).plusSeconds(5))).as("expiry moved with the write").isPresent();
    }

    @Test
    void conflictWhenTheValueChangedAndNothingIsWritten() {
      String key = create(Map.of("n", "5"));
      assertThat(store().compareAndSet(key, "n", "4", "6", touchedAt(meta(null), 10), at(10)))
          .isEqualTo(CasResult.CONFLICT);
      StoredSession session = loaded(key, at(10));
      assertThat(session.attributes()).containsExactlyEntriesOf(Map.of("n", "5"));
      assertThat(session.metadata()).as("a conflict writes no metadata either").isEqualTo(meta(null));
    }

    @Test
    void expectedValuesCompareAsExactText() {
      String key = create(Map.of("o", "{\"a\":1}"));
      assertThat(store().compareAndSet(key, "o", "{\"a\": 1}", "{}", meta(null), t0)).isEqualTo(CasResult.CONFLICT);
      assertThat(store().compareAndSet(key, "o", "{\"a\":1}", "{}", meta(null), t0)).isEqualTo(CasResult.UPDATED);
    }

    @Test
    void expectedNullMeansAbsent() {
      String key = create(Map.of("present", "1"));
      assertThat(store().compareAndSet(key, "absent", null, "\"new\"", meta(null), t0)).isEqualTo(CasResult.UPDATED);
      assertThat(store().compareAndSet(key, "present", null, "\"new\"", meta(null), t0)).isEqualTo(CasResult.CONFLICT);
      assertThat(store().compareAndSet(key, "absent", null, "\"again\"", meta(null), t0))
          .as("now present").isEqualTo(CasResult.CONFLICT);
      assertThat(loaded(key, t0).attributes()).containsExactlyInAnyOrderEntriesOf(
          Map.of("present", "1", "absent", "\"new\""));
    }

    @Test
    void aJsonNullValueIsPresentNotAbsent() {
      String key = create(Map.of("nothing", "null"));
      assertThat(store().compareAndSet(key, "nothing", null, "1", meta(null), t0)).isEqualTo(CasResult.CONFLICT);
      assertThat(store().compareAndSet(key, "nothing", "null", "1", meta(null), t0)).isEqualTo(CasResult.UPDATED);
      assertThat(loaded(key, t0).attributes()).containsExactlyEntriesOf(Map.of("nothing", "1"));
    }

    @Test
    void aWriteToAnotherAttributeIsNoConflict() {
      // The comparison is per attribute: a session-wide version would make compute retry for nothing.
      String key = create(Map.of("n", "1", "other", "1"));
      store().save(key, SessionChanges.update(Map.of("other", "2"), Set.of(), touchedAt(meta(null), 1)), at(1));
      assertThat(store().compareAndSet(key, "other", "2", "3", touchedAt(meta(null), 2), at(2)))
          .isEqualTo(CasResult.UPDATED);
      assertThat(store().compareAndSet(key, "n", "1", "2", touchedAt(meta(null), 3), at(3)))
          .isEqualTo(CasResult.UPDATED);
      assertThat(loaded(key, at(3)).attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("n", "2", "other", "3"));
    }

    @Test
    void newNullRemovesTheAttribute() {
      String key = create(Map.of("gone", "1", "kept", "2"));
      assertThat(store().compareAndSet(key, "gone", "1", null, meta(null), t0)).isEqualTo(CasResult.UPDATED);
      assertThat(loaded(key, t0).attributes()).containsExactlyEntriesOf(Map.of("kept", "2"));
      assertThat(store().compareAndSet(key, "gone", "1", null, meta(null), t0)).isEqualTo(CasResult.CONFLICT);
    }

    @Test
    void notFoundForUnknownAndDeletedSessionsAndNothingIsCreated() {
      String unknown = newKey();
      assertThat(store().compareAndSet(unknown, "n", null, "1", meta(null), t0)).isEqualTo(CasResult.NOT_FOUND);
      assertThat(store().load(unknown, t0)).isEmpty();

      String deleted = create(Map.of("n", "1"));
      store().delete(deleted);
      assertThat(store().compareAndSet(deleted, "n", "1", "2", meta(null), t0)).isEqualTo(CasResult.NOT_FOUND);
      assertThat(store().compareAndSet(deleted, "m", null, "2", meta(null), t0)).isEqualTo(CasResult.NOT_FOUND);
      assertThat(store().load(deleted, t0)).isEmpty();
    }

    @Test
    void theMetadataWrittenMovesThePrincipalIndexToo() {
      assumePrincipalIndex();
      String key = create(Map.of("n", "1"), meta("ken"));
      assertThat(store().compareAndSet(key, "n", "1", "2", touchedAt(meta("lena"), 1), at(1)))
          .isEqualTo(CasResult.UPDATED);
      assertThat(principalKeys("ken", at(1))).isEmpty();
      assertThat(principalKeys("lena", at(1))).containsExactly(key);
    }

    @Test
    void computeHelperAppliesTheFunctionAndReportsMissingSessions() {
      String key = create(Map.of("n", "41"));
      ComputeResult result = StoreOperations.compute(store(), key, "n", v -> String.valueOf(Long.parseLong(v) + 1),
          touchedAt(meta(null), 1), at(1), 3);
      assertThat(result.computed()).isTrue();
      assertThat(result.json()).isEqualTo("42");
      assertThat(result.attempts()).isEqualTo(1);

      ComputeResult fresh = StoreOperations.compute(store(), key, "absent", v -> v == null ? "1" : "x", meta(null),
          at(1), 3);
      assertThat(fresh.json()).isEqualTo("1");
      ComputeResult removed = StoreOperations.compute(store(), key, "n", v -> null, meta(null), at(1), 3);
      assertThat(removed.computed()).isTrue();
      assertThat(loaded(key, at(1)).attributes()).containsExactlyEntriesOf(Map.of("absent", "1"));

      ComputeResult missing = StoreOperations.compute(store(), newKey(), "n", v -> "1", meta(null), at(1), 3);
      assertThat(missing.outcome()).isEqualTo(ComputeResult.Outcome.NOT_FOUND);
    }
  }

  @Nested
  @DisplayName("principal index")
  class PrincipalIndex {

    @BeforeEach
    void requirePrincipalIndex() {
      assumePrincipalIndex();
    }

    @Test
    void findsEverySessionOfAPrincipalMostRecentlyUsedFirst() {
      SessionMetadata base = meta("mallory");
      String old = create(Map.of(), base.touched(at(1), at(1).plus(IDLE)));
      String newest = create(Map.of(), base.touched(at(30), at(30).plus(IDLE)));
      String middle = create(Map.of(), base.touched(at(10), at(10).plus(IDLE)));
      create(Map.of(), meta("someone-else"));
      create(Map.of(), meta(null));

      List<SessionInfo> found = store().findByPrincipal("mallory", at(31));
      assertThat(found).extracting(SessionInfo::storageKey).containsExactly(newest, middle, old);
      assertThat(found.get(0).metadata()).isEqualTo(base.touched(at(30), at(30).plus(IDLE)));
    }

    @Test
    void aTouchReordersTheSessions() {
      String first = create(Map.of(), meta("nina").touched(at(1), at(1).plus(IDLE)));
      String second = create(Map.of(), meta("nina").touched(at(2), at(2).plus(IDLE)));
      assertThat(principalKeys("nina", at(3))).containsExactly(second, first);
      store().save(first, SessionChanges.touch(touchedAt(meta("nina"), 5)), at(5));
      assertThat(principalKeys("nina", at(6))).containsExactly(first, second);
    }

    @Test
    void anUnknownPrincipalHasNoSessions() {
      create(Map.of(), meta("oscar"));
      assertThat(store().findByPrincipal("nobody", t0)).isEmpty();
      assertThat(store().deleteByPrincipal("nobody", t0)).isZero();
    }

    @Test
    void changingThePrincipalMovesTheIndexEntry() {
      String key = create(Map.of("a", "1"), meta("peggy"));
      store().save(key, SessionChanges.update(Map.of(), Set.of(), touchedAt(meta("trent"), 1)), at(1));
      assertThat(principalKeys("peggy", at(1))).isEmpty();
      assertThat(principalKeys("trent", at(1))).containsExactly(key);
      assertThat(store().deleteByPrincipal("peggy", at(1))).isZero();
      assertThat(store().load(key, at(1))).isPresent();
    }

    @Test
    void loggingOutRemovesTheIndexEntry() {
      String key = create(Map.of("a", "1"), meta("victor"));
      store().save(key, SessionChanges.update(Map.of(), Set.of(), touchedAt(meta(null), 1)), at(1));
      assertThat(principalKeys("victor", at(1))).isEmpty();
      assertThat(store().deleteByPrincipal("victor", at(1))).isZero();
      assertThat(store().load(key, at(1))).isPresent();
    }

    @Test
    void regeneratingAtLoginMovesTheSessionToItsNewKey() {
      // What the session manager does at login against fixation: the data moves to a fresh key, the old key dies.
      String anonymous = create(Map.of("cart", "[1,2]"), meta(null));
      SessionMetadata loggedIn = touchedAt(meta("quinn"), 5);
      String fresh = newKey();
      assertThat(store().save(fresh, SessionChanges.create(Map.of("cart", "[1,2]", "user", json("quinn")), loggedIn),
          at(5))).isEqualTo(SaveResult.SAVED);
      assertThat(store().delete(anonymous)).isTrue();

      assertThat(store().load(anonymous, at(5))).isEmpty();
      assertThat(store().save(anonymous, SessionChanges.touch(touchedAt(meta(null), 6)), at(6)))
          .isEqualTo(SaveResult.NOT_FOUND);
      assertThat(loaded(fresh, at(6)).attributes()).containsEntry("user", json("quinn"));
      assertThat(principalKeys("quinn", at(6))).containsExactly(fresh);
    }

    @Test
    void deletingASessionRemovesItFromItsPrincipal() {
      String gone = create(Map.of(), meta("walter"));
      String kept = create(Map.of(), meta("walter"));
      assertThat(store().delete(gone)).isTrue();
      assertThat(principalKeys("walter", t0)).containsExactly(kept);
    }

    @Test
    void deleteByPrincipalLogsOutEverywhereAndOnlyThatPrincipal() {
      List<String> alice = List.of(create(Map.of("a", "1"), meta("alice")), create(Map.of(), meta("alice")),
          create(Map.of(), meta("alice")));
      String bob = create(Map.of(), meta("bob"));
      String anonymous = create(Map.of(), meta(null));

      assertThat(store().deleteByPrincipal("alice", at(1))).isEqualTo(3);
      for (String key : alice) {
        assertThat(store().load(key, at(1))).isEmpty();
      }
      assertThat(store().findByPrincipal("alice", at(1))).isEmpty();
      assertThat(store().load(bob, at(1))).isPresent();
      assertThat(store().load(anonymous, at(1))).isPresent();
      assertThat(principalKeys("bob", at(1))).containsExactly(bob);
      assertThat(store().deleteByPrincipal("alice", at(1))).isZero();
    }

    @Test
    void deleteByPrincipalCountsEveryLiveSessionAndMayCountUnsweptExpiredOnes() {
      create(Map.of(), meta("xavier"));
      create(Map.of(), meta("xavier"));
      create(Map.of(), new SessionMetadata(t0, t0, at(10), "xavier", null));
      assertThat(store().deleteByPrincipal("xavier", at(20))).isBetween(2, 3);
      assertThat(store().findByPrincipal("xavier", at(20))).isEmpty();
      assertThat(store().findByPrincipal("xavier", t0)).as("deleted, not just hidden").hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void principalsAreExactStringsWithNoPatternMeaning() {
      List<String> principals = List.of("alice", "Alice", "alice ", " alice", "ali*", "ali?", "[ali]ce", "al:ice",
          "al%ice", "al_ice", "ålice", "alice@example.com", "🐱", "'; DROP TABLE sessions; --", "p".repeat(200));
      Map<String, String> keys = new LinkedHashMap<>();
      for (String principal : principals) {
        keys.put(principal, create(Map.of(), meta(principal)));
      }
      for (String principal : principals) {
        assertThat(principalKeys(principal, t0)).as("sessions of [%s]", principal).containsExactly(keys.get(principal));
      }
      assertThat(store().deleteByPrincipal("ali*", t0)).isEqualTo(1);
      assertThat(store().deleteByPrincipal("al_ice", t0)).isEqualTo(1);
      assertThat(store().deleteByPrincipal("al%ice", t0)).isEqualTo(1);
      for (String principal : principals) {
        boolean deleted = Set.of("ali*", "al_ice", "al%ice").contains(principal);
        assertThat(store().load(keys.get(principal), t0).isPresent()).as("session of [%s]", principal)
            .isEqualTo(!deleted);
      }
    }
  }

  @Nested
  @DisplayName("listing and counting")
  class Listing {

    @BeforeEach
    void requireEnumeration() {
      assumeEnumeration();
    }

    @Test
    void anEmptyStoreListsAndCountsNothing() {
      assertThat(store().list(null, 10, t0)).isEmpty();
      assertThat(store().count(t0)).isZero();
    }

    @Test
    void pagesWalkEveryLiveSessionOnceInStorageKeyOrder() {
      TreeSet<String> live = new TreeSet<>();
      // Keys starting with each kind of base64url character: plain String order is '-' < digits < upper < '_' < lower,
      // which a database collation that ignores punctuation or case would break.
      for (String prefix : List.of("-", "0", "9", "A", "Z", "_", "a", "z")) {
        String key = key(prefix);
        store().save(key, SessionChanges.create(Map.of("p", json(prefix)), meta(null)), t0);
        live.add(key);
      }
      for (int i = 0; i < 15; i++) {
        live.add(create(Map.of("i", String.valueOf(i))));
      }
      for (int i = 0; i < 4; i++) {
        create(Map.of(), new SessionMetadata(t0, t0, at(5), null, null));
      }
      String caseTwin = flipCase(live.first());
      store().save(caseTwin, SessionChanges.create(Map.of(), meta(null)), t0);
      live.add(caseTwin);

      Instant now = at(10);
      List<String> walked = new ArrayList<>();
      String after = null;
      for (int pages = 0; pages < 100; pages++) {
        List<SessionInfo> page = store().list(after, 7, now);
        assertThat(page).hasSizeLessThanOrEqualTo(7);
        if (page.isEmpty()) {
          break;
        }
        page.forEach(info -> walked.add(info.storageKey()));
        after = page.get(page.size() - 1).storageKey();
      }
      assertThat(walked).containsExactlyElementsOf(live);
      assertThat(store().count(now)).isEqualTo(live.size());
    }

    @Test
    void expiredSessionsDoNotShortenAPage() {
      // A short or empty page tells the caller the walk is over, so expired rows must not take up the limit.
      for (int i = 0; i < 10; i++) {
        String expired = key("A");
        store().save(expired, SessionChanges.create(Map.of(), new SessionMetadata(t0, t0, at(5), null, null)), t0);
      }
      List<String> live = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String key = key("z");
        store().save(key, SessionChanges.create(Map.of(), meta(null)), t0);
        live.add(key);
      }
      live.sort(null);
      assertThat(store().list(null, 4, at(10))).extracting(SessionInfo::storageKey)
          .containsExactlyElementsOf(live.subList(0, 4));
      assertThat(store().list(live.get(3), 4, at(10))).extracting(SessionInfo::storageKey)
          .containsExactlyElementsOf(live.subList(4, 6));
    }

    @Test
    void listingCanStartAfterAKeyThatIsNotStored() {
      String low = key("B");
      String high = key("y");
      store().save(low, SessionChanges.create(Map.of(), meta(null)), t0);
      store().save(high, SessionChanges.create(Map.of(), meta(null)), t0);
      assertThat(store().list("M", 10, t0)).extracting(SessionInfo::storageKey).containsExactly(high);
      assertThat(store().list(high, 10, t0)).isEmpty();
      assertThat(store().list(null, 1, t0)).extracting(SessionInfo::storageKey).containsExactly(low);
    }

    @Test
    void listedSessionsCarryTheirMetadataButNoAttributes() {
      SessionMetadata metadata = meta("yvonne");
      String key = create(Map.of("secret", json("s3cr3t")), metadata);
      assertThat(store().list(null, 10, t0)).containsExactly(new SessionInfo(key, metadata));
    }

    @Test
    void countFollowsCreatesDeletesAndExpiry() {
      String a = create(Map.of());
      create(Map.of());
      create(Map.of(), new SessionMetadata(t0, t0, at(30), null, null));
      assertThat(store().count(t0)).isEqualTo(3);
      assertThat(store().count(at(30))).isEqualTo(2);
      store().delete(a);
      assertThat(store().count(t0)).isEqualTo(2);
    }

    @Test
    void deleteReportsWhetherTheSessionExisted() {
      String key = create(Map.of());
      assertThat(store().delete(key)).isTrue();
      assertThat(store().delete(key)).isFalse();
      assertThat(store().delete(newKey())).isFalse();
      assertThat(store().count(t0)).isZero();
    }
  }

  @Nested
  @DisplayName("sweep")
  class Sweep {

    @Test
    void sweepRemovesExpiredSessionsInBoundedBatches() {
      assumeTrue(sweepRemovesExpiredSessions(), "the store leaves expired sessions to its backend's TTL");
      List<String> expired = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        expired.add(create(Map.of("i", String.valueOf(i)), new SessionMetadata(t0, t0, at(60), "sweepy", null)));
      }
      List<String> live = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        live.add(create(Map.of(), meta("sweepy")));
      }
      Instant now = at(120);
      assertThat(store().sweep(now, 10)).isEqualTo(10);
      assertThat(store().sweep(now, 10)).isEqualTo(10);
      assertThat(store().sweep(now, 10)).isEqualTo(5);
      assertThat(store().sweep(now, 10)).isZero();

      for (String key : expired) {
        assertThat(store().load(key, t0)).as("swept sessions are gone even for an earlier clock").isEmpty();
      }
      for (String key : live) {
        assertThat(store().load(key, now)).isPresent();
      }
      if (supportsPrincipalIndex()) {
        assertThat(principalKeys("sweepy", t0)).as("no index entry survives a sweep")
            .containsExactlyInAnyOrderElementsOf(live);
      }
      if (supportsEnumeration()) {
        assertThat(store().count(t0)).isEqualTo(5);
      }
    }

    @Test
    void sweepNeverRemovesALiveSession() {
      List<String> live = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        live.add(create(Map.of("i", String.valueOf(i)), meta("sweepy")));
      }
      create(Map.of(), new SessionMetadata(t0, t0, at(60), "sweepy", null));
      Instant now = at(120);
      int removed = 0;
      for (int i = 0; i < 10; i++) {
        int batch = store().sweep(now, 2);
        assertThat(batch).isBetween(0, 2);
        removed += batch;
      }
      assertThat(removed).isLessThanOrEqualTo(1);
      for (String key : live) {
        assertThat(loaded(key, now).attributes()).hasSize(1);
      }
      if (supportsPrincipalIndex()) {
        assertThat(principalKeys("sweepy", now)).containsExactlyInAnyOrderElementsOf(live);
      }
    }

    @Test
    void sweptSessionsLeaveNothingAtRest() {
      assumeTrue(sweepRemovesExpiredSessions(), "the store leaves expired sessions to its backend's TTL");
      store();
      assumeTrue(rawStoredKeysAndValues() != null, "the store exposes no raw view (rawStoredKeysAndValues())");
      String expired = create(Map.of("a", "1"), new SessionMetadata(t0, t0, at(60), "leftover", null));
      String live = create(Map.of("a", "1"), meta("leftover"));
      assertThat(store().sweep(at(120), 100)).isEqualTo(1);
      Collection<String> raw = rawStoredKeysAndValues();
      assertThat(raw).anyMatch(value -> value.contains(live));
      assertThat(raw).noneMatch(value -> value.contains(expired));
    }
  }

  @Nested
  @DisplayName("storage at rest")
  class AtRest {

    @Test
    void noCookieTokenIsEverStored() {
      store();
      assumeTrue(rawStoredKeysAndValues() != null, "the store exposes no raw view (rawStoredKeysAndValues())");
      String a = create(Map.of("a", "1"), meta("zoe"));
      String b = create(Map.of("b", json("two")));
      store().save(a, SessionChanges.update(Map.of("c", "3"), Set.of(), touchedAt(meta("zoe"), 1)), at(1));
      store().compareAndSet(b, "b", json("two"), json("three"), touchedAt(meta("zoe"), 1), at(1));

      Collection<String> raw = rawStoredKeysAndValues();
      assertThat(raw).as("the raw view shows what is stored").anyMatch(value -> value.contains(a))
          .anyMatch(value -> value.contains(b));
      for (String token : tokens) {
        assertThat(raw).as("a stored key or value contains a cookie token").noneMatch(value -> value.contains(token));
      }
    }
  }

  @Nested
  @DisplayName("unusual names and values")
  class UnusualInput {

    private final List<String> names = List.of("", " ", "a", "A", "a ", " a", "a.b", "a:b", "a/b", "a\\b", "a*",
        "a?", "[a]", "{a}", "%", "_", "--", "it's", "say \"hi\"", "new\nline", "tab\there", "ключ", "鍵", "🔑",
        "'; DROP TABLE sessions; --", "n".repeat(200));

    @Test
    void anyAttributeNameRoundTripsAndStaysDistinct() {
      Map<String, String> attributes = new HashMap<>();
      for (int i = 0; i < names.size(); i++) {
        attributes.put(names.get(i), String.valueOf(i));
      }
      String key = create(attributes);
      assertThat(loaded(key, t0).attributes()).containsExactlyInAnyOrderEntriesOf(attributes);

      Map<String, String> updated = new HashMap<>();
      for (int i = 0; i < names.size(); i += 2) {
        updated.put(names.get(i), String.valueOf(-i));
      }
      Set<String> removed = new java.util.HashSet<>();
      for (int i = 1; i < names.size(); i += 2) {
        removed.add(names.get(i));
      }
      store().save(key, SessionChanges.update(updated, removed, touchedAt(meta(null), 1)), at(1));
      assertThat(loaded(key, at(1)).attributes()).containsExactlyInAnyOrderEntriesOf(updated);

      for (String name : updated.keySet()) {
        assertThat(store().compareAndSet(key, name, updated.get(name), "\"cas\"", meta(null), at(1)))
            .as("compareAndSet of [%s]", name).isEqualTo(CasResult.UPDATED);
      }
      assertThat(loaded(key, at(1)).attributes().values()).containsOnly("\"cas\"");
    }

    @Test
    void unusualValuesRoundTripExactly() {
      Map<String, String> values = new LinkedHashMap<>();
      values.put("unicode", json("héllo ✓ 鍵 🔑 \u200b"));
      values.put("empty", json(""));
      values.put("quotes", json("say \"hi\" it's"));
      values.put("backslashes", json("C:\\path\\n"));
      values.put("controls", json("line\nbreak\ttab\u0000nul\u001f"));
      values.put("sqlish", json("'); DELETE FROM sessions; --"));
      values.put("nested", "{\"a\":[1,{\"b\":null}],\"c\":\"d\"}");
      String key = create(values);
      assertThat(loaded(key, t0).attributes()).containsExactlyInAnyOrderEntriesOf(values);
    }

    @Test
    void largeValuesRoundTripThroughCreateDeltaAndCompareAndSet() {
      // Over 64 KiB of UTF-8 (more than a MySQL TEXT column holds).
      String big = json("x".repeat(64 * 1024) + "é🔑");
      String bigger = json("y".repeat(64 * 1024) + "ü");
      String key = create(Map.of("big", big));
      assertThat(loaded(key, t0).attributes().get("big")).isEqualTo(big);

      store().save(key, SessionChanges.update(Map.of("second", bigger), Set.of(), touchedAt(meta(null), 1)), at(1));
      assertThat(loaded(key, at(1)).attributes()).containsEntry("big", big).containsEntry("second", bigger);

      assertThat(store().compareAndSet(key, "big", big, bigger, meta(null), at(1))).isEqualTo(CasResult.UPDATED);
      assertThat(store().compareAndSet(key, "big", big, "1", meta(null), at(1))).isEqualTo(CasResult.CONFLICT);
      assertThat(loaded(key, at(1)).attributes().get("big")).isEqualTo(bigger);
    }

    @Test
    void manyAttributesInOneSession() {
      Map<String, String> attributes = new HashMap<>();
      for (int i = 0; i < 300; i++) {
        attributes.put("attr-" + i, String.valueOf(i));
      }
      String key = create(attributes);
      assertThat(loaded(key, t0).attributes()).containsExactlyInAnyOrderEntriesOf(attributes);
    }
  }

  @Nested
  @DisplayName("concurrency")
  class Concurrency {

    @Test
    void parallelDeltasOnDistinctAttributesLoseNothing() throws Exception {
      String key = create(Map.of("seed", "0"));
      int threads = concurrencyThreads();
      int ops = concurrencyOperationsPerThread();
      runInParallel(threads, thread -> {
        for (int i = 0; i < ops; i++) {
          SessionMetadata touched = touchedAt(meta(null), 1 + i);
          SaveResult result = store().save(key, SessionChanges.update(
              Map.of("t" + thread + "-" + i, String.valueOf(i)), Set.of(), touched), at(1 + i));
          assertThat(result).isEqualTo(SaveResult.SAVED);
        }
        for (int i = 0; i < ops; i += 2) {
          store().save(key, SessionChanges.update(Map.of(), Set.of("t" + thread + "-" + i),
              touchedAt(meta(null), 1 + ops + i)), at(1 + ops + i));
        }
      });
      Map<String, String> expected = new HashMap<>();
      expected.put("seed", "0");
      for (int thread = 0; thread < threads; thread++) {
        for (int i = 1; i < ops; i += 2) {
          expected.put("t" + thread + "-" + i, String.valueOf(i));
        }
      }
      assertThat(loaded(key, at(1)).attributes()).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void parallelComputeIncrementsAreNeverLostEvenWithDeltasInterleaved() throws Exception {
      String key = create(Map.of("counter", "0"));
      int threads = concurrencyThreads();
      int ops = concurrencyOperationsPerThread();
      AtomicInteger retries = new AtomicInteger();
      runInParallel(threads, thread -> {
        for (int i = 0; i < ops; i++) {
          if (thread % 4 == 3) {
            // Every fourth thread writes its own attributes: plain deltas must not clobber the counter.
            store().save(key, SessionChanges.update(Map.of("w" + thread + "-" + i, "1"), Set.of(),
                touchedAt(meta(null), 1)), at(1));
            continue;
          }
          ComputeResult result = StoreOperations.compute(store(), key, "counter",
              v -> String.valueOf(Long.parseLong(v) + 1), touchedAt(meta(null), 1), at(1), 100_000);
          assertThat(result.computed()).isTrue();
          retries.addAndGet(result.attempts() - 1);
        }
      });
      long computeThreads = java.util.stream.IntStream.range(0, threads).filter(t -> t % 4 != 3).count();
      Map<String, String> attributes = loaded(key, at(1)).attributes();
      assertThat(attributes.get("counter")).as("after %d retries", retries.get())
          .isEqualTo(String.valueOf(computeThreads * ops));
      assertThat(attributes).hasSize(1 + (int) (threads - computeThreads) * ops);
    }

    @Test
    void concurrentCreatesForOnePrincipalAreAllIndexed() throws Exception {
      assumePrincipalIndex();
      int threads = concurrencyThreads();
      int perThread = Math.max(1, concurrencyOperationsPerThread() / 4);
      Set<String> created = ConcurrentHashMap.newKeySet();
      runInParallel(threads, thread -> {
        for (int i = 0; i < perThread; i++) {
          created.add(create(Map.of("i", String.valueOf(i)), meta("crowd")));
        }
      });
      assertThat(principalKeys("crowd", t0)).containsExactlyInAnyOrderElementsOf(created);
      assertThat(store().deleteByPrincipal("crowd", t0)).isEqualTo(threads * perThread);
      assertThat(store().findByPrincipal("crowd", t0)).isEmpty();
    }

    @Test
    void aDeleteRacingWithUpdatesIsNeverUndone() throws Exception {
      String key = create(Map.of("seed", "0"), meta("racer"));
      int writers = concurrencyThreads();
      int ops = concurrencyOperationsPerThread();
      AtomicBoolean deleted = new AtomicBoolean();
      AtomicInteger writesAfterDelete = new AtomicInteger();
      CountDownLatch halfway = new CountDownLatch(writers * ops / 2);
      runInParallel(writers + 1, thread -> {
        if (thread == writers) {
          assertThat(halfway.await(concurrencyTimeout().toMillis(), TimeUnit.MILLISECONDS)).isTrue();
          assertThat(store().delete(key)).isTrue();
          deleted.set(true);
          return;
        }
        for (int i = 0; i < ops; i++) {
          boolean afterDelete = deleted.get();
          SessionMetadata touched = touchedAt(meta("racer"), 1 + i);
          boolean wrote;
          switch (i % 3) {
            case 0:
              wrote = store().save(key, SessionChanges.update(Map.of("t" + thread, String.valueOf(i)), Set.of(),
                  touched), at(1 + i)) == SaveResult.SAVED;
              break;
            case 1:
              wrote = store().save(key, SessionChanges.touch(touched), at(1 + i)) == SaveResult.SAVED;
              break;
            default:
              wrote = StoreOperations.compute(store(), key, "n", v -> v == null ? "1" : v + "1", touched, at(1 + i),
                  100_000).computed();
          }
          if (afterDelete && wrote) {
            writesAfterDelete.incrementAndGet();
          }
          halfway.countDown();
        }
      });
      assertThat(writesAfterDelete.get()).as("writes that started after the delete returned and succeeded").isZero();
      assertThat(store().load(key, at(1))).isEmpty();
      assertThat(store().load(key, at(1 + ops))).isEmpty();
      if (supportsPrincipalIndex()) {
        assertThat(store().findByPrincipal("racer", at(1))).isEmpty();
      }
      if (supportsEnumeration()) {
        assertThat(store().count(at(1))).isZero();
      }
    }

    @Test
    void logOutEverywhereRacingWithUpdatesIsNeverUndone() throws Exception {
      assumePrincipalIndex();
      List<String> keys = List.of(create(Map.of(), meta("target")), create(Map.of(), meta("target")),
          create(Map.of(), meta("target")));
      int writers = concurrencyThreads();
      int ops = concurrencyOperationsPerThread();
      AtomicBoolean revoked = new AtomicBoolean();
      AtomicInteger writesAfterRevoke = new AtomicInteger();
      CountDownLatch halfway = new CountDownLatch(writers * ops / 2);
      runInParallel(writers + 1, thread -> {
        if (thread == writers) {
          assertThat(halfway.await(concurrencyTimeout().toMillis(), TimeUnit.MILLISECONDS)).isTrue();
          assertThat(store().deleteByPrincipal("target", at(1))).isEqualTo(3);
          revoked.set(true);
          return;
        }
        for (int i = 0; i < ops; i++) {
          boolean afterRevoke = revoked.get();
          String key = keys.get((thread + i) % keys.size());
          SaveResult result = store().save(key, SessionChanges.update(Map.of("t" + thread, String.valueOf(i)),
              Set.of(), touchedAt(meta("target"), 1)), at(1));
          if (afterRevoke && result == SaveResult.SAVED) {
            writesAfterRevoke.incrementAndGet();
          }
          halfway.countDown();
        }
      });
      assertThat(writesAfterRevoke.get()).isZero();
      assertThat(store().findByPrincipal("target", at(1))).isEmpty();
      for (String key : keys) {
        assertThat(store().load(key, at(1))).isEmpty();
      }
    }
  }

  @Nested
  @DisplayName("backend TTL (real time)")
  class BackendTtl {

    @Test
    void everyWriteMovesTheBackendTtlAndExpiredEntriesLeaveTheBackend() throws Exception {
      assumeTrue(backendExpiresByWallClock(), "the store does not expire entries by wall-clock TTL");
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      Duration ttl = wallClockTtl();
      SessionMetadata shortLived = new SessionMetadata(now, now, now.plus(ttl), "ttl-user", null);
      SessionMetadata longLived = shortLived.touched(now, now.plus(Duration.ofMinutes(10)));

      String untouched = create(Map.of("a", "1"), shortLived);
      String touched = create(Map.of("a", "1"), shortLived);
      String delta = create(Map.of("a", "1"), shortLived);
      String cas = create(Map.of("a", "1"), shortLived);
      store().save(touched, SessionChanges.touch(longLived), now);
      store().save(delta, SessionChanges.update(Map.of("b", "2"), Set.of(), longLived), now);
      store().compareAndSet(cas, "a", "1", "2", longLived, now);

      Instant deadline = now.plus(ttl).plusMillis(600);
      while (Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
      }
      Instant later = Instant.now();
      assertThat(store().load(untouched, later)).isEmpty();
      assertThat(loaded(touched, later).attributes()).containsExactlyEntriesOf(Map.of("a", "1"));
      assertThat(loaded(delta, later).attributes()).containsEntry("b", "2");
      assertThat(loaded(cas, later).attributes()).containsExactlyEntriesOf(Map.of("a", "2"));
      if (supportsPrincipalIndex()) {
        assertThat(principalKeys("ttl-user", later)).containsExactlyInAnyOrder(touched, delta, cas);
      }
      Collection<String> raw = rawStoredKeysAndValues();
      if (raw != null) {
        store().sweep(later, 100);
        assertThat(rawStoredKeysAndValues()).as("the expired session left the backend, index entries included")
            .noneMatch(value -> value.contains(untouched));
      }
    }
  }

  @Nested
  @DisplayName("unreachable backend")
  class Unreachable {

    @Test
    void everyCallFailsFastWithSessionStoreUnavailableException() {
      long started = System.nanoTime();
      SessionStore unreachable;
      try {
        unreachable = createUnreachableStore();
      } catch (SessionStoreUnavailableException e) {
        // Refusing to start is allowed if it is quick and says why (a store that connects lazily is friendlier).
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThanOrEqualTo(unavailableTimeout());
        assertThat(e.getMessage()).isNotBlank();
        return;
      }
      assumeTrue(unreachable != null, "the store has no backend to lose (createUnreachableStore() is null)");
      String key = newKey();
      SessionMetadata metadata = meta("p");
      Map<String, ThrowingCall> calls = new LinkedHashMap<>();
      calls.put("load", () -> unreachable.load(key, t0));
      calls.put("save CREATE", () -> unreachable.save(key, SessionChanges.create(Map.of("a", "1"), metadata), t0));
      calls.put("save UPDATE", () -> unreachable.save(key, SessionChanges.update(Map.of("a", "1"), Set.of(),
          metadata), t0));
      calls.put("compareAndSet", () -> unreachable.compareAndSet(key, "a", null, "1", metadata, t0));
      calls.put("delete", () -> unreachable.delete(key));
      if (supportsPrincipalIndex()) {
        calls.put("findByPrincipal", () -> unreachable.findByPrincipal("p", t0));
        calls.put("deleteByPrincipal", () -> unreachable.deleteByPrincipal("p", t0));
      }
      if (supportsEnumeration()) {
        calls.put("list", () -> unreachable.list(null, 10, t0));
        calls.put("count", () -> unreachable.count(t0));
      }
      if (sweepRemovesExpiredSessions()) {
        calls.put("sweep", () -> unreachable.sweep(t0, 10));
      }
      try {
        calls.forEach((name, call) -> {
          long start = System.nanoTime();
          assertThatThrownBy(call::run).as(name).isInstanceOf(SessionStoreUnavailableException.class)
              .message().isNotBlank();
          assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time %s took to fail", name)
              .isLessThanOrEqualTo(unavailableTimeout());
        });
      } finally {
        unreachable.close();
      }
    }
  }

  /** One SPI call in the outage test. */
  @FunctionalInterface
  private interface ThrowingCall {
    void run() throws Exception;
  }

  @Nested
  @DisplayName("unsupported features fail loudly")
  class Unsupported {

    @Test
    void listAndCountThrowWhenEnumerationIsUnsupported() {
      assumeFalse(supportsEnumeration(), "the store supports enumeration");
      assertThatThrownBy(() -> store().list(null, 10, t0)).isInstanceOf(UnsupportedOperationException.class)
          .message().isNotBlank();
      assertThatThrownBy(() -> store().count(t0)).isInstanceOf(UnsupportedOperationException.class)
          .message().isNotBlank();
    }

    @Test
    void principalQueriesThrowWhenThereIsNoPrincipalIndex() {
      assumeFalse(supportsPrincipalIndex(), "the store has a principal index");
      assertThatThrownBy(() -> store().findByPrincipal("p", t0)).isInstanceOf(UnsupportedOperationException.class)
          .message().isNotBlank();
      assertThatThrownBy(() -> store().deleteByPrincipal("p", t0)).isInstanceOf(UnsupportedOperationException.class)
          .message().isNotBlank();
    }
  }
}
