package dev.satchel.memcached;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.SessionStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The store's pure parts: server lists, TTLs, the item formats, builder validation, unsupported calls. */
class MemcachedStoreUnitTest {

  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00.123Z");

  @Test
  void serverListsParseAndNameTheOffendingEntry() {
    assertThat(ServerList.parse("a:1, b:11212,[::1]:3,c")).extracting(Object::toString)
        .containsExactly("a:1", "b:11212", "[::1]:3", "c:11211");
    assertThatThrownBy(() -> ServerList.parse("a:1,b:x")).hasMessageContaining("'b:x'");
    assertThatThrownBy(() -> ServerList.parse("a:70000")).hasMessageContaining("'a:70000'");
    assertThatThrownBy(() -> ServerList.parse(":1")).hasMessageContaining("no valid host");
    assertThatThrownBy(() -> ServerList.parse("a:1,a:1")).hasMessageContaining("twice");
    assertThatThrownBy(() -> ServerList.parse(" ")).hasMessageContaining("host:port");
  }

  @Test
  void ttlIsWholeSecondsRoundedUpNeverZero() {
    assertThat(MemcachedSessionStore.ttlSeconds(T0.plusMillis(1_001), T0)).isEqualTo(2);
    assertThat(MemcachedSessionStore.ttlSeconds(T0.plusSeconds(1800), T0)).isEqualTo(1800);
    // 0 means "never expire" to memcached: a session already past its deadline gets the shortest TTL instead.
    assertThat(MemcachedSessionStore.ttlSeconds(T0, T0)).isEqualTo(1);
    assertThat(MemcachedSessionStore.ttlSeconds(T0.minusSeconds(60), T0)).isEqualTo(1);
    // Beyond 30 days the relative value is still passed: Folsom turns it into the absolute time memcached wants.
    assertThat(MemcachedSessionStore.ttlSeconds(T0.plus(Duration.ofDays(40)), T0)).isEqualTo(40 * 86_400);
    assertThat(MemcachedSessionStore.ttlSeconds(Instant.MAX, T0)).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void sessionRecordsRoundTripExactly() {
    SessionMetadata md = new SessionMetadata(T0, T0.plusMillis(5), T0.plusSeconds(1800), "ünï ✓", "curl/8");
    Map<String, String> attrs = Map.of("", "1", "spacing", "{ \"a\" : 1 }", "🔑", "\"caf\\u00e9\"");
    SessionRecord record = new SessionRecord(md, attrs, 42);
    SessionRecord back = SessionRecord.decode(record.encode());
    assertThat(back).isEqualTo(record);
    SessionRecord anonymous = new SessionRecord(new SessionMetadata(T0, T0, T0, null, null), Map.of(), 0);
    assertThat(SessionRecord.decode(anonymous.encode())).isEqualTo(anonymous);
  }

  @Test
  void foreignItemsAreNotSessions() {
    for (String foreign : List.of("", "42", "[]", "{}", "not json", "{\"c\":\"x\",\"a\":\"x\",\"e\":\"x\",\"attrs\":{}}",
        "{\"c\":\"2026-01-01T00:00:00Z\",\"a\":\"2026-01-01T00:00:00Z\",\"e\":\"2026-01-01T00:00:00Z\","
            + "\"attrs\":{\"a\":1}}")) {
      assertThat(SessionRecord.decode(foreign.getBytes(StandardCharsets.UTF_8))).as(foreign).isNull();
    }
    assertThat(SessionRecord.decode(null)).isNull();
  }

  @Test
  void deltasApplyToTheRecord() {
    SessionMetadata md = new SessionMetadata(T0, T0, T0.plusSeconds(60), null, null);
    SessionRecord r = new SessionRecord(md, Map.of("a", "1", "b", "2"), 7);
    SessionMetadata later = md.touched(T0.plusSeconds(1), T0.plusSeconds(61));
    assertThat(r.apply(SessionChanges.update(Map.of("c", "3"), Set.of("a"), later)).attributes())
        .containsExactlyInAnyOrderEntriesOf(Map.of("b", "2", "c", "3"));
    assertThat(r.apply(new SessionChanges(SessionChanges.Kind.UPDATE, true, Map.of("d", "4"), Set.of(), later))
        .attributes()).containsExactlyEntriesOf(Map.of("d", "4"));
    assertThat(r.withAttribute("a", null, later).attributes()).containsExactlyEntriesOf(Map.of("b", "2"));
    assertThat(r.apply(SessionChanges.touch(later)).indexedUntil()).isEqualTo(7);
  }

  @Test
  void principalRecordsRoundTripAndKeepTheLatestUntil() {
    PrincipalRecord p = PrincipalRecord.empty();
    p.put("k1", 100, 5_000);
    p.put("k2", 200, 4_000);
    PrincipalRecord back = PrincipalRecord.decode(p.encode());
    assertThat(back.keys()).containsExactly("k1", "k2");
    assertThat(back.until()).isEqualTo(5_000);
    assertThat(back.addedAt("k2")).isEqualTo(200);
    back.put("k2", 300, 6_000);
    assertThat(back.until()).isEqualTo(6_000);
    assertThat(back.removeAll(List.of("k1", "k9"))).isTrue();
    assertThat(back.removeAll(List.of("k9"))).isFalse();
    assertThat(PrincipalRecord.decode("garbage".getBytes(StandardCharsets.US_ASCII)).isEmpty()).isTrue();
  }

  @Test
  void principalsAreHashedAsUtf8SoDistinctNamesNeverShareAnIndex() {
    assertThat(MemcachedSessionStore.sha256("ålice")).isNotEqualTo(MemcachedSessionStore.sha256("?lice"))
        .hasSize(43);
  }

  @Test
  void builderRejectsBadSettingsNamingThem() {
    assertThatThrownBy(() -> MemcachedSessionStore.builder("h:1").keyPrefix("has space"))
        .hasMessageContaining("'has space'");
    assertThatThrownBy(() -> MemcachedSessionStore.builder("h:1").operationTimeout(Duration.ZERO))
        .hasMessageContaining("operationTimeout");
    assertThatThrownBy(() -> MemcachedSessionStore.builder("h:1").maxItemBytes(10))
        .hasMessageContaining("maxItemBytes");
  }

  @Test
  void enumerationIsUnsupportedWithAReasonAndSweepLeavesExpiryToMemcached() throws Exception {
    try (SessionStore store = MemcachedSessionStore.builder("127.0.0.1:" + PrivateMemcached.freePort())
        .connectTimeout(Duration.ofMillis(50)).build()) {
      assertThatThrownBy(() -> store.list(null, 10, T0)).isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("enumerate");
      assertThatThrownBy(() -> store.count(T0)).isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("enumerate");
      assertThat(store.sweep(T0, 100)).isZero();
      assertThatThrownBy(() -> store.load("bad key", T0)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
