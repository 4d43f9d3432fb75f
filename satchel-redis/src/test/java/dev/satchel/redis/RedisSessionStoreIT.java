package dev.satchel.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionId;
import dev.satchel.store.SessionInfo;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.SessionStore.CasResult;
import dev.satchel.store.SessionStore.SaveResult;
import dev.satchel.store.SessionStoreException;
import dev.satchel.store.StoredSession;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Redis-specific behaviour of the store against the real Redis on 127.0.0.1:6379. */
class RedisSessionStoreIT {

  private static final String PREFIX = RedisTestSupport.uniquePrefix(RedisSessionStoreIT.class);
  private static RedisSessionStore store;
  private static RedisClient rawClient;
  private static StatefulRedisConnection<String, String> rawConnection;
  private static RedisCommands<String, String> raw;

  @BeforeAll
  static void connect() {
    RedisTestSupport.requireRedis();
    store = RedisTestSupport.ready(RedisSessionStore.builder(RedisTestSupport.URI).keyPrefix(PREFIX).build());
    rawClient = RedisClient.create(RedisTestSupport.URI);
    rawConnection = rawClient.connect();
    raw = rawConnection.sync();
  }

  @AfterAll
  static void cleanUp() {
    if (raw != null) {
      List<String> ours = raw.keys(PREFIX + "*");
      if (!ours.isEmpty()) {
        raw.del(ours.toArray(String[]::new));
      }
      rawConnection.close();
      rawClient.shutdown();
    }
    if (store != null) {
      store.close();
    }
  }

  private static SessionMetadata meta(Instant now, Duration ttl, String principal) {
    return new SessionMetadata(now, now, now.plus(ttl), principal, "JUnit");
  }

  private static String newKey() {
    return SessionId.generate().storageKey();
  }

  @Test
  void createThenLoadReturnsExactlyWhatWasSaved() {
    Instant now = Instant.now().plusNanos(123);
    String key = newKey();
    SessionMetadata md = new SessionMetadata(now.minusSeconds(5), now, now.plusSeconds(60), "alice", "Firefox \u00e9");
    Map<String, String> attrs = Map.of("user", "\"alice\"", "cart", "[1,2,3]", "emoji \ud83d\ude00", "{\"a\":null}");
    assertThat(store.save(key, SessionChanges.create(attrs, md), now)).isEqualTo(SaveResult.SAVED);

    StoredSession loaded = store.load(key, now).orElseThrow();
    assertThat(loaded.attributes()).isEqualTo(attrs);
    assertThat(loaded.metadata()).isEqualTo(md);
  }

  @Test
  void sessionKeyCarriesAClusterHashTagAndARelativeTtl() {
    Instant now = Instant.now();
    String key = newKey();
    store.save(key, SessionChanges.create(Map.of("a", "1"), meta(now, Duration.ofSeconds(90), null)), now);
    String redisKey = PREFIX + "s:{" + key + "}";
    assertThat(raw.type(redisKey)).isEqualTo("hash");
    assertThat(raw.pttl(redisKey)).isBetween(85_000L, 90_000L);
    assertThat(raw.hget(redisKey, "a:a")).isEqualTo("1");
  }

  @Test
  void absentOrExpiredSessionsAreNotReturned() {
    Instant now = Instant.now();
    assertThat(store.load(newKey(), now)).isEmpty();
    String key = newKey();
    store.save(key, SessionChanges.create(Map.of("a", "1"), meta(now, Duration.ofSeconds(30), null)), now);
    assertThat(store.load(key, now.plusSeconds(29))).isPresent();
    assertThat(store.load(key, now.plusSeconds(30))).as("now == expiresAt is expired").isEmpty();
  }

  @Test
  void updatesApplyDeltasWithoutTouchingOtherAttributes() {
    Instant now = Instant.now();
    String key = newKey();
    SessionMetadata md = meta(now, Duration.ofMinutes(5), null);
    store.save(key, SessionChanges.create(Map.of("a", "1", "b", "2", "c", "3"), md), now);

    assertThat(store.save(key, SessionChanges.update(Map.of("a", "10"), Set.of(), md), now)).isEqualTo(SaveResult.SAVED);
    assertThat(store.save(key, SessionChanges.update(Map.of("d", "4"), Set.of("b"), md), now))
        .isEqualTo(SaveResult.SAVED);
    assertThat(store.load(key, now).orElseThrow().attributes()).isEqualTo(Map.of("a", "10", "c", "3", "d", "4"));

    SessionChanges replace = new SessionChanges(SessionChanges.Kind.UPDATE, true, Map.of("z", "26"), Set.of(), md);
    store.save(key, replace, now);
    assertThat(store.load(key, now).orElseThrow().attributes()).isEqualTo(Map.of("z", "26"));
  }

  @Test
  void anUpdateNeverResurrectsADeletedOrExpiredSession() {
    Instant now = Instant.now();
    String key = newKey();
    SessionMetadata md = meta(now, Duration.ofMinutes(5), "bob-" + key);
    store.save(key, SessionChanges.create(Map.of("a", "1"), md), now);
    assertThat(store.delete(key)).isTrue();
    assertThat(store.delete(key)).isFalse();

    assertThat(store.save(key, SessionChanges.update(Map.of("a", "2"), Set.of(), md), now))
        .isEqualTo(SaveResult.NOT_FOUND);
    assertThat(store.save(key, SessionChanges.touch(md), now)).isEqualTo(SaveResult.NOT_FOUND);
    assertThat(store.compareAndSet(key, "a", null, "1", md, now)).isEqualTo(CasResult.NOT_FOUND);
    assertThat(raw.exists(PREFIX + "s:{" + key + "}")).isZero();
    assertThat(store.findByPrincipal("bob-" + key, now)).isEmpty();
    assertThat(raw.zscore(PREFIX + "{i}:exp", key)).isNull();
    assertThat(raw.zscore(PREFIX + "p:bob-" + key, key)).isNull();

    String expiring = newKey();
    store.save(expiring, SessionChanges.create(Map.of("a", "1"), meta(now, Duration.ofSeconds(10), null)), now);
    Instant later = now.plusSeconds(11);
    assertThat(store.save(expiring, SessionChanges.update(Map.of("a", "2"), Set.of(),
        meta(later, Duration.ofMinutes(5), null)), later)).isEqualTo(SaveResult.NOT_FOUND);
    assertThat(store.load(expiring, now).orElseThrow().attributes()).containsEntry("a", "1");
  }

  @Test
  void touchMovesExpiryWithoutRewritingData() {
    Instant now = Instant.now();
    String key = newKey();
    store.save(key, SessionChanges.create(Map.of("a", "1"), meta(now, Duration.ofSeconds(20), null)), now);
    // Change the value behind the store's back: a touch must not write attributes, so this survives.
    raw.hset(PREFIX + "s:{" + key + "}", "a:a", "\"changed elsewhere\"");
    Instant later = now.plusSeconds(10);
    SessionMetadata touched = meta(now, Duration.ofSeconds(20), null).touched(later, later.plusSeconds(60));
    assertThat(store.save(key, SessionChanges.touch(touched), later)).isEqualTo(SaveResult.SAVED);

    StoredSession s = store.load(key, later).orElseThrow();
    assertThat(s.attributes()).containsEntry("a", "\"changed elsewhere\"");
    assertThat(s.metadata().expiresAt()).isEqualTo(later.plusSeconds(60));
    assertThat(raw.pttl(PREFIX + "s:{" + key + "}")).isBetween(55_000L, 60_000L);
    assertThat(store.count(now.plusSeconds(40))).isGreaterThanOrEqualTo(1);
    // An update that moves the index writes the expiry plus the lead, so the next minute's saves can skip it.
    assertThat(raw.zscore(PREFIX + "{i}:exp", key))
        .isEqualTo((double) (SessionHash.micros(later.plusSeconds(60)) + Scripts.INDEX_LEAD_MICROS));
  }

  @Test
  void compareAndSetComparesTheStoredJson() {
    Instant now = Instant.now();
    String key = newKey();
    SessionMetadata md = meta(now, Duration.ofMinutes(5), null);
    assertThat(store.compareAndSet(key, "n", null, "1", md, now)).isEqualTo(CasResult.NOT_FOUND);
    store.save(key, SessionChanges.create(Map.of("x", "true"), md), now);

    assertThat(store.compareAndSet(key, "n", null, "1", md, now)).isEqualTo(CasResult.UPDATED);
    assertThat(store.compareAndSet(key, "n", null, "5", md, now)).isEqualTo(CasResult.CONFLICT);
    assertThat(store.compareAndSet(key, "n", "2", "5", md, now)).isEqualTo(CasResult.CONFLICT);
    assertThat(store.compareAndSet(key, "n", "1", "2", md, now)).isEqualTo(CasResult.UPDATED);
    assertThat(store.load(key, now).orElseThrow().attributes()).containsEntry("n", "2");
    assertThat(store.compareAndSet(key, "n", "2", null, md, now)).isEqualTo(CasResult.UPDATED);
    assertThat(store.load(key, now).orElseThrow().attributes()).isEqualTo(Map.of("x", "true"));

    SessionMetadata later = md.touched(now.plusSeconds(1), now.plusSeconds(600));
    store.compareAndSet(key, "n", null, "7", later, now.plusSeconds(1));
    assertThat(store.load(key, now).orElseThrow().metadata()).isEqualTo(later);
  }

  @Test
  void principalIndexFindsOrdersAndRevokes() {
    Instant now = Instant.now();
    String user = "carol-" + newKey();
    String older = newKey();
    String newer = newKey();
    String other = newKey();
    store.save(older, SessionChanges.create(Map.of(), new SessionMetadata(now, now.minusSeconds(30),
        now.plusSeconds(300), user, "old phone")), now);
    store.save(newer, SessionChanges.create(Map.of(), new SessionMetadata(now, now.minusSeconds(5),
        now.plusSeconds(300), user, "laptop")), now);
    store.save(other, SessionChanges.create(Map.of(), meta(now, Duration.ofMinutes(5), "dave-" + user)), now);

    List<SessionInfo> found = store.findByPrincipal(user, now);
    assertThat(found).extracting(SessionInfo::storageKey).containsExactly(newer, older);
    assertThat(found.get(0).metadata().device()).isEqualTo("laptop");

    assertThat(store.deleteByPrincipal(user, now)).isEqualTo(2);
    assertThat(store.findByPrincipal(user, now)).isEmpty();
    assertThat(store.load(older, now)).isEmpty();
    assertThat(store.load(other, now)).isPresent();
    assertThat(raw.exists(PREFIX + "p:" + user)).isZero();
    assertThat(raw.zscore(PREFIX + "{i}:exp", older)).isNull();
    assertThat(raw.hget(PREFIX + "{i}:owners", older)).isNull();
  }

  @Test
  void aPrincipalSetByAnUpdateMovesTheSessionBetweenIndexes() {
    Instant now = Instant.now();
    String key = newKey();
    String erin = "erin-" + key;
    String frank = "frank-" + key;
    store.save(key, SessionChanges.create(Map.of(), meta(now, Duration.ofMinutes(5), null)), now);
    assertThat(store.save(key, SessionChanges.update(Map.of("u", "1"), Set.of(), meta(now, Duration.ofMinutes(5),
        erin)), now)).isEqualTo(SaveResult.SAVED);
    assertThat(store.findByPrincipal(erin, now)).extracting(SessionInfo::storageKey).containsExactly(key);

    store.save(key, SessionChanges.update(Map.of(), Set.of(), meta(now, Duration.ofMinutes(5), frank)), now);
    assertThat(store.findByPrincipal(frank, now)).extracting(SessionInfo::storageKey).containsExactly(key);
    assertThat(raw.zscore(PREFIX + "p:" + erin, key)).as("old principal's entry removed at once").isNull();
    assertThat(store.deleteByPrincipal(erin, now)).isZero();
    assertThat(store.load(key, now)).isPresent();
    assertThat(raw.hget(PREFIX + "{i}:owners", key)).isEqualTo(frank);
  }

  @Test
  void sweepLeavesNoIndexEntryPointingAtAnExpiredSession() {
    // A store of its own so the count and the sweep see only this test's sessions.
    String prefix = RedisTestSupport.uniquePrefix(RedisSessionStoreIT.class);
    try (RedisSessionStore s = RedisTestSupport.ready(RedisSessionStore.builder(RedisTestSupport.URI).keyPrefix(prefix)
        .build())) {
      Instant now = Instant.now();
      String user = "gina";
      for (int i = 0; i < 7; i++) {
        s.save(newKey(), SessionChanges.create(Map.of("i", Integer.toString(i)), meta(now, Duration.ofSeconds(10),
            i % 2 == 0 ? user : null)), now);
      }
      String keeper = newKey();
      s.save(keeper, SessionChanges.create(Map.of(), meta(now, Duration.ofMinutes(10), user)), now);
      assertThat(s.count(now)).isEqualTo(8);
      Instant later = now.plusSeconds(11);
      assertThat(s.count(later)).isEqualTo(1);
      assertThat(s.list(null, 100, later)).extracting(SessionInfo::storageKey).containsExactly(keeper);

      assertThat(s.sweep(later, 4)).isEqualTo(4);
      assertThat(s.sweep(later, 4)).isEqualTo(3);
      assertThat(s.sweep(later, 4)).isZero();

      assertThat(raw.zrange(prefix + "{i}:exp", 0, -1)).containsExactly(keeper);
      assertThat(raw.zrange(prefix + "{i}:keys", 0, -1)).containsExactly(keeper);
      assertThat(raw.hkeys(prefix + "{i}:owners")).containsExactly(keeper);
      assertThat(raw.zrange(prefix + "p:" + user, 0, -1)).containsExactly(keeper);
      assertThat(raw.keys(prefix + "s:*")).containsExactly(prefix + "s:{" + keeper + "}");
      assertThat(s.findByPrincipal(user, later)).extracting(SessionInfo::storageKey).containsExactly(keeper);
    } finally {
      RedisTestSupport.deletePrefix(prefix);
    }
  }

  @Test
  void listPagesInStorageKeyOrder() {
    String prefix = RedisTestSupport.uniquePrefix(RedisSessionStoreIT.class);
    try (RedisSessionStore s = RedisTestSupport.ready(RedisSessionStore.builder(RedisTestSupport.URI).keyPrefix(prefix)
        .build())) {
      Instant now = Instant.now();
      java.util.TreeSet<String> live = new java.util.TreeSet<>();
      for (int i = 0; i < 25; i++) {
        String k = newKey();
        boolean expired = i % 5 == 0;
        s.save(k, SessionChanges.create(Map.of(), meta(now, Duration.ofSeconds(expired ? 1 : 600), null)), now);
        if (!expired) {
          live.add(k);
        }
      }
      Instant later = now.plusSeconds(2);
      List<String> seen = new java.util.ArrayList<>();
      String after = null;
      while (true) {
        List<SessionInfo> page = s.list(after, 6, later);
        if (page.isEmpty()) {
          break;
        }
        assertThat(page.size()).isLessThanOrEqualTo(6);
        page.forEach(p -> seen.add(p.storageKey()));
        after = page.get(page.size() - 1).storageKey();
      }
      assertThat(seen).containsExactlyElementsOf(live);
      assertThat(s.count(later)).isEqualTo(20);
    } finally {
      RedisTestSupport.deletePrefix(prefix);
    }
  }

  @Test
  void foreignDataUnderThePrefixIsTreatedAsAbsentNeverACrash() {
    Instant now = Instant.now();
    SessionMetadata md = meta(now, Duration.ofMinutes(5), null);
    String asString = newKey();
    raw.set(PREFIX + "s:{" + asString + "}", "not a hash");
    assertThat(store.load(asString, now)).isEmpty();
    assertThat(store.save(asString, SessionChanges.update(Map.of("a", "1"), Set.of(), md), now))
        .isEqualTo(SaveResult.NOT_FOUND);
    assertThat(store.compareAndSet(asString, "a", null, "1", md, now)).isEqualTo(CasResult.NOT_FOUND);
    assertThat(raw.get(PREFIX + "s:{" + asString + "}")).isEqualTo("not a hash");

    String garbage = newKey();
    raw.hset(PREFIX + "s:{" + garbage + "}", Map.of("@c", "yesterday", "@e", "zzzzzzzzzzzz.zzzzzzzzz", "a:x", "1"));
    assertThat(store.load(garbage, now)).isEmpty();
    assertThat(store.save(garbage, SessionChanges.touch(md), now)).isEqualTo(SaveResult.NOT_FOUND);

    String missing = newKey();
    raw.hset(PREFIX + "s:{" + missing + "}", Map.of("a:x", "1"));
    assertThat(store.load(missing, now)).isEmpty();

    // A new session under such a key (a fresh random id never collides in practice) replaces the junk.
    assertThat(store.save(asString, SessionChanges.create(Map.of("a", "1"), md), now)).isEqualTo(SaveResult.SAVED);
    assertThat(store.load(asString, now).orElseThrow().attributes()).isEqualTo(Map.of("a", "1"));

    // A principal index holding a foreign member is repaired on read.
    raw.zadd(PREFIX + "p:henry", SessionHash.micros(now.plusSeconds(60)), missing);
    assertThat(store.findByPrincipal("henry", now)).isEmpty();
    assertThat(raw.exists(PREFIX + "p:henry")).isZero();
  }

  @Test
  void oversizedValuesAndUnencodableNamesFailClearly() {
    Instant now = Instant.now();
    String key = newKey();
    SessionMetadata md = meta(now, Duration.ofMinutes(5), null);
    try (RedisSessionStore small = RedisTestSupport.ready(RedisSessionStore.builder(RedisTestSupport.URI)
        .keyPrefix(PREFIX).maxValueBytes(1000).build())) {
      String big = "\"" + "x".repeat(1000) + "\"";
      assertThatThrownBy(() -> small.save(key, SessionChanges.create(Map.of("blob", big), md), now))
          .isInstanceOf(SessionStoreException.class)
          .hasMessageContaining("'blob'").hasMessageContaining("1002 bytes").hasMessageContaining("maxValueBytes");
      assertThat(small.load(key, now)).isEmpty();
      assertThatThrownBy(() -> small.save(key, SessionChanges.create(Map.of("bad\ud800name", "1"), md), now))
          .isInstanceOf(SessionStoreException.class).hasMessageContaining("unpaired")
          .hasMessageContaining("bad\\ud800name");
      assertThatThrownBy(() -> small.compareAndSet(key, "n", null, "\"\udc00\"", md, now))
          .isInstanceOf(SessionStoreException.class).hasMessageContaining("unpaired");
    }
    // Binary-looking but valid text is kept byte for byte.
    String junk = "\u0000\u0001\r\n\u00ff{}*$-1\uffff";
    store.save(key, SessionChanges.create(Map.of(junk, "\"\\u0000\""), md), now);
    assertThat(store.load(key, now).orElseThrow().attributes()).isEqualTo(Map.of(junk, "\"\\u0000\""));
  }

  @Test
  void aSaveReAddsIndexEntriesThatWentMissing() {
    Instant now = Instant.now();
    String key = newKey();
    String user = "ian-" + key;
    SessionMetadata md = meta(now, Duration.ofMinutes(5), user);
    store.save(key, SessionChanges.create(Map.of("a", "1"), md), now);
    raw.zrem(PREFIX + "{i}:exp", key);
    raw.zrem(PREFIX + "{i}:keys", key);
    raw.del(PREFIX + "p:" + user);

    assertThat(store.save(key, SessionChanges.update(Map.of("a", "2"), Set.of(), md), now))
        .isEqualTo(SaveResult.SAVED);
    assertThat(raw.zscore(PREFIX + "{i}:exp", key))
        .isEqualTo((double) (SessionHash.micros(md.expiresAt()) + Scripts.INDEX_LEAD_MICROS));
    assertThat(raw.zscore(PREFIX + "{i}:keys", key)).isZero();
    assertThat(raw.hget(PREFIX + "{i}:owners", key)).isEqualTo(user);
    assertThat(store.findByPrincipal(user, now)).extracting(SessionInfo::storageKey).containsExactly(key);
  }

  @Test
  void indexScoresAheadOfTheExpiryNeverCountListOrFindAnExpiredSession() {
    String prefix = RedisTestSupport.uniquePrefix(RedisSessionStoreIT.class);
    try (RedisSessionStore s = RedisTestSupport.ready(RedisSessionStore.builder(RedisTestSupport.URI).keyPrefix(prefix)
        .build())) {
      Instant now = Instant.now();
      String user = "kim";
      String key = newKey();
      String other = newKey();
      s.save(key, SessionChanges.create(Map.of("a", "1"), meta(now, Duration.ofMinutes(5), user)), now);
      s.save(other, SessionChanges.create(Map.of("a", "1"), meta(now, Duration.ofMinutes(30), user)), now);
      // An update leaves the index entries up to a minute above the session's expiry.
      Instant t = now.plusSeconds(1);
      SessionMetadata md = meta(now, Duration.ofMinutes(5), user).touched(t, t.plus(Duration.ofMinutes(5)));
      s.save(key, SessionChanges.update(Map.of("a", "2"), Set.of(), md), t);
      Instant expires = md.expiresAt();
      assertThat(raw.zscore(prefix + "{i}:exp", key)).isGreaterThan((double) SessionHash.micros(expires));
      assertThat(raw.zscore(prefix + "p:" + user, key)).isGreaterThan((double) SessionHash.micros(expires));

      Instant justBefore = expires.minusNanos(1_000);
      assertThat(s.count(justBefore)).isEqualTo(2);
      assertThat(s.list(null, 10, justBefore)).hasSize(2);
      assertThat(s.findByPrincipal(user, justBefore)).hasSize(2);
      for (Instant at : List.of(expires, expires.plusSeconds(30))) {
        assertThat(s.count(at)).as("count at %s", at).isEqualTo(1);
        assertThat(s.list(null, 10, at)).extracting(SessionInfo::storageKey).containsExactly(other);
        assertThat(s.findByPrincipal(user, at)).extracting(SessionInfo::storageKey).containsExactly(other);
      }
      // "Log out everywhere" still finds it while its entry lingers; once the entry's score passes, sweep removes it.
      assertThat(raw.zscore(prefix + "p:" + user, key)).isNotNull();
      Instant afterLead = expires.plusSeconds(61);
      assertThat(s.sweep(afterLead, 10)).isEqualTo(1);
      assertThat(raw.zscore(prefix + "{i}:exp", key)).isNull();
      assertThat(raw.zscore(prefix + "p:" + user, key)).isNull();
      assertThat(s.count(afterLead)).isEqualTo(1);
    } finally {
      RedisTestSupport.deletePrefix(prefix);
    }
  }

  @Test
  void countReadsTheHashesOfEveryEntryNearItsExpiryInBatches() {
    String prefix = RedisTestSupport.uniquePrefix(RedisSessionStoreIT.class);
    try (RedisSessionStore s = RedisTestSupport.ready(RedisSessionStore.builder(RedisTestSupport.URI).keyPrefix(prefix)
        .build())) {
      Instant now = Instant.now();
      // 1,203 sessions whose last update left their index entries a lead (60 s) above their expiry, at 100 s + i ms
      SessionMetadata created = new SessionMetadata(now, now, now.plusSeconds(600), null, null);
      for (int i = 0; i < 1_203; i++) {
        String k = newKey();
        s.save(k, SessionChanges.create(Map.of(), created), now);
        s.save(k, SessionChanges.touch(created.touched(now, now.plusSeconds(100).plusMillis(i))), now);
      }
      // and 50 created ones, whose entries hold their exact expiry, 120 s + j ms.
      for (int j = 0; j < 50; j++) {
        s.save(newKey(), SessionChanges.create(Map.of(), created.touched(now, now.plusSeconds(120).plusMillis(j))),
            now);
      }
      assertThat(s.count(now)).isEqualTo(1_253);
      // At 101.1 s, the entries within the lead are the 1,101 expired sessions i <= 1100 (scores up to 161.1 s) and
      // the 50 live created ones: three batches of hashes to read.
      Instant at = now.plusSeconds(101).plusMillis(100);
      assertThat(s.count(at)).isEqualTo(102 + 50);
    } finally {
      RedisTestSupport.deletePrefix(prefix);
    }
  }

  @Test
  void aSweepRepairsALaggingIndexScoreInsteadOfDeletingALiveSession() {
    String prefix = RedisTestSupport.uniquePrefix(RedisSessionStoreIT.class);
    try (RedisSessionStore s = RedisTestSupport.ready(RedisSessionStore.builder(RedisTestSupport.URI).keyPrefix(prefix)
        .build())) {
      Instant now = Instant.now();
      String key = newKey();
      SessionMetadata md = meta(now, Duration.ofMinutes(5), null);
      s.save(key, SessionChanges.create(Map.of("a", "1"), md), now);
      // As if two racing saves had left the index behind the hash's real expiry.
      raw.zadd(prefix + "{i}:exp", SessionHash.micros(now.minusSeconds(1)), key);

      assertThat(s.sweep(now, 10)).isZero();
      assertThat(s.load(key, now)).isPresent();
      assertThat(raw.zscore(prefix + "{i}:exp", key)).isEqualTo((double) SessionHash.micros(md.expiresAt()));
      assertThat(s.count(now)).isEqualTo(1);
    } finally {
      RedisTestSupport.deletePrefix(prefix);
    }
  }
}
