package dev.satchel.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.keys.KeyRing;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * The tutorial walked in a real browser (headless Chromium) against the demo with server-side sessions in memory.
 * Screenshots of the main pages land in {@code target/screenshots} (copied to docs/images for the README).
 */
class DemoBrowserIT {

  static DemoSessions sessions;
  static Javalin app;
  static String base;
  WebDriver browser;

  @BeforeAll
  static void startDemo() {
    Browsers.requireChromium();
    sessions = DemoSessions.create(new DemoConfig("memory", 0, null, null), KeyRing.generate());
    app = DemoApp.create(sessions).start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + app.port();
  }

  @AfterAll
  static void stopDemo() {
    if (app != null) {
      app.stop();
      sessions.close();
    }
  }

  @BeforeEach
  void openBrowser() {
    browser = Browsers.start();
  }

  @AfterEach
  void closeBrowser() {
    browser.quit();
  }

  void open(String path) {
    browser.get(base + path);
  }

  String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  List<String> flashes() {
    return browser.findElements(By.cssSelector(".flash")).stream().map(e -> e.getText()).toList();
  }

  void login(WebDriver driver, String user, String password, boolean remember) {
    driver.get(base + "/login");
    driver.findElement(By.id("username")).sendKeys(user);
    driver.findElement(By.id("password")).sendKeys(password);
    if (remember) {
      driver.findElement(By.id("remember")).click();
    }
    clickAndWait(driver, By.id("login-button"));
  }

  /**
   * Clicks something that loads a new page and waits until the new document has loaded. Waiting for the old element
   * to go stale is racy in Chromium (the inspector may answer "node does not belong to the document" mid-navigation),
   * so the old document is tagged instead and the wait ends once a document without the tag is complete.
   */
  static void clickAndWait(WebDriver driver, By target) {
    JavascriptExecutor js = (JavascriptExecutor) driver;
    js.executeScript("document.satchelOldPage = true");
    driver.findElement(target).click();
    new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(30))
        .ignoring(org.openqa.selenium.WebDriverException.class)
        .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
            "return document.satchelOldPage === undefined && document.readyState === 'complete'")));
  }

  void screenshot(String name) throws Exception {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Files.write(dir.resolve(name + ".png"), png);
  }

  @Test
  void loginGreetsTheUserAndLogoutSaysSo() throws Exception {
    open("/");
    assertThat(text("greeting")).isEqualTo("Hello, visitor!");
    screenshot("index-visitor");
    login(browser, "alice", "wonderland", false);
    assertThat(text("greeting")).isEqualTo("Hello, Alice Liddell!");
    assertThat(flashes()).containsExactly("Logged in as Alice Liddell.");
    screenshot("index-logged-in");
    open("/");
    assertThat(flashes()).as("a flash is shown once").isEmpty();

    clickAndWait(browser, By.id("logout"));
    assertThat(flashes()).containsExactly("Successfully logged out");
    assertThat(text("greeting")).isEqualTo("Hello, visitor!");
    screenshot("logged-out");
  }

  @Test
  void aWrongPasswordIsAClearMessage() throws Exception {
    login(browser, "alice", "not-the-password", false);
    assertThat(text("login-error")).isEqualTo("Wrong user name or password.");
    screenshot("login-wrong-password");
    assertThat(browser.findElement(By.id("username")).getAttribute("value")).isEqualTo("alice");
  }

  @Test
  void theProfileIsOnlyForLoggedInUsers() throws Exception {
    open("/profile");
    assertThat(browser.getCurrentUrl()).isEqualTo(base + "/login?next=/profile");
    assertThat(flashes()).containsExactly("Please log in to see your profile.");
    browser.findElement(By.id("username")).sendKeys("bob");
    browser.findElement(By.id("password")).sendKeys("builder");
    clickAndWait(browser, By.id("login-button"));
    assertThat(browser.getCurrentUrl()).isEqualTo(base + "/profile");
    assertThat(text("profile-user")).isEqualTo("bob");
    screenshot("profile");
  }

  @Test
  void rememberMeMakesThePermanentCookie() {
    login(browser, "alice", "wonderland", true);
    Cookie session = browser.manage().getCookieNamed("session");
    assertThat(session.getExpiry()).isNotNull();
    assertThat(session.isHttpOnly()).isTrue();
    assertThat(session.getSameSite()).isEqualTo("Lax");
  }

  @Test
  void setReadAndDeleteACookie() throws Exception {
    open("/set_cookie");
    browser.findElement(By.id("cookie-name")).sendKeys("userID");
    browser.findElement(By.id("cookie-value")).sendKeys("Satchel42");
    browser.findElement(By.id("cookie-max-age")).sendKeys("3600");
    screenshot("set-cookie");
    clickAndWait(browser, By.id("set-cookie-button"));
    assertThat(text("cookie-result")).isEqualTo("Cookie userID = Satchel42");
    assertThat(browser.manage().getCookieNamed("userID").getValue()).isEqualTo("Satchel42");
    screenshot("read-cookie");

    open("/get_cookie?name=userID");
    assertThat(text("cookie-result")).isEqualTo("Cookie userID = Satchel42");

    open("/delete_cookie");
    clickAndWait(browser, By.id("delete-userID"));
    assertThat(flashes()).containsExactly("Cookie 'userID' deleted.");
    assertThat(browser.manage().getCookieNamed("userID")).isNull();
  }

  @Test
  void anInvalidCookieIsRefusedWithTheReason() {
    open("/set_cookie");
    browser.findElement(By.id("cookie-name")).sendKeys("bad name");
    browser.findElement(By.id("cookie-value")).sendKeys("x");
    clickAndWait(browser, By.id("set-cookie-button"));
    assertThat(text("cookie-error")).contains("name");
  }

  @Test
  void theLastVisitCookieIsShownOnTheNextVisit() {
    open("/");
    assertThat(text("last-visit")).startsWith("This is your first visit");
    open("/");
    assertThat(text("last-visit")).startsWith("Your last visit: ").endsWith("UTC");
  }

  @Test
  void aFormWithAForgedCsrfTokenIsRefused() {
    open("/login");
    ((JavascriptExecutor) browser).executeScript(
        "document.querySelector('input[name=csrf_token]').value = 'forged'");
    browser.findElement(By.id("username")).sendKeys("alice");
    browser.findElement(By.id("password")).sendKeys("wonderland");
    clickAndWait(browser, By.id("login-button"));
    assertThat(browser.getPageSource()).contains("Forbidden").contains("CSRF token does not match");
    open("/");
    assertThat(text("greeting")).isEqualTo("Hello, visitor!");
  }

  @Test
  void logOutEverywhereEndsTheOtherBrowserToo() throws Exception {
    WebDriver phone = Browsers.start();
    try {
      login(browser, "alice", "wonderland", false);
      login(phone, "alice", "wonderland", false);
      open("/sessions");
      assertThat(browser.findElements(By.className("session-row"))).hasSizeGreaterThanOrEqualTo(2);
      screenshot("sessions");
      clickAndWait(browser, By.id("logout-everywhere"));
      assertThat(flashes()).singleElement().asString().startsWith("Logged out everywhere");

      phone.get(base + "/profile");
      assertThat(phone.getCurrentUrl()).isEqualTo(base + "/login?next=/profile");
    } finally {
      phone.quit();
    }
  }
}
