package dev.satchel.session.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.satchel.json.JsonValues;
import dev.satchel.keys.KeyRing;
import dev.satchel.session.DecodeResult;
import dev.satchel.session.DecodeResult.Reason;
import dev.satchel.session.SessionCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The codecs' cache of cookie values already verified: a hit must answer exactly what a verification would, never
 * outlive the cookie's age limits, and never let one request change what another reads.
 */
class VerifiedCookiesTest {

  private static final KeyRing KEYS = KeyRing.generate();
  private static final Instant T = Instant.parse("2026-11-23T12:00:00Z");

  /** Both cookie codecs, built with a cache of {@code size} entries. */
  private static List<SessionCodec> codecs(int size) {
    return List.of(SignedCookieCodec.builder(KEYS).verifiedCacheSize(size).build(),
        EncryptedCookieCodec.builder(KEYS).verifiedCacheSize(size).build());
  }

  private static Map<String, Object> session() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("user", "alice");
    m.put("counter", 7);
    m.put("_created", T.getEpochSecond()); // a Long, as CookieMode writes it: it decodes as an Integer
    return m;
  }

  private static DecodeResult.Decoded decoded(SessionCodec codec, String value, Instant now) {
    DecodeResult r = codec.decode(value, now);
    assertThat(r).as("%s at %s", codec, now).isInstanceOf(DecodeResult.Decoded.class);
    return (DecodeResult.Decoded) r;
  }

  @Test
  void aCookieSeenBeforeIsAnsweredFromTheCacheWithWhatAVerificationGives() {
    for (SessionCodec codec : codecs(100)) {
      String value = codec.encode(session(), T);
      DecodeResult.Decoded first = decoded(codec, value, T.plusSeconds(5));
      assertThat(decoded(codec, value, T.plusSeconds(6))).as("%s: the same answer object", codec).isSameAs(first);
      assertThat(decoded(codec, value, T.plusSeconds(7))).isSameAs(first);
      SessionCodec uncached = codec instanceof SignedCookieCodec
          ? SignedCookieCodec.builder(KEYS).verifiedCacheSize(0).build()
          : EncryptedCookieCodec.builder(KEYS).verifiedCacheSize(0).build();
      DecodeResult.Decoded verified = decoded(uncached, value, T.plusSeconds(5));
      assertThat(first.issuedAt()).isEqualTo(verified.issuedAt());
      assertThat(first.keyIndex()).isEqualTo(verified.keyIndex());
      assertThat(JsonValues.same(first.attributes(), verified.attributes()))
          .as("%s: same values and types (%s vs %s)", codec, first.attributes(), verified.attributes()).isTrue();
      assertThat(first.attributes().get("_created")).isInstanceOf(Integer.class);
    }
  }

  @Test
  void withTheCacheOffEveryDecodeVerifiesAgain() {
    for (SessionCodec codec : codecs(0)) {
      String value = codec.encode(session(), T);
      assertThat(decoded(codec, value, T.plusSeconds(5))).isNotSameAs(decoded(codec, value, T.plusSeconds(5)));
    }
  }

  @Test
  void aBrandNewCookieIsNotKept() {
    // A session changed on every request gets a new cookie every time: keeping those would only churn the cache.
    for (SessionCodec codec : codecs(100)) {
      String value = codec.encode(session(), T);
      Instant fresh = T.plusSeconds(VerifiedCookies.SETTLED_SECONDS - 1);
      assertThat(decoded(codec, value, fresh)).isNotSameAs(decoded(codec, value, fresh));
      Instant settled = T.plusSeconds(VerifiedCookies.SETTLED_SECONDS);
      assertThat(decoded(codec, value, settled)).isSameAs(decoded(codec, value, settled));
    }
  }

  @Test
  void aCachedCookieStillExpiresAndStillRefusesAFutureTime() {
    for (SessionCodec codec : codecs(100)) {
      String value = codec.encode(session(), T);
      decoded(codec, value, T.plusSeconds(5)); // kept by now
      Instant tooLate = T.plus(SignedCookieCodec.DEFAULT_MAX_AGE).plusSeconds(1);
      assertThat(codec.decode(value, tooLate)).isInstanceOfSatisfying(DecodeResult.Rejected.class,
          r -> assertThat(r.reason()).isEqualTo(Reason.EXPIRED));
      Instant tooEarly = T.minus(SignedCookieCodec.DEFAULT_CLOCK_SKEW).minusSeconds(1);
      assertThat(codec.decode(value, tooEarly)).isInstanceOfSatisfying(DecodeResult.Rejected.class,
          r -> assertThat(r.reason()).isEqualTo(Reason.FUTURE_TIMESTAMP));
      assertThat(decoded(codec, value, T.plus(SignedCookieCodec.DEFAULT_MAX_AGE))).isNotNull();
    }
  }

  @Test
  void aCookieOneCharacterAwayFromACachedOneIsNotAHit() {
    for (SessionCodec codec : codecs(100)) {
      String value = codec.encode(session(), T);
      Instant later = T.plusSeconds(5);
      decoded(codec, value, later);
      for (int i = 0; i < value.length(); i += 7) {
        char c = value.charAt(i);
        String tampered = value.substring(0, i) + (c == 'A' ? 'B' : 'A') + value.substring(i + 1);
        assertThat(codec.decode(tampered, later)).as("%s, changed at %d", codec, i)
            .isInstanceOf(DecodeResult.Rejected.class);
      }
    }
  }

  @Test
  void cachedSessionsAreUnmodifiableAndSessionsWithContainersAreNotShared() {
    for (SessionCodec codec : codecs(100)) {
      DecodeResult.Decoded shared = decoded(codec, codec.encode(session(), T), T.plusSeconds(5));
      assertThatThrownBy(() -> shared.attributes().put("user", "mallory"))
          .isInstanceOf(UnsupportedOperationException.class);

      Map<String, Object> withList = session();
      withList.put("roles", new ArrayList<>(List.of("admin")));
      String value = codec.encode(withList, T);
      DecodeResult.Decoded one = decoded(codec, value, T.plusSeconds(5));
      DecodeResult.Decoded two = decoded(codec, value, T.plusSeconds(5));
      assertThat(one).isNotSameAs(two);
      assertThat(one.attributes().get("roles")).isNotSameAs(two.attributes().get("roles"));
    }
  }

  @Test
  void aNegativeSizeIsRefusedWithItsName() {
    assertThatThrownBy(() -> SignedCookieCodec.builder(KEYS).verifiedCacheSize(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("verifiedCacheSize");
    assertThatThrownBy(() -> EncryptedCookieCodec.builder(KEYS).verifiedCacheSize(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("verifiedCacheSize");
  }

  @Property(tries = 300)
  void aHitGivesWhatAVerificationGives(@ForAll("sessions") Map<String, Object> session) {
    check(session, k -> SignedCookieCodec.builder(KEYS).verifiedCacheSize(k).build());
    check(session, k -> EncryptedCookieCodec.builder(KEYS).verifiedCacheSize(k).build());
  }

  private static void check(Map<String, Object> session, Function<Integer, SessionCodec> codecOfSize) {
    SessionCodec cached = codecOfSize.apply(100);
    SessionCodec uncached = codecOfSize.apply(0);
    String value = cached.encode(session, T);
    Instant later = T.plusSeconds(5);
    decoded(cached, value, later); // a miss, kept when the session can be shared
    DecodeResult.Decoded hit = decoded(cached, value, later);
    DecodeResult.Decoded verified = decoded(uncached, value, later);
    assertThat(JsonValues.same(hit.attributes(), verified.attributes()))
        .as("%s vs %s", hit.attributes(), verified.attributes()).isTrue();
    assertThat(List.copyOf(hit.attributes().keySet())).isEqualTo(List.copyOf(verified.attributes().keySet()));
    assertThat(hit.issuedAt()).isEqualTo(verified.issuedAt());
  }

  @Provide
  Arbitrary<Map<String, Object>> sessions() {
    Arbitrary<Object> values = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s),
        Arbitraries.integers().map(i -> (Object) i),
        Arbitraries.longs().map(l -> (Object) l),
        Arbitraries.of(true, false).map(b -> (Object) b),
        Arbitraries.doubles().between(-1e6, 1e6).map(d -> (Object) d),
        Arbitraries.just(null),
        Arbitraries.strings().ofMaxLength(5).list().ofMaxSize(3).map(l -> (Object) new ArrayList<>(l)));
    return Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8), values).ofMaxSize(6)
        .map(LinkedHashMap::new);
  }

  @Test
  void theAgeCheckIsTheCodecsOwn() {
    SessionCodec shortLived = SignedCookieCodec.builder(KEYS).maxAge(Duration.ofSeconds(10)).build();
    String value = shortLived.encode(session(), T);
    assertThat(decoded(shortLived, value, T.plusSeconds(10))).isNotNull();
    assertThat(shortLived.decode(value, T.plusSeconds(11))).isInstanceOf(DecodeResult.Rejected.class);
  }
}
