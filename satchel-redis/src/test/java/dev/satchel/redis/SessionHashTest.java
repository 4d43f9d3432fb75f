package dev.satchel.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.satchel.store.SessionMetadata;
import dev.satchel.store.SessionStoreException;
import dev.satchel.store.StoredSession;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionHashTest {

  @Test
  void instantsRoundTripToTheNanosecondAndSortAsText() {
    Instant a = Instant.parse("2026-11-23T11:00:00.000000001Z");
    Instant b = Instant.parse("2026-11-23T11:00:00.000000010Z");
    Instant c = Instant.parse("2286-01-01T00:00:00Z");
    for (Instant t : List.of(Instant.EPOCH, a, b, c)) {
      assertThat(SessionHash.parseInstant(SessionHash.instant(t))).isEqualTo(t);
      assertThat(SessionHash.instant(t)).hasSize(22);
    }
    assertThat(SessionHash.instant(a)).isLessThan(SessionHash.instant(b));
    assertThat(SessionHash.instant(b)).isLessThan(SessionHash.instant(c));
    assertThat(SessionHash.instant(a)).isEqualTo("001795431600.000000001");
  }

  @Test
  void instantsBeforeTheEpochAreRefusedClearly() {
    assertThatThrownBy(() -> SessionHash.instant(Instant.EPOCH.minusNanos(1)))
        .isInstanceOf(SessionStoreException.class).hasMessageContaining("outside the range");
  }

  @Test
  void damagedInstantTextReadsAsNull() {
    for (String bad : new String[] {null, "", "yesterday", "001795431600,000000001", "01795431600.0000000001",
        "0017954316a0.000000001", "-01795431600.000000001"}) {
      assertThat(SessionHash.parseInstant(bad)).as(bad).isNull();
    }
  }

  @Test
  void ttlIsRoundedUpToTheMillisecondAndNeverNegative() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(SessionHash.ttlMillis(now, now.plusNanos(1))).isEqualTo(1);
    assertThat(SessionHash.ttlMillis(now, now.plusMillis(1500))).isEqualTo(1500);
    assertThat(SessionHash.ttlMillis(now, now)).isZero();
    assertThat(SessionHash.ttlMillis(now, now.minusSeconds(5))).isZero();
  }

  @Test
  void microsAreExactForIndexScores() {
    Instant t = Instant.parse("2200-01-01T00:00:00.123456789Z");
    long micros = SessionHash.micros(t);
    assertThat(micros % 1_000_000).isEqualTo(123_456);
    assertThat((long) (double) micros).as("exact as a double (a sorted-set score)").isEqualTo(micros);
  }

  @Test
  void decodesAttributesAndMetadataAndIgnoresUnknownFields() {
    Instant now = Instant.parse("2026-11-23T11:00:00.5Z");
    Map<String, String> hash = new HashMap<>();
    hash.put("@c", SessionHash.instant(now.minusSeconds(60)));
    hash.put("@a", SessionHash.instant(now));
    hash.put("@e", SessionHash.instant(now.plusSeconds(1800)));
    hash.put("@p", "alice");
    hash.put("a:user", "\"alice\"");
    hash.put("a:", "1");
    hash.put("a:a:b", "2");
    hash.put("@future", "x");
    StoredSession s = SessionHash.decode(hash);
    assertThat(s.attributes()).isEqualTo(Map.of("user", "\"alice\"", "", "1", "a:b", "2"));
    assertThat(s.metadata()).isEqualTo(new SessionMetadata(now.minusSeconds(60), now, now.plusSeconds(1800),
        "alice", null));
  }

  @Test
  void aHashWithoutValidMetadataIsNotASession() {
    assertThat(SessionHash.decode(Map.of("a:x", "1"))).isNull();
    Instant now = Instant.now();
    assertThat(SessionHash.decode(Map.of("@c", SessionHash.instant(now), "@a", SessionHash.instant(now),
        "@e", "soon"))).isNull();
    assertThat(SessionHash.decodeMetadata(null)).isNull();
    assertThat(SessionHash.decodeMetadata(List.of("a", "b"))).isNull();
  }
}
