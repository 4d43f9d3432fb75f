package dev.satchel.flask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.satchel.flask.internal.HttpDate;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HttpDateTest {

  @Test
  void formatsLikeWerkzeugHttpDate() {
    assertThat(HttpDate.format(Instant.ofEpochSecond(1700000000))).isEqualTo("Tue, 14 Nov 2023 22:13:20 GMT");
    assertThat(HttpDate.format(Instant.parse("0001-01-01T00:00:00Z"))).isEqualTo("Mon, 01 Jan 0001 00:00:00 GMT");
    assertThat(HttpDate.format(Instant.parse("2024-02-29T05:06:07.999Z"))).isEqualTo("Thu, 29 Feb 2024 05:06:07 GMT");
  }

  @Test
  void refusesYearsPythonCannotHold() {
    assertThatThrownBy(() -> HttpDate.format(Instant.parse("+10000-01-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 9999");
    assertThatThrownBy(() -> HttpDate.format(Instant.parse("0000-12-31T23:59:59Z")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsesRfc2822VariantsAndGivesNullForGarbage() {
    assertThat(HttpDate.parse("Tue, 14 Nov 2023 22:13:20 GMT")).isEqualTo(Instant.ofEpochSecond(1700000000));
    assertThat(HttpDate.parse("14 Nov 2023 22:13:20")).isEqualTo(Instant.ofEpochSecond(1700000000));
    assertThat(HttpDate.parse("Tue, 14 Nov 2023 23:13:20 +0100")).isEqualTo(Instant.ofEpochSecond(1700000000));
    assertThat(HttpDate.parse("Tue, 14 Nov 2023 22:13 GMT")).isEqualTo(Instant.ofEpochSecond(1700000000 - 20));
    assertThat(HttpDate.parse("yesterday")).isNull();
    // Python's parsedate: years below 100 are two-digit years, however they are written.
    assertThat(HttpDate.parse("Thu, 01 May 0075 08:04:35 GMT")).isEqualTo(Instant.parse("1975-05-01T08:04:35Z"));
    assertThat(HttpDate.parse("Sun, 30 Aug 48 16:00:01 GMT")).isEqualTo(Instant.parse("2048-08-30T16:00:01Z"));
    assertThat(HttpDate.parse("Mon, 01 Jan 0100 00:00:00 GMT")).isEqualTo(Instant.parse("0100-01-01T00:00:00Z"));
    assertThat(HttpDate.parse("Tue, 31 Feb 2023 22:13:20 GMT")).isNull();
    assertThat(HttpDate.parse("")).isNull();
  }
}
