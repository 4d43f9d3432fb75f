package dev.satchel.cookie;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A minimal user agent cookie store (RFC 6265 sections 5.3 and 5.4) around {@link SetCookieParser}, only so the
 * http-state cases, which describe what a browser sends back, can be checked. Plain HTTP, a two-entry public suffix
 * list.
 */
final class MiniCookieJar {

  private static final Set<String> PUBLIC_SUFFIXES = Set.of("org", "com");

  private record Stored(Cookie cookie, String domain, boolean hostOnly, String path, long created) {}

  private final List<Stored> stored = new ArrayList<>();
  private long clock;

  /** Stores what a browser would store from {@code header} received on a response for {@code uri}. */
  void receive(String header, URI uri, Instant now) {
    Optional<Cookie> parsed = SetCookieParser.parse(header, now);
    if (parsed.isEmpty()) {
      return;
    }
    Cookie c = parsed.get();
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    String domain;
    boolean hostOnly;
    if (c.domain().isPresent()) {
      domain = c.domain().get();
      if (PUBLIC_SUFFIXES.contains(domain)) {
        if (!domain.equals(host)) {
          return;
        }
        hostOnly = true;
      } else if (!domainMatches(host, domain)) {
        return;
      } else {
        hostOnly = false;
      }
    } else {
      domain = host;
      hostOnly = true;
    }
    if (c.secure()) {
      // A Secure cookie from an http: origin is ignored (RFC 6265bis 5.7 step 9).
      return;
    }
    String path = c.path().orElse(defaultPath(uri.getRawPath()));
    long created = ++clock;
    for (int i = 0; i < stored.size(); i++) {
      Stored s = stored.get(i);
      if (s.cookie.name().equals(c.name()) && s.domain.equals(domain) && s.path.equals(path)) {
        created = s.created;
        stored.remove(i);
        break;
      }
    }
    if (!c.isExpiredAt(now)) {
      stored.add(new Stored(c, domain, hostOnly, path, created));
    }
  }

  /** The (name, value) pairs a browser would send to {@code uri}, in the RFC's order. */
  List<List<String>> send(URI uri, Instant now) {
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    List<List<String>> out = new ArrayList<>();
    stored.stream()
        .filter(s -> s.hostOnly ? s.domain.equals(host) : domainMatches(host, s.domain))
        .filter(s -> pathMatches(path, s.path))
        .filter(s -> !s.cookie.isExpiredAt(now))
        .sorted(Comparator.comparingInt((Stored s) -> -s.path.length()).thenComparingLong(s -> s.created))
        .forEach(s -> out.add(List.of(s.cookie.name(), s.cookie.value())));
    return out;
  }

  private static boolean domainMatches(String host, String domain) {
    return host.equals(domain) || (host.endsWith("." + domain) && !host.matches("[0-9.]+"));
  }

  private static boolean pathMatches(String requestPath, String cookiePath) {
    if (requestPath.equals(cookiePath)) {
      return true;
    }
    return requestPath.startsWith(cookiePath)
        && (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/');
  }

  private static String defaultPath(String uriPath) {
    if (uriPath == null || uriPath.isEmpty() || uriPath.charAt(0) != '/') {
      return "/";
    }
    int last = uriPath.lastIndexOf('/');
    return last == 0 ? "/" : uriPath.substring(0, last);
  }
}
