package dev.satchel.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/** The servlet variant serves the same routes as the Javalin app, with and without SatchelFilter. */
class JettyBenchAppTest {

  @Test
  void cookieModeKeepsTheSessionAcrossRequests() throws Exception {
    BenchSessions sessions = BenchSessions.create(BenchConfig.parse(new String[] {"--server", "jetty", "--mode",
        "cookie"}));
    Server server = JettyBenchApp.start(sessions, 0);
    try {
      String base = "http://127.0.0.1:" + JettyBenchApp.port(server);
      HttpResponse<String> login = get(base + "/login", null);
      assertThat(login.body()).isEqualTo("logged in");
      String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
      String pair = cookie.substring(0, cookie.indexOf(';'));

      assertThat(get(base + "/read", pair).body()).isEqualTo("hello alice");
      HttpResponse<String> write = get(base + "/write", pair);
      assertThat(write.body()).isEqualTo("counter 1");
      // The changed session comes back as a new cookie; the old cookie still holds counter 0.
      assertThat(write.headers().firstValue("Set-Cookie")).isPresent();
      HttpResponse<String> none = get(base + "/none", pair);
      assertThat(none.body()).isEqualTo("none");
      assertThat(none.headers().firstValue("Set-Cookie")).isEmpty();
      assertThat(get(base + "/elsewhere", pair).statusCode()).isEqualTo(404);
    } finally {
      server.stop();
      sessions.close();
    }
  }

  @Test
  void baselineHasNoSessions() throws Exception {
    BenchSessions sessions = BenchSessions.create(BenchConfig.parse(new String[] {"--server", "jetty"}));
    Server server = JettyBenchApp.start(sessions, 0);
    try {
      String base = "http://127.0.0.1:" + JettyBenchApp.port(server);
      HttpResponse<String> login = get(base + "/login", null);
      assertThat(login.headers().firstValue("Set-Cookie")).isEmpty();
      assertThat(get(base + "/read", null).body()).isEqualTo("hello alice");
      assertThat(get(base + "/write", null).body()).isEqualTo("counter 1");
    } finally {
      server.stop();
      sessions.close();
    }
  }

  @Test
  void unknownServerIsAnError() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> BenchConfig.parse(new String[] {"--server", "tomcat"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("javalin, jetty");
  }

  private static HttpResponse<String> get(String url, String cookie) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
