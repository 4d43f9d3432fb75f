package dev.satchel.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.redis.Monitor.Command;
import dev.satchel.store.ComputeResult;
import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionId;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.SessionStore.CasResult;
import dev.satchel.store.SessionStore.SaveResult;
import dev.satchel.store.StoreOperations;
import dev.satchel.store.StoredSession;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Counts what each operation sends to Redis, on a private redis-server watched with MONITOR, and proves "one round
 * trip": a proxy holds back every reply, and the operation must have sent all its commands before seeing any.
 */
class RedisRoundTripIT {

  private static PrivateRedis redis;
  private static HoldingProxy proxy;
  private static Monitor monitor;
  private static RedisSessionStore store;
  private static final ExecutorService POOL = Executors.newSingleThreadExecutor();

  @BeforeAll
  static void start() throws Exception {
    redis = PrivateRedis.start();
    proxy = new HoldingProxy(redis.port());
    // A long timeout: this test holds replies back on purpose.
    store = RedisSessionStore.builder("redis://127.0.0.1:" + proxy.port()).commandTimeout(Duration.ofSeconds(5))
        .build();
    RedisTestSupport.ready(store); // connect outside the measured calls
    monitor = new Monitor(redis.port());
  }

  @AfterAll
  static void stop() throws Exception {
    POOL.shutdownNow();
    if (store != null) {
      store.close();
    }
    if (monitor != null) {
      monitor.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  /** What one operation did: its result, the commands clients sent, and everything Redis ran (scripts included). */
  private record Trip<T>(T result, List<String> sent, List<Command> executed) {}

  /** Runs the operation with replies held until it has sent {@code expected} commands; asserts it sent no more. */
  private static <T> Trip<T> oneRoundTrip(int expected, Callable<T> operation) throws Exception {
    monitor.drain();
    proxy.hold(true);
    Future<T> running;
    List<Command> sentWhileHeld;
    try {
      running = POOL.submit(operation);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      while (monitor.clientCommands().size() < expected && System.nanoTime() < deadline) {
        Thread.sleep(2);
      }
      sentWhileHeld = monitor.clientCommands();
      assertThat(sentWhileHeld).as("commands sent before any reply arrived").hasSize(expected);
      assertThat(running.isDone()).as("the operation waits for the replies").isFalse();
    } finally {
      proxy.hold(false);
    }
    T result = running.get(5, TimeUnit.SECONDS);
    List<Command> executed = monitor.drain();
    List<String> sent = executed.stream().filter(c -> !c.fromScript()).map(Command::name).toList();
    assertThat(sent).as("no command after the replies came back (a second round trip)").hasSize(expected);
    return new Trip<>(result, sent, executed);
  }

  private static final Duration IDLE = Duration.ofMinutes(30);
  /** The store's default key prefix, which this test's store uses. */
  private static final String PREFIX_FOR_TEST = "satchel:";

  private static SessionMetadata meta(Instant now, String principal) {
    return new SessionMetadata(now, now, now.plus(IDLE), principal, "JUnit");
  }

  @Test
  void loadIsOneHgetall() throws Exception {
    Instant now = Instant.now();
    String key = SessionId.generate().storageKey();
    Map<String, String> many = new java.util.HashMap<>();
    for (int i = 0; i < 300; i++) {
      many.put("attr" + i, Integer.toString(i));
    }
    store.save(key, SessionChanges.create(many, meta(now, "ann")), now);

    Trip<Optional<StoredSession>> load = oneRoundTrip(1, () -> store.load(key, now));
    assertThat(load.sent()).containsExactly("hgetall");
    assertThat(load.executed()).hasSize(1);
    assertThat(load.result().orElseThrow().attributes()).hasSize(300);
  }

  @Test
  void createAndUpdateAreOneScriptEach() throws Exception {
    Instant now = Instant.now();
    String key = SessionId.generate().storageKey();
    Trip<SaveResult> create = oneRoundTrip(1, () -> store.save(key,
        SessionChanges.create(Map.of("a", "1", "b", "2"), meta(now, "bea")), now));
    assertThat(create.result()).isEqualTo(SaveResult.SAVED);
    assertThat(create.sent()).containsExactly("evalsha");
    assertThat(scriptWrites(create, "zadd")).as("expiry, key and principal index, in the same script").hasSize(3);

    Trip<SaveResult> update = oneRoundTrip(1, () -> store.save(key,
        SessionChanges.update(Map.of("a", "10"), Set.of("b"), meta(now, "bea")), now));
    assertThat(update.result()).isEqualTo(SaveResult.SAVED);
    assertThat(update.sent()).containsExactly("evalsha");

    String anonymous = SessionId.generate().storageKey();
    store.save(anonymous, SessionChanges.create(Map.of(), meta(now, null)), now);
    Trip<SaveResult> anonymousUpdate = oneRoundTrip(1, () -> store.save(anonymous,
        SessionChanges.update(Map.of("x", "1"), Set.of(), meta(now, null)), now));
    assertThat(anonymousUpdate.result()).isEqualTo(SaveResult.SAVED);

    assertThat(store.load(key, now).orElseThrow().attributes()).isEqualTo(Map.of("a", "10"));
  }

  @Test
  void savesWithinTheIndexLeadLeaveTheIndexesAlone() throws Exception {
    Instant now = Instant.now();
    String key = SessionId.generate().storageKey();
    store.save(key, SessionChanges.create(Map.of("n", "0"), meta(now, "eve")), now);
    // The first update moves the index entries to its expiry plus the lead (the create wrote the exact expiry).
    Instant first = now.plusMillis(10);
    Trip<SaveResult> moved = oneRoundTrip(1, () -> store.save(key,
        SessionChanges.update(Map.of("n", "1"), Set.of(), meta(now, "eve").touched(first, first.plus(IDLE))), first));
    assertThat(scriptWrites(moved, "zadd")).as("global and principal index moved").hasSize(2);

    // The requests of the next minute only write the hash: no index command runs at all.
    for (int i = 2; i <= 5; i++) {
      Instant t = first.plusSeconds(i * 10L);
      String n = Integer.toString(i);
      Trip<SaveResult> skipped = oneRoundTrip(1, () -> store.save(key,
          SessionChanges.update(Map.of("n", n), Set.of(), meta(now, "eve").touched(t, t.plus(IDLE))), t));
      assertThat(skipped.result()).isEqualTo(SaveResult.SAVED);
      assertThat(scriptWrites(skipped, "zadd", "zremrangebyscore", "pexpire", "hdel"))
          .as("save %d wrote only the session hash and its TTL", i)
          .isNotEmpty().allSatisfy(c -> assertThat(c.line()).contains("\"" + PREFIX_FOR_TEST + "s:{" + key + "}\""));
    }
    // Once the expiry passes the lead, the entries move again.
    Instant late = first.plusSeconds(61);
    Trip<SaveResult> movedAgain = oneRoundTrip(1, () -> store.save(key,
        SessionChanges.update(Map.of("n", "6"), Set.of(), meta(now, "eve").touched(late, late.plus(IDLE))), late));
    assertThat(scriptWrites(movedAgain, "zadd")).hasSize(2);
    assertThat(store.findByPrincipal("eve", late)).extracting(s -> s.storageKey()).containsExactly(key);
  }

  @Test
  void touchRefreshesTheTtlWithoutWritingAttributes() throws Exception {
    Instant now = Instant.now();
    String key = SessionId.generate().storageKey();
    store.save(key, SessionChanges.create(Map.of("a", "1", "b", "\"" + "x".repeat(5000) + "\""), meta(now, "cy")),
        now);
    Instant later = now.plusSeconds(60);
    Trip<SaveResult> touch = oneRoundTrip(1, () -> store.save(key,
        SessionChanges.touch(meta(now, "cy").touched(later, later.plus(Duration.ofMinutes(30)))), later));
    assertThat(touch.result()).isEqualTo(SaveResult.SAVED);
    List<Command> hashWrites = touch.executed().stream().filter(c -> c.fromScript())
        .filter(c -> c.name().equals("hset") || c.name().equals("hdel")).toList();
    assertThat(hashWrites).isNotEmpty().allSatisfy(c -> assertThat(c.line()).doesNotContain("\"a:"));
    assertThat(touch.executed()).anySatisfy(c -> assertThat(c.name()).isEqualTo("pexpire"));
  }

  @Test
  void aSaveWritesTheHashWithOneHsetAndDeletesOnlyFieldsThatGo() throws Exception {
    Instant now = Instant.now();
    String key = SessionId.generate().storageKey();
    SessionMetadata anonymous = new SessionMetadata(now, now, now.plus(IDLE), null, null);
    Trip<SaveResult> create = oneRoundTrip(1, () -> store.save(key,
        SessionChanges.create(Map.of("a", "1", "b", "2", "c", "3"), anonymous), now));
    assertThat(hashWrites(create, key, "hset")).as("metadata and attributes in one HSET").singleElement()
        .satisfies(c -> assertThat(c.line()).contains("\"@e\"", "\"a:a\"", "\"a:b\"", "\"a:c\""));
    assertThat(hashWrites(create, key, "hdel")).as("a new hash has nothing to delete").isEmpty();

    // The common update: no principal and no device before or after, nothing removed.
    Trip<SaveResult> update = oneRoundTrip(1, () -> store.save(key,
        SessionChanges.update(Map.of("a", "10"), Set.of(), anonymous), now));
    assertThat(update.result()).isEqualTo(SaveResult.SAVED);
    assertThat(hashWrites(update, key, "hset")).singleElement()
        .satisfies(c -> assertThat(c.line()).contains("\"@a\"", "\"a:a\" \"10\""));
    assertThat(hashWrites(update, key, "hdel")).isEmpty();

    Trip<SaveResult> removal = oneRoundTrip(1, () -> store.save(key,
        SessionChanges.update(Map.of("a", "11"), Set.of("b", "c"), anonymous), now));
    assertThat(hashWrites(removal, key, "hset")).hasSize(1);
    assertThat(hashWrites(removal, key, "hdel")).as("both removed attributes in one HDEL").singleElement()
        .satisfies(c -> assertThat(c.line()).contains("\"a:b\"", "\"a:c\"").doesNotContain("\"@"));
    assertThat(store.load(key, now).orElseThrow().attributes()).isEqualTo(Map.of("a", "11"));

    // A device the session had and this save drops goes in the HDEL; one it never had costs nothing.
    store.save(key, SessionChanges.touch(new SessionMetadata(now, now, now.plus(IDLE), null, "phone")), now);
    Trip<SaveResult> dropDevice = oneRoundTrip(1, () -> store.save(key,
        SessionChanges.update(Map.of("a", "12"), Set.of(), anonymous), now));
    assertThat(hashWrites(dropDevice, key, "hdel")).singleElement()
        .satisfies(c -> assertThat(c.line()).contains("\"@d\"").doesNotContain("\"@p\"", "\"a:"));
    assertThat(store.load(key, now).orElseThrow().metadata().device()).isNull();

    // clear() then a write: every old attribute goes in one HDEL, the new one comes with the metadata.
    Trip<SaveResult> cleared = oneRoundTrip(1, () -> store.save(key,
        new SessionChanges(SessionChanges.Kind.UPDATE, true, Map.of("z", "1"), Set.of(), anonymous), now));
    assertThat(hashWrites(cleared, key, "hdel")).singleElement()
        .satisfies(c -> assertThat(c.line()).contains("\"a:a\""));
    assertThat(hashWrites(cleared, key, "hset")).hasSize(1);
    assertThat(store.load(key, now).orElseThrow().attributes()).isEqualTo(Map.of("z", "1"));
  }

  /** Commands of the operation's scripts with this name that wrote this session's hash. */
  private static List<Command> hashWrites(Trip<?> trip, String storageKey, String name) {
    String hash = "\"" + PREFIX_FOR_TEST + "s:{" + storageKey + "}\"";
    return scriptWrites(trip, name).stream().filter(c -> c.line().contains(hash)).toList();
  }

  @Test
  void compareAndSetIsOneScriptAndComputeTwoCommands() throws Exception {
    Instant now = Instant.now();
    String key = SessionId.generate().storageKey();
    store.save(key, SessionChanges.create(Map.of("n", "41"), meta(now, null)), now);
    Trip<CasResult> cas = oneRoundTrip(1, () -> store.compareAndSet(key, "n", "41", "42", meta(now, null), now));
    assertThat(cas.result()).isEqualTo(CasResult.UPDATED);
    assertThat(cas.sent()).containsOnly("evalsha");

    monitor.drain();
    ComputeResult computed = StoreOperations.compute(store, key, "n", v -> Long.toString(Long.parseLong(v) + 1),
        meta(now, null), now, 10);
    assertThat(computed.json()).isEqualTo("43");
    assertThat(monitor.drain().stream().filter(c -> !c.fromScript()).map(Command::name))
        .as("compute without contention: one load, then the compare-and-set round trip")
        .containsExactly("hgetall", "evalsha");
  }

  /** Commands the operation's scripts ran with one of these names. */
  private static List<Command> scriptWrites(Trip<?> trip, String... names) {
    List<String> wanted = List.of(names);
    return trip.executed().stream().filter(Command::fromScript).filter(c -> wanted.contains(c.name())).toList();
  }

  @Test
  void scriptsAreResentAfterRedisForgetsThem() throws Exception {
    Instant now = Instant.now();
    String key = SessionId.generate().storageKey();
    store.save(key, SessionChanges.create(Map.of("a", "1"), meta(now, "dee")), now);
    assertThat(redis.command("SCRIPT", "FLUSH")).startsWith("+OK");
    monitor.drain();

    assertThat(store.save(key, SessionChanges.update(Map.of("a", "2"), Set.of(), meta(now, "dee")), now))
        .isEqualTo(SaveResult.SAVED);
    List<String> sent = monitor.drain().stream().filter(c -> !c.fromScript()).map(Command::name).toList();
    assertThat(sent).contains("evalsha", "eval");
    assertThat(store.load(key, now).orElseThrow().attributes()).isEqualTo(Map.of("a", "2"));
    assertThat(store.findByPrincipal("dee", now)).hasSize(1);
    // Leave the cache warm for the other tests, which count commands exactly.
    for (LuaScript script : Scripts.ALL) {
      redis.command("SCRIPT", "LOAD", script.source());
    }
  }
}
