package dev.satchel.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The http-state suite's Set-Cookie parser cases (tests/data/parser.json): for each case, the Set-Cookie headers a
 * page at http://home.example.org:8888/cookie-parser sends, and the cookies a browser then sends to the result page.
 * Cases the suite itself marks DISABLED_ are not run.
 */
class HttpStateParserTest {

  /** The suite dates from 2011; its "future" Expires (2019, 2027) are future relative to that. */
  private static final Instant NOW = Instant.parse("2011-01-01T00:00:00Z");
  private static final URI SET_FROM = URI.create("http://home.example.org:8888/cookie-parser");

  static List<JsonNode> cases() throws Exception {
    try (InputStream in = HttpStateParserTest.class.getResourceAsStream("http-state/parser.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<JsonNode> out = new ArrayList<>();
      root.forEach(out::add);
      return out;
    }
  }

  @Test
  void everyEnabledCaseIsLoaded() throws Exception {
    long enabled = cases().stream().filter(c -> !c.get("test").asText().startsWith("DISABLED_")).count();
    assertThat(enabled).isEqualTo(218);
  }

  @TestFactory
  Stream<DynamicTest> parserCases() throws Exception {
    return cases().stream()
        .filter(c -> !c.get("test").asText().startsWith("DISABLED_"))
        .map(c -> DynamicTest.dynamicTest(c.get("test").asText(), () -> run(c)));
  }

  private static void run(JsonNode c) {
    String test = c.get("test").asText();
    MiniCookieJar jar = new MiniCookieJar();
    for (JsonNode header : c.get("received")) {
      jar.receive(header.asText(), SET_FROM, NOW);
    }
    URI result = c.has("sent-to")
        ? SET_FROM.resolve(c.get("sent-to").asText())
        : URI.create("http://home.example.org:8888/cookie-parser-result?" + test.toLowerCase());
    List<List<String>> expected = new ArrayList<>();
    for (JsonNode s : c.get("sent")) {
      expected.add(List.of(s.get("name").asText(), s.get("value").asText()));
    }
    assertThat(jar.send(result, NOW)).as(test + " " + c.get("received")).isEqualTo(expected);
  }
}
