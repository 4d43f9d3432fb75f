package dev.satchel.memcached;

import java.util.ArrayList;
import java.util.List;

/** Parses {@code host:port,host:port}: the servers a store spreads its items over by consistent hashing. */
final class ServerList {

  /** One server. */
  record Server(String host, int port) {
    @Override
    public String toString() {
      return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
  }

  private ServerList() {}

  /** The servers, in the order given; throws naming the offending entry. */
  static List<Server> parse(String servers) {
    if (servers == null || servers.isBlank()) {
      throw new IllegalArgumentException("Memcached servers must be 'host:port[,host:port...]', was '" + servers + "'");
    }
    List<Server> out = new ArrayList<>();
    for (String raw : servers.split(",")) {
      String entry = raw.trim();
      int colon = entry.lastIndexOf(':');
      String host;
      String port;
      if (entry.startsWith("[") && entry.contains("]")) {
        int close = entry.indexOf(']');
        host = entry.substring(1, close);
        port = close + 1 < entry.length() && entry.charAt(close + 1) == ':' ? entry.substring(close + 2) : "11211";
      } else if (colon < 0) {
        host = entry;
        port = "11211";
      } else {
        host = entry.substring(0, colon);
        port = entry.substring(colon + 1);
      }
      if (host.isEmpty() || host.chars().anyMatch(c -> c <= ' ')) {
        throw new IllegalArgumentException("Memcached server '" + entry + "' in '" + servers + "' has no valid host");
      }
      int number;
      try {
        number = Integer.parseInt(port);
      } catch (NumberFormatException e) {
        number = -1;
      }
      if (number < 1 || number > 65_535) {
        throw new IllegalArgumentException("Memcached server '" + entry + "' in '" + servers
            + "' has no valid port (1-65535)");
      }
      Server server = new Server(host, number);
      if (out.contains(server)) {
        throw new IllegalArgumentException("Memcached server '" + entry + "' is listed twice in '" + servers + "'");
      }
      out.add(server);
    }
    return List.copyOf(out);
  }
}
