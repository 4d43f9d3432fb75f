package dev.satchel.javalin;

import dev.satchel.cookie.Cookie;
import dev.satchel.cookie.SetCookieParser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** A minimal browser: a cookie jar fed by Satchel's own Set-Cookie parser, no redirects followed. */
final class TestBrowser {

  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

  final String base;
  final Map<String, String> jar = new LinkedHashMap<>();

  TestBrowser(String base) {
    this.base = base;
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  HttpResponse<String> post(String path, Map<String, String> form) {
    StringJoiner body = new StringJoiner("&");
    form.forEach((k, v) -> body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    if (!jar.isEmpty()) {
      StringJoiner cookie = new StringJoiner("; ");
      jar.forEach((k, v) -> cookie.add(k + "=" + v));
      request.header("Cookie", cookie.toString());
    }
    try {
      HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      for (String header : response.headers().allValues("Set-Cookie")) {
        Cookie c = SetCookieParser.parse(header, Instant.now()).orElseThrow();
        if (c.isExpiredAt(Instant.now())) {
          jar.remove(c.name());
        } else {
          jar.put(c.name(), c.value());
        }
      }
      return response;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
