package dev.satchel.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cookie dates: http-state's date cases, Werkzeug's parse_date/http_date cases, and the three formats. */
class CookieDatesTest {

  @TestFactory
  Stream<DynamicTest> httpStateDateExamples() throws Exception {
    return Stream.concat(cases("http-state/dates-examples.json"), cases("http-state/dates-bsd-examples.json"));
  }

  private static Stream<DynamicTest> cases(String resource) throws Exception {
    JsonMapper mapper = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();
    JsonNode root;
    try (InputStream in = CookieDatesTest.class.getResourceAsStream(resource)) {
      root = mapper.readTree(in);
    }
    assertThat(root.size()).isGreaterThan(10);
    return StreamSupport.stream(root.spliterator(), false).map(c -> DynamicTest.dynamicTest(
        resource + ": " + c.get("test").asText(), () -> {
          Optional<Instant> parsed = CookieDates.parse(c.get("test").asText());
          if (c.get("expected").isNull()) {
            assertThat(parsed).isEmpty();
          } else {
            assertThat(parsed.map(CookieDates::imfFixdate)).contains(c.get("expected").asText());
          }
        }));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    // The three formats of RFC 9110 5.6.7, as Werkzeug's test_parse_date has them.
    "Sun, 06 Nov 1994 08:49:37 GMT    | 1994-11-06T08:49:37Z",
    "Sunday, 06-Nov-94 08:49:37 GMT   | 1994-11-06T08:49:37Z",
    "' Sun Nov  6 08:49:37 1994'      | 1994-11-06T08:49:37Z",
    "Thu, 01 Jan 1970 00:00:00 GMT    | 1970-01-01T00:00:00Z",
  })
  void werkzeugParseDateCases(String input, String expected) {
    assertThat(CookieDates.parse(input)).contains(Instant.parse(expected));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "foo",
    "Thu, 33 Jan 1970 00:00:00 GMT",
    // Werkzeug accepts year 1343; the cookie-date algorithm refuses years before 1601.
    "' Sun 02 Feb 1343 08:49:37 GMT'",
    "Sat, 30 Feb 2019 10:00:00 GMT",
    "Sun, 06 Nov 1994 24:00:00 GMT",
    "Sun, 06 Nov 1994 08:60:00 GMT",
    "Sun, 06 Nov 1994 08:49:60 GMT",
    "Sun, 00 Nov 1994 08:49:37 GMT",
    "Sun, 06 Nov 1994 GMT",
    "Sun, 06 1994 08:49:37 GMT",
    "Sun, Nov 1994 08:49:37 GMT",
    "Sun, 06 Nov 08:49:37 GMT",
  })
  void invalidDatesAreRefused(String input) {
    assertThat(CookieDates.parse(input)).isEmpty();
  }

  @Test
  void twoDigitYearsFollowTheCookieDateRule() {
    assertThat(CookieDates.parse("Thu, 01-Jan-70 00:00:00 GMT")).contains(Instant.parse("1970-01-01T00:00:00Z"));
    assertThat(CookieDates.parse("Fri, 31-Dec-99 00:00:00 GMT")).contains(Instant.parse("1999-12-31T00:00:00Z"));
    assertThat(CookieDates.parse("Sat, 01-Jan-00 00:00:00 GMT")).contains(Instant.parse("2000-01-01T00:00:00Z"));
    assertThat(CookieDates.parse("Sun, 31-Dec-69 00:00:00 GMT")).contains(Instant.parse("2069-12-31T00:00:00Z"));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
    // Werkzeug's test_http_date cases (years >= 1601, the range a cookie can carry).
    "1994-11-06T08:49:37Z | Sun, 06 Nov 1994 08:49:37 GMT",
    "1994-11-06T16:49:37Z | Sun, 06 Nov 1994 16:49:37 GMT",
    "1970-01-01T00:00:00Z | Thu, 01 Jan 1970 00:00:00 GMT",
    "2020-01-01T00:00:00Z | Wed, 01 Jan 2020 00:00:00 GMT",
    "1601-01-01T00:00:00Z | Mon, 01 Jan 1601 00:00:00 GMT",
    "9999-12-31T23:59:59Z | Fri, 31 Dec 9999 23:59:59 GMT",
    "2026-03-09T05:04:03Z | Mon, 09 Mar 2026 05:04:03 GMT",
  })
  void writesImfFixdate(String instant, String expected) {
    assertThat(CookieDates.imfFixdate(Instant.parse(instant))).isEqualTo(expected);
    assertThat(CookieDates.parse(expected)).contains(Instant.parse(instant));
  }
}
