package dev.satchel.demo;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A scripted browser for the demo: a cookie jar, forms with their CSRF token, no redirects followed. */
final class DemoClient {

  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern TOKEN = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"");

  final Map<String, String> jar = new LinkedHashMap<>();

  HttpResponse<String> get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  /** Opens the page at {@code formPage}, takes its CSRF token, and posts {@code fields} to {@code action}. */
  HttpResponse<String> submit(String formPage, String action, Map<String, String> fields) {
    HttpResponse<String> page = get(formPage);
    Matcher m = TOKEN.matcher(page.body());
    if (!m.find()) {
      String body = page.body();
      throw new AssertionError("No CSRF token on " + formPage + " (status " + page.statusCode() + "): "
          + body.substring(0, Math.min(300, body.length())));
    }
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put("csrf_token", m.group(1));
    return post(action, all);
  }

  HttpResponse<String> post(String url, Map<String, String> fields) {
    StringJoiner body = new StringJoiner("&");
    fields.forEach((k, v) -> body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return send(HttpRequest.newBuilder(URI.create(url))
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
      HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(20)).build(),
          HttpResponse.BodyHandlers.ofString());
      for (String header : response.headers().allValues("Set-Cookie")) {
        String pair = header.split(";", 2)[0];
        String name = pair.substring(0, pair.indexOf('='));
        String value = pair.substring(pair.indexOf('=') + 1);
        if (header.contains("Max-Age=0")) {
          jar.remove(name);
        } else {
          jar.put(name, value);
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
