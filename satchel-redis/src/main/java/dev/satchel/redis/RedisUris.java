package dev.satchel.redis;

import io.lettuce.core.RedisURI;
import java.util.ArrayList;
import java.util.List;

/** Reads the one URI a store is configured with into Lettuce URIs (several for Cluster seeds). */
final class RedisUris {

  /** The parsed URIs and whether they are Cluster seeds. */
  record Parsed(List<RedisURI> uris, boolean cluster) {}

  private RedisUris() {}

  static Parsed parse(String uri) {
    String u = uri.trim();
    int colon = u.indexOf("://");
    if (colon <= 0) {
      throw new IllegalArgumentException("Redis URI " + masked(u) + " has no scheme: use redis://, rediss://, "
          + "redis-sentinel://, redis-cluster:// or rediss-cluster://");
    }
    String scheme = u.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
    String rest = u.substring(colon + 3);
    switch (scheme) {
      case "redis-cluster":
        return new Parsed(seeds("redis", rest, uri), true);
      case "rediss-cluster":
        return new Parsed(seeds("rediss", rest, uri), true);
      case "redis":
      case "rediss":
        if (authority(rest).contains(",")) {
          // Several hosts only make sense as Cluster seeds; Lettuce rejects them for a single server.
          return new Parsed(seeds(scheme, rest, uri), true);
        }
        return new Parsed(List.of(create(u, uri)), false);
      case "redis-sentinel":
      case "rediss-sentinel":
        return new Parsed(List.of(create(u, uri)), false);
      default:
        throw new IllegalArgumentException("Redis URI " + masked(uri) + " has an unsupported scheme '" + scheme
            + "': use redis://, rediss://, redis-sentinel://, redis-cluster:// or rediss-cluster://");
    }
  }

  private static List<RedisURI> seeds(String scheme, String rest, String original) {
    String authority = authority(rest);
    String tail = rest.substring(authority.length());
    int at = authority.lastIndexOf('@');
    String userInfo = at >= 0 ? authority.substring(0, at + 1) : "";
    String hosts = authority.substring(at + 1);
    List<RedisURI> out = new ArrayList<>();
    for (String host : hosts.split(",")) {
      if (host.isBlank()) {
        throw new IllegalArgumentException("Redis URI " + masked(original) + " has an empty host in its seed list");
      }
      out.add(create(scheme + "://" + userInfo + host.trim() + tail, original));
    }
    return List.copyOf(out);
  }

  private static String authority(String rest) {
    int end = rest.length();
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        end = i;
        break;
      }
    }
    return rest.substring(0, end);
  }

  private static RedisURI create(String uri, String original) {
    try {
      RedisURI r = RedisURI.create(uri);
      if (r.getHost() == null && r.getSentinels().isEmpty() && r.getSocket() == null) {
        throw new IllegalArgumentException("no host");
      }
      return r;
    } catch (RuntimeException e) {
      String why = e.getMessage();
      // Lettuce may quote the whole URI, password included: never echo that.
      if (why == null || why.contains("@")) {
        why = "malformed";
      }
      throw new IllegalArgumentException("Redis URI " + masked(original) + " is not valid: " + why);
    }
  }

  /** The URI with any password replaced, for messages. */
  static String masked(String uri) {
    int scheme = uri.indexOf("://");
    int at = uri.lastIndexOf('@');
    if (scheme < 0 || at < scheme) {
      return "'" + uri + "'";
    }
    return "'" + uri.substring(0, scheme + 3) + "***@" + uri.substring(at + 1) + "'";
  }
}
