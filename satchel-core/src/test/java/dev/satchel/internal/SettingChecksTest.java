package dev.satchel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The shared builder checks: the values they accept and the messages that name what to change. */
class SettingChecksTest {

  @Test
  void durationsAtTheLimitPassAndBelowItAreRejectedWithTheLimitInPlainUnits() {
    Duration ms = Duration.ofMillis(1);
    assertThat(SettingChecks.atLeast("commandTimeout", ms, ms)).isSameAs(ms);
    assertThatThrownBy(() -> SettingChecks.atLeast("commandTimeout", Duration.ofNanos(999_999), ms))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("commandTimeout must be at least 1 ms, got PT0.000999999S");
    assertThatThrownBy(() -> SettingChecks.atLeast("connectTimeout", Duration.ofMillis(-5), ms))
        .hasMessage("connectTimeout must be at least 1 ms, got PT-0.005S");
    assertThatThrownBy(() -> SettingChecks.atLeast("maxAge", Duration.ofMillis(999), Duration.ofSeconds(1)))
        .hasMessage("maxAge must be at least 1 second, got PT0.999S");
    assertThatThrownBy(() -> SettingChecks.atLeast("x", Duration.ZERO, Duration.ofSeconds(5)))
        .hasMessage("x must be at least 5 seconds, got PT0S");
    assertThatThrownBy(() -> SettingChecks.atLeast("x", Duration.ZERO, Duration.ofMillis(250)))
        .hasMessage("x must be at least 250 ms, got PT0S");
  }

  @Test
  void nullIsRejectedLikeAnyOtherValueOutOfRange() {
    assertThatThrownBy(() -> SettingChecks.atLeast("socketTimeout", null, Duration.ofMillis(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("socketTimeout must be at least 1 ms, got null");
    assertThatThrownBy(() -> SettingChecks.zeroOrPositive("clockSkew", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("clockSkew must be zero or positive, got null");
    assertThatThrownBy(() -> SettingChecks.offOrPositive("sweepInterval", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sweepInterval must be zero (off) or positive, got null");
  }

  @Test
  void zeroIsAllowedWhereItMeansNoneOrOff() {
    assertThat(SettingChecks.zeroOrPositive("clockSkew", Duration.ZERO)).isEqualTo(Duration.ZERO);
    assertThat(SettingChecks.offOrPositive("sweepInterval", Duration.ZERO)).isEqualTo(Duration.ZERO);
    assertThat(SettingChecks.offOrPositive("sweepInterval", Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
    assertThatThrownBy(() -> SettingChecks.zeroOrPositive("clockSkew", Duration.ofSeconds(-1)))
        .hasMessage("clockSkew must be zero or positive, got PT-1S");
    assertThatThrownBy(() -> SettingChecks.offOrPositive("sweepInterval", Duration.ofNanos(-1)))
        .hasMessage("sweepInterval must be zero (off) or positive, got PT-0.000000001S");
  }

  @Test
  void numbersBelowTheirMinimumAreRejectedNamingBoth() {
    assertThat(SettingChecks.atLeast("sweepBatchSize", 1, 1)).isEqualTo(1);
    assertThat(SettingChecks.atLeast("maximumSessions", 1L, 1L)).isEqualTo(1L);
    assertThatThrownBy(() -> SettingChecks.atLeast("maxItemBytes", 10, 1024))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxItemBytes must be at least 1024, got 10");
    assertThatThrownBy(() -> SettingChecks.atLeast("maximumSessions", Long.MIN_VALUE, 1L))
        .hasMessage("maximumSessions must be at least 1, got " + Long.MIN_VALUE);
  }
}
