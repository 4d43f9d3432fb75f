package dev.satchel.session.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.satchel.json.SessionJson;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The codecs' streaming JSON must be byte-for-byte and value-for-value what the shared SessionJson gives. */
class CodecJsonTest {

  record Role(String name, int level) {}

  static Map<String, Object> mixed() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("s", "héllo \"q\" \\ \u0001 ✓ 𝄞");
    m.put("i", 42);
    m.put("l", 1L << 40);
    m.put("big", new BigInteger("123456789012345678901234567890"));
    m.put("d", 1.5);
    m.put("f", 2.25f);
    m.put("b", true);
    m.put("n", null);
    m.put("list", List.of(1, "two", List.of(3.0), Map.of("k", false)));
    m.put("nested", new LinkedHashMap<>(Map.of("x", List.of())));
    m.put("record", new Role("admin", 3));
    m.put("instant", Instant.parse("2026-11-23T10:00:00Z"));
    m.put("uuid", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
    m.put("bytes", new byte[] {1, 2, 3});
    Map<Object, Object> intKeys = new HashMap<>();
    intKeys.put(7, "seven");
    m.put("intKeys", intKeys);
    return m;
  }

  @Test
  void writesExactlyWhatSessionJsonWrites() {
    assertThat(new String(CodecJson.write(mixed(), 0), StandardCharsets.UTF_8))
        .isEqualTo(new String(SessionJson.writeBytes(mixed()), StandardCharsets.UTF_8));
  }

  @Test
  void reservesTheRequestedPrefix() {
    byte[] out = CodecJson.write(Map.of("a", 1), 8);
    assertThat(Arrays.copyOfRange(out, 0, 8)).containsOnly(0);
    assertThat(new String(out, 8, out.length - 8, StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
  }

  @Test
  void readsExactlyWhatSessionJsonReads() {
    byte[] json = SessionJson.writeBytes(mixed());
    assertThat(CodecJson.read(json, 0, json.length)).isEqualTo(SessionJson.readMap(json).orElseThrow());
  }

  @Property
  void stringMapsRoundTripLikeSessionJson(@ForAll Map<String, String> m) {
    @SuppressWarnings("unchecked")
    Map<String, Object> session = (Map<String, Object>) (Map<String, ?>) m;
    byte[] json = CodecJson.write(session, 0);
    assertThat(json).isEqualTo(SessionJson.writeBytes(session));
    assertThat(CodecJson.read(json, 0, json.length)).isEqualTo(m);
  }

  /** Nested JSON-native values with awkward strings: controls, quotes, backslashes, non-ASCII, astral, surrogates. */
  @Provide
  Arbitrary<Map<String, Object>> sessions() {
    Arbitrary<String> strings = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(12),
        Arbitraries.strings().withChars("\"\\/\u0000\u0001\u001f\u007f\b\t\n\f\r aé€😀\ud800\udc00\u2028").ofMaxLength(12));
    Arbitrary<Object> scalars = Arbitraries.oneOf(
        strings.map(x -> (Object) x),
        Arbitraries.integers().map(x -> (Object) x),
        Arbitraries.longs().map(x -> (Object) x),
        Arbitraries.of(true, false).map(x -> (Object) x),
        Arbitraries.just(null));
    Arbitrary<Object> values = Arbitraries.lazyOf(
        () -> scalars,
        () -> scalars.list().ofMaxSize(4).map(x -> (Object) x),
        () -> Arbitraries.maps(strings, scalars).ofMaxSize(3).map(x -> (Object) x));
    return Arbitraries.maps(strings, values).ofMaxSize(6).map(m -> new LinkedHashMap<>(m));
  }

  @Property(tries = 1000)
  void plainWriterAndReaderAgreeWithJackson(@ForAll("sessions") Map<String, Object> session) {
    byte[] json = CodecJson.write(session, 0);
    assertThat(json).isEqualTo(SessionJson.writeBytes(session));
    assertThat(json).isEqualTo(CodecJson.writeWithJackson(session, 0));
    assertThat(CodecJson.read(json, 0, json.length)).isEqualTo(CodecJson.readWithJackson(json, 0, json.length))
        .isEqualTo(SessionJson.readMap(json).orElseThrow());
  }

  @Provide
  Arbitrary<String> jsonish() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("{}[]\",: \n\t0123456789.eE+-truefalsn\\/ubx").ofMaxLength(30),
        Arbitraries.of("0", "-0", "-0.0", "01", "1.", ".5", "1e5", "1E+2", "-1e-2", "2147483647", "2147483648",
            "-2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
            "123456789012345678901234567890", "1e400", "\"\\u00e9\"", "\"\\uD83D\\uDE00\"", "\"\\x\"",
            "\"a\u0001\"", "[1,]", "{\"a\":1,}", "{\"a\":1,\"a\":2,\"b\":3}", "[] ", " {} ", "tru", "nulll",
            "\"\u007f\"", "{\"a\"}", "[1 2]", "\"unterminated"));
  }

  @Property(tries = 3000)
  void plainReaderDecidesLikeJacksonOnAsciiInput(@ForAll("jsonish") String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    Object expected = CodecJson.readWithJackson(b, 0, b.length);
    Object actual = CodecJson.read(b, 0, b.length);
    if (expected == CodecJson.NOT_JSON || expected == CodecJson.JSON_NULL) {
      assertThat(actual).isSameAs(expected);
    } else {
      assertThat(actual).isEqualTo(expected);
      assertThat(actual).hasSameClassAs(expected);
    }
  }

  @Property(tries = 1000)
  void plainReaderNeverThrowsOnRandomBytes(@ForAll byte[] garbage) {
    assertThat(CodecJson.read(garbage, 0, garbage.length)).isNotNull();
  }

  @Test
  void readRefusesWhatIsNotOneCompleteValue() {
    for (String bad : List.of("", " ", "{", "{\"a\":1", "{} {}", "[1,]", "{\"a\" 1}", "nul", "\"x", "{'a':1}")) {
      byte[] b = bad.getBytes(StandardCharsets.UTF_8);
      assertThat(CodecJson.read(b, 0, b.length)).as(bad).isSameAs(CodecJson.NOT_JSON);
    }
    byte[] nul = "null".getBytes(StandardCharsets.UTF_8);
    assertThat(CodecJson.read(nul, 0, 4)).isSameAs(CodecJson.JSON_NULL);
    byte[] deep = ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8);
    assertThat(CodecJson.read(deep, 0, deep.length)).isSameAs(CodecJson.NOT_JSON);
  }

  @Test
  void unwritableValuesFailWithSessionJsonsMessage() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("thread", new Object() {
      public Object getSelf() {
        return this;
      }
    });
    assertThatThrownBy(() -> CodecJson.write(m, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be written as JSON")
        .hasMessageContaining("Store strings, numbers, booleans, lists, maps or records of those");
  }
}
