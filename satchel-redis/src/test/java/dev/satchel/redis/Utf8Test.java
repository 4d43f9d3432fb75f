package dev.satchel.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

  @Test
  void lengthMatchesTheJdkEncoderForValidText() {
    for (String s : new String[] {"", "abc", "é", "鍵", "🔑", "a\u0000b", "mixed é鍵🔑 text"}) {
      assertThat(Utf8.length(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
    }
  }

  @Test
  void unpairedSurrogatesAreReportedWithTheirIndex() {
    assertThat(Utf8.length("ab\ud800")).isEqualTo(-3);
    assertThat(Utf8.length("\udc00x")).isEqualTo(-1);
    assertThat(Utf8.length("x\ud800y")).isEqualTo(-2);
  }

  @Test
  void showEscapesControlsAndShortensLongText() {
    assertThat(Utf8.show("a\nb\u0000'")).isEqualTo("'a\\u000ab\\u0000\\u0027'");
    assertThat(Utf8.show("x".repeat(100))).startsWith("'" + "x".repeat(64) + "…(100 chars)");
  }
}
