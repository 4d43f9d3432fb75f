package dev.satchel.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathPatternsTest {

  private final PathPatterns patterns = new PathPatterns(List.of("/api/*", "*.json", "/hook"));

  @Test
  void prefixPatternsMatchThePathAndEverythingUnderIt() {
    assertThat(patterns.matches("/api")).isTrue();
    assertThat(patterns.matches("/api/users/1")).isTrue();
    assertThat(patterns.matches("/apiary")).as("a prefix ends at a segment boundary").isFalse();
  }

  @Test
  void extensionAndExactPatterns() {
    assertThat(patterns.matches("/data/list.json")).isTrue();
    assertThat(patterns.matches("/data.json/list")).isFalse();
    assertThat(patterns.matches("/hook")).isTrue();
    assertThat(patterns.matches("/hook/more")).isFalse();
    assertThat(patterns.matches("/transfer")).isFalse();
  }

  @Test
  void everythingPattern() {
    assertThat(new PathPatterns(List.of("/*")).matches("/anything/at/all")).isTrue();
  }

  @Test
  void malformedPatternsAreRefusedWithTheirName() {
    assertThatThrownBy(() -> new PathPatterns(List.of("/api*"))).hasMessageContaining("'/api*'");
    assertThatThrownBy(() -> new PathPatterns(List.of("api/*"))).hasMessageContaining("'api/*'");
    assertThatThrownBy(() -> new PathPatterns(List.of("/a/*/b"))).hasMessageContaining("'/a/*/b'");
  }
}
