package dev.satchel.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.keys.KeyRing;
import dev.satchel.session.codec.SignedCookieCodec;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile and broken input against the demo, for every kind of session: never a 500, never a stack trace. */
class DemoAbuseIT {

  record Running(Javalin app, DemoSessions sessions, String base) implements AutoCloseable {
    @Override
    public void close() {
      app.stop();
      sessions.close();
    }
  }

  static Running start(String store, KeyRing keys) {
    DemoSessions sessions = DemoSessions.create(new DemoConfig(store, 0, "jdbc:h2:mem:abuse-" + store, null), keys);
    Javalin app = DemoApp.create(sessions).start("127.0.0.1", 0);
    return new Running(app, sessions, "http://127.0.0.1:" + app.port());
  }

  static List<String> garbageCookieValues(String valid) {
    List<String> values = new ArrayList<>(List.of("", "x", "A".repeat(43), "....", "eyJ9.e30.abc",
        "%00%0d%0a", "\"unterminated", "..." + "a".repeat(3000), "e30", ".eJw", "=;=;=", "\u00e9t\u00e9"));
    // Tampered: every single-character change of a valid cookie.
    for (int i = 0; i < valid.length(); i += Math.max(1, valid.length() / 20)) {
      char c = valid.charAt(i);
      values.add(valid.substring(0, i) + (c == 'A' ? 'B' : 'A') + valid.substring(i + 1));
    }
    values.add(valid.substring(0, valid.length() / 2));
    values.add(valid + valid);
    return values;
  }

  static void assertNoServerError(HttpResponse<String> response, String what) {
    assertThat(response.statusCode()).as(what).isLessThan(500);
    assertThat(response.body()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"cookie", "encrypted", "flask", "memory", "h2"})
  void brokenSessionCookiesGiveAFreshSession(String store) {
    try (Running demo = start(store, KeyRing.generate())) {
      DemoClient alice = new DemoClient();
      alice.submit(demo.base() + "/login", demo.base() + "/login",
          Map.of("username", "alice", "password", "wonderland"));
      String valid = alice.jar.get("session");
      assertThat(valid).isNotNull();
      for (String value : garbageCookieValues(valid)) {
        DemoClient mallory = new DemoClient();
        mallory.jar.put("session", value);
        HttpResponse<String> profile = mallory.get(demo.base() + "/profile");
        assertNoServerError(profile, store + " cookie " + value);
        if (!value.equals(valid)) {
          assertThat(profile.statusCode()).as("a broken cookie is not a login: " + value).isEqualTo(302);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cookie", "encrypted", "flask"})
  void aCookieFromAnotherAppsKeyIsNotALogin(String store) {
    try (Running ours = start(store, KeyRing.generate()); Running theirs = start(store, KeyRing.generate())) {
      DemoClient alice = new DemoClient();
      alice.submit(theirs.base() + "/login", theirs.base() + "/login",
          Map.of("username", "alice", "password", "wonderland"));
      assertThat(alice.get(theirs.base() + "/profile").statusCode()).isEqualTo(200);
      assertThat(alice.get(ours.base() + "/profile").statusCode()).isEqualTo(302);
    }
  }

  @org.junit.jupiter.api.Test
  void anExpiredOrFutureSignedCookieIsNotALogin() {
    KeyRing keys = KeyRing.generate();
    try (Running demo = start("cookie", keys)) {
      SignedCookieCodec codec = SignedCookieCodec.of(keys);
      Map<String, Object> session = Map.of("user", "alice", "_principal", "alice");
      for (Instant issued : List.of(Instant.now().minus(Duration.ofDays(40)), Instant.now().plus(Duration.ofDays(1)))) {
        DemoClient mallory = new DemoClient();
        mallory.jar.put("session", codec.encode(session, issued));
        assertThat(mallory.get(demo.base() + "/profile").statusCode()).as(issued.toString()).isEqualTo(302);
      }
      DemoClient fresh = new DemoClient();
      fresh.jar.put("session", codec.encode(session, Instant.now()));
      assertThat(fresh.get(demo.base() + "/profile").statusCode()).as("control: a fresh cookie works").isEqualTo(200);
    }
  }

  @org.junit.jupiter.api.Test
  void oversizedAndFloodedHeadersAreRefusedCleanly() {
    try (Running demo = start("cookie", KeyRing.generate())) {
      DemoClient client = new DemoClient();
      StringBuilder many = new StringBuilder();
      for (int i = 0; i < 10_000; i++) {
        many.append("c").append(i).append("=v; ");
      }
      for (String header : List.of(many.toString(), "session=" + "a".repeat(7000), "x=" + "y".repeat(100_000))) {
        try {
          HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(demo.base() + "/"))
              .header("Cookie", header));
          assertNoServerError(response, "Cookie header of " + header.length() + " chars");
        } catch (java.io.UncheckedIOException closed) {
          // The server may refuse an oversized header by closing the connection: not a 500 either.
        }
      }
    }
  }

  @org.junit.jupiter.api.Test
  void headerInjectionThroughTheCookieFormIsA400WithTheReason() {
    try (Running demo = start("cookie", KeyRing.generate())) {
      DemoClient client = new DemoClient();
      for (String[] input : List.of(new String[] {"a", "x\r\nSet-Cookie: evil=1"}, new String[] {"a\nb", "v"},
          new String[] {"a", "v; Domain=evil.example"}, new String[] {"__Host-a", "v"})) {
        HttpResponse<String> response = client.submit(demo.base() + "/set_cookie", demo.base() + "/set_cookie",
            Map.of("name", input[0], "value", input[1]));
        assertThat(response.statusCode()).as(input[0] + "=" + input[1]).isEqualTo(400);
        assertThat(response.headers().allValues("Set-Cookie")).noneMatch(h -> h.startsWith("evil"))
            .noneMatch(h -> h.contains("evil.example"));
        assertThat(response.body()).contains("flash error");
      }
    }
  }
}
