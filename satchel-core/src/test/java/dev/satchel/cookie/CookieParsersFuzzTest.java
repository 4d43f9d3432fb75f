package dev.satchel.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.util.List;

/**
 * Jazzer targets for both parsers. {@code mvn test} runs them in regression mode (the empty input plus the inputs
 * under src/test/resources/dev/satchel/cookie/CookieParsersFuzzTestInputs/); to fuzz for real:
 * {@code JAZZER_FUZZ=1 mvn -pl satchel-core test -Dtest='CookieParsersFuzzTest#requestCookies'}.
 */
class CookieParsersFuzzTest {

  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  @FuzzTest(maxDuration = "60s")
  void requestCookies(FuzzedDataProvider data) {
    boolean split = data.consumeBoolean();
    String header = data.consumeRemainingAsString();
    RequestCookies rc = split
        ? RequestCookies.parse(List.of(header.substring(0, header.length() / 2), header.substring(header.length() / 2)))
        : RequestCookies.parse(header);
    assertThat(rc.size()).isBetween(0, RequestCookies.MAX_PAIRS);
    // Plain checks, not AssertJ: this loop runs for every name of every input (up to MAX_PAIRS of them).
    boolean quotedEscape = header.indexOf('"') >= 0 && header.indexOf('\\') >= 0;
    for (String name : rc.names()) {
      String value = rc.get(name);
      if (name.isEmpty() || name.indexOf(';') >= 0) {
        throw new AssertionError("a parsed name is empty or holds ';': [" + name + "]");
      }
      if (value == null || !value.equals(rc.getAll(name).get(0))) {
        throw new AssertionError("get and getAll disagree for [" + name + "]: " + value + " vs " + rc.getAll(name));
      }
      // A ';' reaches a value only through a quoted value's Werkzeug/http.cookies escape ("\\073"), which the
      // parser decodes on purpose; a raw ';' always ends the pair (input found by reliability/run).
      if (value.indexOf(';') >= 0 && !quotedEscape) {
        throw new AssertionError("a raw ';' reached the value of [" + name + "]: " + value);
      }
    }
  }

  @FuzzTest(maxDuration = "60s")
  void setCookie(FuzzedDataProvider data) {
    long seconds = data.consumeLong(-62_135_596_800L, 253_402_300_799L);
    String header = data.consumeRemainingAsString();
    SetCookieParser.parse(header, Instant.ofEpochSecond(seconds)).ifPresent(c -> {
      assertThat(c.name()).isNotEmpty();
      String written = c.toSetCookieHeader();
      assertThat(written).doesNotContain("\r").doesNotContain("\n");
      assertThat(SetCookieParser.parse(written, NOW).map(Cookie::name)).contains(c.name());
      // Rebuilding strictly either works or says exactly what is wrong; nothing else escapes.
      try {
        c.toBuilder().build();
      } catch (InvalidCookieException e) {
        assertThat(e.getMessage()).contains(e.attribute());
      }
    });
  }
}
