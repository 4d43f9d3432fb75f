package dev.satchel.session;

import dev.satchel.http.SessionRequest;
import dev.satchel.http.SessionResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A request and response pair for driving the session lifecycle without a server. */
final class TestExchange {

  static final class Request implements SessionRequest {
    final Map<String, List<String>> headers = new LinkedHashMap<>();
    String method = "GET";
    boolean secure;
    String remote = "127.0.0.1";

    Request header(String name, String value) {
      headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
      return this;
    }

    @Override
    public String method() {
      return method;
    }

    @Override
    public List<String> headers(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    @Override
    public boolean isSecure() {
      return secure;
    }

    @Override
    public String remoteAddress() {
      return remote;
    }
  }

  static final class Response implements SessionResponse {
    final List<String[]> headers = new ArrayList<>();

    @Override
    public void addHeader(String name, String value) {
      headers.add(new String[] {name, value});
    }

    List<String> all(String name) {
      List<String> values = new ArrayList<>();
      for (String[] h : headers) {
        if (h[0].equalsIgnoreCase(name)) {
          values.add(h[1]);
        }
      }
      return values;
    }

    String setCookie() {
      List<String> values = all("Set-Cookie");
      return values.isEmpty() ? null : values.get(values.size() - 1);
    }

    /** The cookie's value as the browser would send it back: "name=value" up to the first ';'. */
    String cookiePair() {
      String header = setCookie();
      return header == null ? null : header.substring(0, header.indexOf(';') < 0 ? header.length() : header.indexOf(';'));
    }
  }

  private TestExchange() {}
}
