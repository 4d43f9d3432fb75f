package dev.satchel.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceNamesTest {

  @Test
  void commonBrowsersAreNamedShortly() {
    assertThat(DeviceNames.describe("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        + "HeadlessChrome/156.0.0.0 Safari/537.36")).isEqualTo("Headless Chrome 156 on Linux");
    assertThat(DeviceNames.describe("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
        + "Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91")).isEqualTo("Edge 120 on Windows");
    assertThat(DeviceNames.describe("Mozilla/5.0 (Macintosh; Intel Mac OS X 14.1; rv:121.0) Gecko/20100101 "
        + "Firefox/121.0")).isEqualTo("Firefox 121 on macOS");
    assertThat(DeviceNames.describe("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
        + "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1")).isEqualTo("Safari 17 on iOS");
    assertThat(DeviceNames.describe("curl/8.5.0")).isEqualTo("curl on an unknown system");
    assertThat(DeviceNames.describe(null)).isEqualTo("Unknown device");
  }
}
