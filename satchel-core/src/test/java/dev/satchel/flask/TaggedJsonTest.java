package dev.satchel.flask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaggedJsonTest {

  private final TaggedJson json = TaggedJson.flask();

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void everyTagMatchesFlaskOutput() {
    // Expected text printed by Flask 2.2's TaggedJSONSerializer inside an app context.
    Map<String, Object> value = map(
        "t", FlaskTuple.of(1, "a"),
        "b", new byte[] {0, (byte) 0xff, 'h', 'i'},
        "m", new FlaskMarkup("<b>x</b>"),
        "u", UUID.fromString("12345678-1234-5678-1234-567812345678"),
        "d", Instant.ofEpochSecond(1700000000),
        "di", map(" t", 1),
        "l", Arrays.asList(1, 2.5, null, true),
        "e", "é\uD83D\uDE00\u0000\u007f\u2028");
    assertThat(json.dumps(value)).isEqualTo("{\"b\":{\" b\":\"AP9oaQ==\"},\"d\":{\" d\":\"Tue, 14 Nov 2023 22:13:20 GMT\"},"
        + "\"di\":{\" di\":{\" t__\":1}},\"e\":\"\\u00e9\\ud83d\\ude00\\u0000\\u007f\\u2028\",\"l\":[1,2.5,null,true],"
        + "\"m\":{\" m\":\"<b>x</b>\"},\"t\":{\" t\":[1,\"a\"]},\"u\":{\" u\":\"12345678123456781234567812345678\"}}");
  }

  @Test
  void everyTagReadsBack() {
    Object read = json.loads("{\"b\":{\" b\":\"AP9oaQ==\"},\"d\":{\" d\":\"Tue, 14 Nov 2023 22:13:20 GMT\"},"
        + "\"di\":{\" di\":{\" t__\":1}},\"e\":\"\\u00e9\\ud83d\\ude00\",\"m\":{\" m\":\"<b>x</b>\"},"
        + "\"t\":{\" t\":[1,\"a\"]},\"u\":{\" u\":\"12345678123456781234567812345678\"}}");
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) read;
    assertThat((byte[]) m.get("b")).containsExactly(0, 0xff, 'h', 'i');
    assertThat(m.get("d")).isEqualTo(Instant.ofEpochSecond(1700000000));
    assertThat(m.get("di")).isEqualTo(Map.of(" t", 1));
    assertThat(m.get("e")).isEqualTo("é\uD83D\uDE00");
    assertThat(m.get("m")).isEqualTo(new FlaskMarkup("<b>x</b>"));
    assertThat(m.get("t")).isEqualTo(List.of(1, "a")).isInstanceOf(ArrayList.class);
    assertThat(m.get("u")).isEqualTo(UUID.fromString("12345678-1234-5678-1234-567812345678"));
  }

  @Test
  void tagInsideTagIsUntaggedInnermostFirst() {
    Object value = map(" u", FlaskTuple.of(UUID.fromString("12345678-1234-5678-1234-567812345678")));
    String text = json.dumps(value);
    assertThat(text).isEqualTo("{\" di\":{\" u__\":{\" t\":[{\" u\":\"12345678123456781234567812345678\"}]}}}");
    assertThat(json.loads(text)).isEqualTo(value);
    Object di = map(" di", map(" m", "x"));
    assertThat(json.dumps(di)).isEqualTo("{\" di\":{\" di__\":{\" di\":{\" m__\":\"x\"}}}}");
    assertThat(json.loads(json.dumps(di))).isEqualTo(di);
  }

  @Test
  void dictsThatOnlyResembleTagsPassThrough() {
    Object value = map(" x", 1);
    assertThat(json.dumps(value)).isEqualTo("{\" x\":1}");
    Object twoKeys = map(" t", 1, " u", 2);
    assertThat(json.dumps(twoKeys)).isEqualTo("{\" t\":1,\" u\":2}");
    assertThat(json.loads("{\" t\":1,\" u\":2}")).isEqualTo(twoKeys);
  }

  @Test
  void datesFromEveryJavaTypeAreWrittenInUtcToTheSecond() {
    Instant at = Instant.ofEpochSecond(1700000000);
    String expected = "{\" d\":\"Tue, 14 Nov 2023 22:13:20 GMT\"}";
    assertThat(json.dumps(at.plusMillis(999))).isEqualTo(expected);
    assertThat(json.dumps(ZonedDateTime.ofInstant(at, ZoneId.of("Asia/Tokyo")))).isEqualTo(expected);
    assertThat(json.dumps(OffsetDateTime.ofInstant(at, ZoneOffset.ofHours(-5)))).isEqualTo(expected);
    assertThatThrownBy(() -> json.dumps(java.time.LocalDateTime.now()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unreadableDateReadsAsNullAsInFlask() {
    assertThat(json.loads("{\"d\":{\" d\":\"not a date\"}}")).isEqualTo(map("d", null));
  }

  @Test
  void keysAreSortedByCodePointNotUtf16() {
    // U+E000 sorts before U+1F600 in Python; Java's String.compareTo puts the surrogate pair (D83D) first.
    Map<String, Object> value = new HashMap<>();
    value.put("\uE000", 1);
    value.put("\uD83D\uDE00", 2);
    value.put("a", 3);
    value.put("B", 4);
    value.put("", 5);
    assertThat(json.dumps(value)).isEqualTo("{\"\":5,\"B\":4,\"a\":3,\"\\ue000\":1,\"\\ud83d\\ude00\":2}");
  }

  @Test
  void loneSurrogatesSortByTheirOwnValue() {
    Map<String, Object> value = new HashMap<>();
    value.put("\uD800", 1);
    value.put("\uD800x", 2);
    value.put("\uD800\uDC00", 3); // U+10000
    value.put("\uE000", 4);
    assertThat(json.dumps(value))
        .isEqualTo("{\"\\ud800\":1,\"\\ud800x\":2,\"\\ue000\":4,\"\\ud800\\udc00\":3}");
  }

  @Test
  void escapesControlCharactersLikePython() {
    assertThat(json.dumps("\"\\\n\r\t\b\f\u0001\u001f /~\u007f"))
        .isEqualTo("\"\\\"\\\\\\n\\r\\t\\b\\f\\u0001\\u001f /~\\u007f\"");
    assertThat(json.loads("\"\\\"\\\\\\n\\r\\t\\b\\f\\u0001\\u001f\\/\\u007F\""))
        .isEqualTo("\"\\\n\r\t\b\f\u0001\u001f/\u007f");
  }

  @Test
  void numbersOfEverySize() {
    BigInteger big = BigInteger.TWO.pow(100);
    assertThat(json.dumps(List.of(big, big.negate(), Long.MIN_VALUE, (short) 3, (byte) -1, 1.5f, new BigDecimal("1E+2"))))
        .isEqualTo("[1267650600228229401496703205376,-1267650600228229401496703205376,-9223372036854775808,3,-1,1.5,"
            + "\"1E+2\"]");
    assertThat(json.loads("[1267650600228229401496703205376,2147483648,7,-0,1e400,NaN,-Infinity]"))
        .isEqualTo(List.of(big, 2147483648L, 7, 0, Double.POSITIVE_INFINITY, Double.NaN, Double.NEGATIVE_INFINITY));
    assertThat(json.dumps(List.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e-5)))
        .isEqualTo("[NaN,Infinity,-0.0,1e-05]");
  }

  @Test
  void refusesIntegersPythonRefuses() {
    BigInteger huge = BigInteger.TEN.pow(4300);
    assertThatThrownBy(() -> json.dumps(huge)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4300");
    assertThat(json.dumps(huge.subtract(BigInteger.ONE))).hasSize(4300);
    assertThatThrownBy(() -> json.loads("1" + "0".repeat(4300))).isInstanceOf(IllegalArgumentException.class);
    assertThat(json.loads("-" + "9".repeat(4300))).isInstanceOf(BigInteger.class);
  }

  @Test
  void flashesAreWrittenAsTuplesAndOtherListsAsLists() {
    Map<String, Object> session = map("_flashes", List.of(List.of("message", "Hello")), "other", List.of(List.of(1)));
    assertThat(json.dumps(session))
        .isEqualTo("{\"_flashes\":[{\" t\":[\"message\",\"Hello\"]}],\"other\":[[1]]}");
    assertThat(json.loads(json.dumps(session))).isEqualTo(session);
  }

  @Test
  void tupleKeysAndTupleReadingAreConfigurable() {
    TaggedJson custom = TaggedJson.builder().tupleKeys("point").tupleListKeys().readTuplesAsFlaskTuple(true).build();
    Map<String, Object> session = map("point", List.of(1, 2), "_flashes", List.of(List.of("a", "b")),
        "nested", map("point", List.of(3)));
    String text = custom.dumps(session);
    assertThat(text).isEqualTo("{\"_flashes\":[[\"a\",\"b\"]],\"nested\":{\"point\":[3]},\"point\":{\" t\":[1,2]}}");
    @SuppressWarnings("unchecked")
    Map<String, Object> read = (Map<String, Object>) custom.loads(text);
    assertThat(read.get("point")).isInstanceOf(FlaskTuple.class).isEqualTo(List.of(1, 2));
    assertThat(custom.dumps(read)).isEqualTo(text);
  }

  @Test
  void flaskTupleAlwaysWritesAsTuple() {
    assertThat(json.dumps(List.of(FlaskTuple.of(), FlaskTuple.of((Object) null))))
        .isEqualTo("[{\" t\":[]},{\" t\":[null]}]");
  }

  @Test
  void pythonReadingRules() {
    assertThat(json.loads(" {\"a\" : 1 , \"b\":2, \"a\":3}\n")).isEqualTo(map("a", 3, "b", 2));
    for (String bad : new String[] {"", "{", "[1,]", "{\"a\":1,}", "01", "1.", "\"\u0001\"", "\"\\x\"", "nul",
        "{} x", "\"\\u12\"", "'a'", "\uFEFF{}", "[1 2]", "{1:2}", "-", ".5", "+1"}) {
      assertThatThrownBy(() -> json.loads(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(json.loads("\"\\ud83d\\ude00\\ud800\"")).isEqualTo("\uD83D\uDE00\uD800");
  }

  @Test
  void badTagContentIsRefused() {
    for (String bad : new String[] {"{\" t\":1}", "{\" b\":\"***\"}", "{\" b\":1}", "{\" u\":\"xyz\"}",
        "{\" m\":[]}", "{\" di\":1}", "{\" di\":{}}"}) {
      assertThatThrownBy(() -> json.loads(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(json.loads("{\" u\":\"{12345678-1234-5678-1234-567812345678}\"}"))
        .isEqualTo(UUID.fromString("12345678-1234-5678-1234-567812345678"));
  }

  @Test
  void refusesWhatFlaskCannotStore() {
    assertThatThrownBy(() -> json.dumps(Map.of(1, "x"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a String");
    Object deep = List.of();
    for (int i = 0; i < 600; i++) {
      deep = List.of(deep);
    }
    Object tooDeep = deep;
    assertThatThrownBy(() -> json.dumps(tooDeep)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("deeper");
    assertThatThrownBy(() -> json.loads("[".repeat(600) + "]".repeat(600)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  record Point(int x, int y) {}

  @Test
  void recordsBecomeDicts() {
    assertThat(json.dumps(map("p", new Point(1, 2)))).isEqualTo("{\"p\":{\"x\":1,\"y\":2}}");
  }
}
