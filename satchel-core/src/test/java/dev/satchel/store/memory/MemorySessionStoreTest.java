package dev.satchel.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionId;
import dev.satchel.store.SessionInfo;
import dev.satchel.store.SessionMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the memory store adds to the SPI (its conformance to the SPI is checked by the kit in satchel-testkit). */
class MemorySessionStoreTest {

  private final Instant now = Instant.now();

  private SessionMetadata meta(String principal, Duration ttl) {
    return new SessionMetadata(now, now, now.plus(ttl), principal, null);
  }

  @Test
  void theBoundDefaultsToOneHundredThousandSessions() {
    assertThat(MemorySessionStore.create().maximumSessions()).isEqualTo(100_000);
    assertThat(MemorySessionStore.builder().maximumSessions(5).build().maximumSessions()).isEqualTo(5);
  }

  @Test
  void theBuilderRejectsABoundBelowOneNamingIt() {
    assertThatThrownBy(() -> MemorySessionStore.builder().maximumSessions(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maximumSessions must be at least 1, got 0");
    assertThatThrownBy(() -> MemorySessionStore.builder().maximumSessions(-3))
        .hasMessageContaining("-3");
  }

  @Test
  void aFullStoreEvictsCountsAndKeepsItsIndexesConsistent() {
    MemorySessionStore store = MemorySessionStore.builder().maximumSessions(10).build();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String key = SessionId.generate().storageKey();
      keys.add(key);
      store.save(key, SessionChanges.create(Map.of("i", String.valueOf(i)), meta("crowd", Duration.ofHours(1))), now);
    }
    List<String> loadable = keys.stream().filter(key -> store.load(key, now).isPresent()).collect(Collectors.toList());

    assertThat(store.evictionCount()).isEqualTo(40);
    assertThat(loadable).hasSize(10);
    assertThat(store.count(now)).isEqualTo(10);
    assertThat(store.list(null, 100, now)).extracting(SessionInfo::storageKey)
        .containsExactlyInAnyOrderElementsOf(loadable);
    assertThat(store.findByPrincipal("crowd", now)).extracting(SessionInfo::storageKey)
        .containsExactlyInAnyOrderElementsOf(loadable);
    assertThat(store.rawContents()).as("no index entry points at an evicted session")
        .allMatch(value -> keys.stream().noneMatch(key -> value.contains(key) && !loadable.contains(key)));
    assertThat(store.deleteByPrincipal("crowd", now)).isEqualTo(10);
  }

  @Test
  void evictionWarningsAreLimitedToOneAMinute() {
    MemorySessionStore store = MemorySessionStore.create();
    long start = System.nanoTime();
    assertThat(store.logEviction(start)).as("first eviction").isTrue();
    assertThat(store.logEviction(start + Duration.ofSeconds(1).toNanos())).isFalse();
    assertThat(store.logEviction(start + Duration.ofSeconds(59).toNanos())).isFalse();
    assertThat(store.logEviction(start + Duration.ofSeconds(60).toNanos())).isTrue();
    assertThat(store.logEviction(start + Duration.ofSeconds(61).toNanos())).isFalse();
  }

  @Test
  void sessionsThatExpireAreNotCountedAsEvictions() throws InterruptedException {
    MemorySessionStore store = MemorySessionStore.builder().maximumSessions(10).build();
    for (int i = 0; i < 5; i++) {
      store.save(SessionId.generate().storageKey(), SessionChanges.create(Map.of(), meta("p", Duration.ofMillis(30))),
          now);
    }
    Thread.sleep(100);
    Instant later = Instant.now();
    store.sweep(later, 100);
    assertThat(store.count(later)).isZero();
    assertThat(store.rawContents()).isEmpty();
    assertThat(store.evictionCount()).isZero();
  }

  @Test
  void closeDropsEverySession() {
    MemorySessionStore store = MemorySessionStore.create();
    String key = SessionId.generate().storageKey();
    store.save(key, SessionChanges.create(Map.of("a", "1"), meta("p", Duration.ofHours(1))), now);
    store.close();
    assertThat(store.load(key, now)).isEmpty();
    assertThat(store.findByPrincipal("p", now)).isEmpty();
    assertThat(store.rawContents()).isEmpty();
  }

  @Test
  void listingAndFindingDoNotCountAsUseSoTheyCannotShieldSessionsFromEviction() {
    // Admin pages read through Caffeine's quiet path; a store that recorded those reads would keep every listed
    // session hot. Observable effect: listing a full store does not change which session the next insert evicts
    // compared with a store nobody listed.
    List<String> evictedWithListing = evictionVictims(true);
    List<String> evictedWithout = evictionVictims(false);
    assertThat(evictedWithListing).isEqualTo(evictedWithout);
  }

  private List<String> evictionVictims(boolean listInBetween) {
    MemorySessionStore store = MemorySessionStore.builder().maximumSessions(20).build();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String key = String.format("%043d", i);
      keys.add(key);
      store.save(key, SessionChanges.create(Map.of(), meta("p", Duration.ofHours(1))), now);
    }
    for (int round = 0; round < 5; round++) {
      if (listInBetween) {
        store.list(null, 100, now);
        store.findByPrincipal("p", now);
      }
    }
    for (int i = 20; i < 40; i++) {
      String key = String.format("%043d", i);
      keys.add(key);
      store.save(key, SessionChanges.create(Map.of(), meta("p", Duration.ofHours(1))), now);
    }
    return keys.stream().filter(key -> store.load(key, now).isEmpty()).collect(Collectors.toList());
  }
}
