package dev.satchel.demo;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Headless Debian Chromium for the end-to-end tests; never downloads a browser or driver. */
final class Browsers {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Browsers() {}

  /** Skips visibly when Chromium is missing, except under CI=true where that is a failure. */
  static void requireChromium() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException("CI=true but Chromium is missing: apt-get install chromium chromium-driver");
    }
    Assumptions.assumeTrue(present, "SKIPPED: Chromium not installed (apt-get install chromium chromium-driver)");
  }

  static WebDriver start() {
    try {
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toString());
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
          "--window-size=1000,700", "--user-data-dir=" + Files.createTempDirectory("satchel-chrome"));
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(new File(DRIVER.toString())).usingAnyFreePort().build();
      WebDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
      return driver;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
