package dev.satchel.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.keys.KeyRing;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenRedirectTest {

  @ParameterizedTest
  @ValueSource(strings = {"/\t/evil.example/", "/\n/evil.example/", "/\r/evil.example/"})
  void loginNeverRedirectsOffSite(String next) {
    try (DemoAbuseIT.Running demo = DemoAbuseIT.start("memory", KeyRing.generate())) {
      DemoClient alice = new DemoClient();
      HttpResponse<String> res = alice.submit(demo.base() + "/login", demo.base() + "/login",
          Map.of("username", "alice", "password", "wonderland", "next", next));
      String location = res.headers().firstValue("Location").orElse("");
      System.out.println("REVIEW status=" + res.statusCode() + " location=[" + location.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r") + "]");
      // WHATWG URL parsing strips ASCII tab/LF/CR anywhere in the URL before resolving it.
      String asBrowserSees = location.replaceAll("[\t\n\r]", "");
      assertThat(asBrowserSees).as("Location %s (status %s)", location.replace("\t", "\\t")
          .replace("\n", "\\n").replace("\r", "\\r"), res.statusCode()).doesNotStartWith("//");
    }
  }
}
