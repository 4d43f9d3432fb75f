package dev.satchel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.demo.RunningDemo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Revoking through the CLI logs the user out of a running demo, on Redis and on PostgreSQL. */
class CliSessionsIT {

  static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
  static final String REDIS = "redis://127.0.0.1:6379";

  static void require(String name, int port) {
    boolean up;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      up = true;
    } catch (IOException e) {
      up = false;
    }
    if (!up && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException("CI=true but " + name + " is not reachable on port " + port);
    }
    Assumptions.assumeTrue(up, "SKIPPED: " + name + " not reachable on port " + port);
  }

  /** A browser logged in to the demo: its session cookie. */
  static final class Browser {
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    final Map<String, String> jar = new LinkedHashMap<>();

    HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
      if (!jar.isEmpty()) {
        StringBuilder c = new StringBuilder();
        jar.forEach((k, v) -> c.append(c.length() == 0 ? "" : "; ").append(k).append('=').append(v));
        b.header("Cookie", c.toString());
      }
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      for (String h : r.headers().allValues("Set-Cookie")) {
        String pair = h.split(";", 2)[0];
        jar.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
      }
      return r;
    }

    void login(String base, String user, String password) throws Exception {
      Matcher m = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"")
          .matcher(send(HttpRequest.newBuilder(URI.create(base + "/login"))).body());
      assertThat(m.find()).isTrue();
      String form = "username=" + user + "&password=" + password + "&csrf_token="
          + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
      HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/login"))
          .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
      assertThat(r.statusCode()).isEqualTo(302);
    }

    int profile(String base) throws Exception {
      return send(HttpRequest.newBuilder(URI.create(base + "/profile"))).statusCode();
    }
  }

  void revokeLogsOut(String store, String uri) throws Exception {
    try (RunningDemo demo = RunningDemo.start(store, store.equals("postgres") ? POSTGRES : null, REDIS)) {
      String base = demo.baseUrl();
      Browser laptop = new Browser();
      Browser phone = new Browser();
      String user = "alice";
      Cli.run("sessions", "revoke-user", "--store", uri, user); // sessions left by other tests of the demo
      laptop.login(base, user, "wonderland");
      phone.login(base, user, "wonderland");
      assertThat(laptop.profile(base)).isEqualTo(200);

      Cli.Result list = Cli.run("sessions", "list", "--store", uri, "--user", user, "--json");
      assertThat(list.exitCode()).as(list.err()).isZero();
      assertThat(list.out()).contains("\"principal\" : \"alice\"").doesNotContain(laptop.jar.get("session"));

      Cli.Result show = Cli.run("sessions", "show", "--store", uri, "--cookie", phone.jar.get("session"));
      assertThat(show.exitCode()).as(show.err()).isZero();
      assertThat(show.out()).contains("\"user\" : \"alice\"");

      String phoneToken = phone.jar.get("session");
      Cli.Result one = Cli.run("sessions", "revoke", "--store", uri, "--cookie", phoneToken);
      assertThat(one.exitCode()).as(one.err()).isZero();
      assertThat(phone.profile(base)).isEqualTo(302);
      assertThat(laptop.profile(base)).isEqualTo(200);

      Cli.Result all = Cli.run("sessions", "revoke-user", "--store", uri, user);
      assertThat(all.exitCode()).as(all.err()).isZero();
      assertThat(all.out()).contains("revoked 1 session of alice");
      assertThat(laptop.profile(base)).isEqualTo(302);

      Cli.Result missing = Cli.run("sessions", "show", "--store", uri, "--cookie", phoneToken);
      assertThat(missing.exitCode()).isEqualTo(6);
      assertThat(Cli.run("sessions", "count", "--store", uri).exitCode()).isZero();
      assertThat(Cli.run("sessions", "sweep", "--store", uri).out()).startsWith("swept ");
    }
  }

  @Test
  void onRedis() throws Exception {
    require("Redis", 6379);
    revokeLogsOut("redis", REDIS);
  }

  @Test
  void onPostgres() throws Exception {
    require("PostgreSQL", 5432);
    revokeLogsOut("postgres", POSTGRES);
  }

  @Test
  void anUnreachableStoreIsExitCode5() {
    Cli.Result r = Cli.run("sessions", "count", "--store", "redis://127.0.0.1:1");
    assertThat(r.exitCode()).isEqualTo(5);
    assertThat(r.err().strip()).startsWith("satchel: store unreachable").doesNotContain("\n");
  }
}
