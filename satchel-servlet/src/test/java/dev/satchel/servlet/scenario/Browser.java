package dev.satchel.servlet.scenario;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A real HTTP client with a cookie jar that can be read and planted, as a browser (or an attacker) would: requests
 * go over TCP to the embedded server, redirects are not followed, so each response's headers can be checked.
 */
public final class Browser {

  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private final URI base;
  private final Map<String, String> jar = new ConcurrentHashMap<>();

  public Browser(URI base) {
    this.base = base;
  }

  /** A GET; extra headers as name, value pairs. */
  public Response get(String path, String... headers) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET(), headers);
  }

  /** A POST of an urlencoded form. */
  public Response post(String path, Map<String, String> form, String... headers) {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(base.resolve(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)), headers);
  }

  /** The cookie the browser holds, or null. */
  public String cookie(String name) {
    return jar.get(name);
  }

  /** Plants a cookie (a fixation attacker, a stolen cookie, garbage). */
  public void setCookie(String name, String value) {
    jar.put(name, value);
  }

  /** Forgets every cookie. */
  public void clearCookies() {
    jar.clear();
  }

  private Response send(HttpRequest.Builder request, String... headers) {
    request.timeout(Duration.ofSeconds(20));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    if (!jar.isEmpty()) {
      request.header("Cookie", jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining("; ")));
    }
    try {
      HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Response r = new Response(response.statusCode(), response.body(),
          response.headers().allValues("Set-Cookie"), response.headers().map());
      for (String setCookie : r.setCookies()) {
        store(setCookie);
      }
      return r;
    } catch (IOException e) {
      throw new IllegalStateException("Request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void store(String setCookie) {
    int semi = setCookie.indexOf(';');
    String pair = semi < 0 ? setCookie : setCookie.substring(0, semi);
    int eq = pair.indexOf('=');
    String name = pair.substring(0, eq).trim();
    String value = pair.substring(eq + 1).trim();
    String attributes = setCookie.toLowerCase(Locale.ROOT);
    if (value.isEmpty() || attributes.contains("max-age=0")) {
      jar.remove(name);
    } else {
      jar.put(name, value);
    }
  }

  /** One response: status, body, Set-Cookie headers and all headers. */
  public record Response(int status, String body, List<String> setCookies, Map<String, List<String>> headers) {

    /** The first value of a header (case-insensitive), or null. */
    public String header(String name) {
      for (Map.Entry<String, List<String>> e : new LinkedHashMap<>(headers).entrySet()) {
        if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
          return e.getValue().get(0);
        }
      }
      return null;
    }

    /** The Set-Cookie header for {@code name}, or null. */
    public String setCookie(String name) {
      return setCookies(name).stream().findFirst().orElse(null);
    }

    /** Every Set-Cookie header for {@code name}, in order. */
    public List<String> setCookies(String name) {
      return setCookies.stream().filter(c -> c.startsWith(name + "=")).toList();
    }
  }
}
