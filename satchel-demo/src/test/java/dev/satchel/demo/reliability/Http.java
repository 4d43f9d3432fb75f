package dev.satchel.demo.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small HTTP helpers: requests with an explicit Cookie header, forms, and raw bytes for malformed requests. */
final class Http {

  static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern TOKEN = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"");

  private Http() {}

  /** A response: status (or -1 when the connection failed), body, and the cookies it set (null value: deleted). */
  record Reply(int status, String body, Map<String, String> setCookies) {
    String cookie(String name) {
      return setCookies.get(name);
    }
  }

  static Reply get(String url, String cookieHeader) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
    return send(b, cookieHeader);
  }

  static Reply post(String url, String cookieHeader, Map<String, String> fields) {
    StringJoiner body = new StringJoiner("&");
    fields.forEach((k, v) -> body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    return send(b, cookieHeader);
  }

  static Reply send(HttpRequest.Builder request, String cookieHeader) {
    if (cookieHeader != null && !cookieHeader.isEmpty()) {
      request.header("Cookie", cookieHeader);
    }
    try {
      HttpResponse<String> r = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body(), setCookies(r.headers().allValues("Set-Cookie")));
    } catch (IOException e) {
      return new Reply(-1, String.valueOf(e), Map.of());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Reply(-1, "interrupted", Map.of());
    }
  }

  static Map<String, String> setCookies(List<String> headers) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String header : headers) {
      String pair = header.split(";", 2)[0];
      int eq = pair.indexOf('=');
      String name = pair.substring(0, eq);
      out.put(name, header.contains("Max-Age=0") ? null : pair.substring(eq + 1));
    }
    return out;
  }

  /** The CSRF token rendered on {@code page} for the session in {@code cookieHeader}. */
  static String csrfToken(String page, String cookieHeader) {
    Matcher m = TOKEN.matcher(get(page, cookieHeader).body());
    if (!m.find()) {
      throw new IllegalStateException("No CSRF token on " + page);
    }
    return m.group(1);
  }

  /** Sends bytes as they are (no client-side validation) and returns the status line's code, or -1. */
  static int raw(String baseUrl, String requestHead) {
    URI uri = URI.create(baseUrl);
    try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
      s.setSoTimeout(15_000);
      OutputStream out = s.getOutputStream();
      out.write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
        line.write(c);
      }
      String status = line.toString(StandardCharsets.ISO_8859_1);
      String[] parts = status.split(" ");
      return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }
}
