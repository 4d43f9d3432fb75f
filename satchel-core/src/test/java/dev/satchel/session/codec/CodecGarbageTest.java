package dev.satchel.session.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.keys.KeyRing;
import dev.satchel.session.DecodeResult;
import dev.satchel.session.SessionCodec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Random input never makes a codec throw, and valid sessions always survive the round trip. */
class CodecGarbageTest {

  private static final KeyRing KEYS = KeyRing.generate();
  private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
  private static final List<SessionCodec> CODECS = List.of(
      SignedCookieCodec.of(KEYS), SignedCookieCodec.builder(KEYS).compressionThreshold(0).build(),
      EncryptedCookieCodec.of(KEYS));

  @Provide
  Arbitrary<String> cookieLike() {
    return Arbitraries.oneOf(
        Arbitraries.strings(),
        Arbitraries.strings().withChars("ABCxyz019-_.=").ofMaxLength(200),
        Arbitraries.strings().withChars("eyJ1c2VyIjo0Mn0.ZVPxAA-_").ofMinLength(40).ofMaxLength(120),
        Arbitraries.strings().ascii().ofMaxLength(300));
  }

  @Property(tries = 2000)
  void garbageIsRejectedNeverThrown(@ForAll("cookieLike") String value) {
    for (SessionCodec codec : CODECS) {
      DecodeResult r = codec.decode(value, T);
      assertThat(r).isInstanceOf(DecodeResult.Rejected.class);
    }
  }

  @Property(tries = 500)
  void mutatedValidCookiesAreRejectedNeverThrown(@ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll char replacement, @ForAll @IntRange(min = 0, max = 2) int codecIndex) {
    SessionCodec codec = CODECS.get(codecIndex);
    String cookie = codec.encode(SignedCookieCodecTest.session(), T);
    int at = position % cookie.length();
    String mutated = cookie.substring(0, at) + replacement + cookie.substring(at + 1);
    DecodeResult r = codec.decode(mutated, T);
    if (mutated.equals(cookie)) {
      assertThat(r).isInstanceOf(DecodeResult.Decoded.class);
    } else {
      assertThat(r).isInstanceOf(DecodeResult.Rejected.class);
    }
  }

  @Property(tries = 300)
  void anyStringMapRoundTripsThroughCookieSafeCharacters(@ForAll Map<String, String> attributes,
      @ForAll @IntRange(min = 0, max = 2) int codecIndex) {
    SessionCodec codec = CODECS.get(codecIndex);
    @SuppressWarnings("unchecked")
    Map<String, Object> session = (Map<String, Object>) (Map<String, ?>) attributes;
    String cookie = codec.encode(session, T);
    // RFC 6265 cookie-octets exclude controls, space, '"', ',', ';' and '\'; base64url and '.' are all allowed.
    assertThat(cookie).matches("[A-Za-z0-9_.-]+");
    assertThat(codec.decode(cookie, T)).isInstanceOfSatisfying(DecodeResult.Decoded.class,
        d -> assertThat(d.attributes()).isEqualTo(attributes));
  }
}
