package dev.satchel.cli;

import dev.satchel.json.SessionJson;
import dev.satchel.store.SessionId;
import dev.satchel.store.SessionInfo;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.SessionStore;
import dev.satchel.store.StoredSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code satchel sessions ...}: stored-session administration, for incidents and audits. */
@Command(name = "sessions", mixinStandardHelpOptions = true,
    description = "List, inspect and revoke sessions in a Redis or JDBC store. Sessions are named by their storage "
        + "key (the SHA-256 of the cookie token): the store never holds the token itself.",
    subcommands = {SessionsCommand.ListSessions.class, SessionsCommand.Show.class, SessionsCommand.Revoke.class,
        SessionsCommand.RevokeUser.class, SessionsCommand.Count.class, SessionsCommand.Sweep.class})
final class SessionsCommand {

  /** Runs {@code action} on the store and closes it. */
  interface StoreAction {
    int run(SessionStore store, Instant now);
  }

  static int withStore(StoreOptions options, StoreAction action) {
    try (SessionStore store = options.open()) {
      return action.run(store, Instant.now());
    }
  }

  /** Which session: a storage key, or a cookie token to hash. */
  static final class Target {
    @Parameters(paramLabel = "KEY", arity = "0..1", description = "The session's storage key (see 'list').")
    String storageKey;

    @Option(names = "--cookie", paramLabel = "TOKEN", description = "The session cookie's value instead of a key.")
    String cookie;

    String key() {
      if (cookie != null) {
        return SessionId.parse(cookie.strip()).map(SessionId::storageKey).orElseThrow(() -> new CliException(
            ExitCode.BAD_COOKIE, "not a Satchel session id: expected 43 base64url characters"));
      }
      if (storageKey == null) {
        throw new CliException(ExitCode.USAGE, "name the session: a storage KEY or --cookie TOKEN");
      }
      return storageKey.strip();
    }
  }

  static Map<String, Object> describe(String key, SessionMetadata m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("key", key);
    out.put("principal", m.principal());
    out.put("device", m.device());
    out.put("createdAt", m.createdAt().toString());
    out.put("lastAccessedAt", m.lastAccessedAt().toString());
    out.put("expiresAt", m.expiresAt().toString());
    return out;
  }

  /** {@code satchel sessions list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List live sessions, a page at a time.")
  static final class ListSessions implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Option(names = "--user", paramLabel = "PRINCIPAL", description = "Only this user's sessions.")
    String user;

    @Option(names = "--limit", defaultValue = "50", description = "Sessions per page (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--after", paramLabel = "KEY", description = "Start after this key (the last of the previous page).")
    String after;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
      if (limit < 1 || limit > 10_000) {
        throw new CliException(ExitCode.USAGE, "--limit must be 1-10000");
      }
      return withStore(store, (s, now) -> {
        List<SessionInfo> page = user != null
            ? s.findByPrincipal(user, now).stream().limit(limit).toList()
            : s.list(after, limit, now);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SessionInfo info : page) {
          rows.add(describe(info.storageKey(), info.metadata()));
        }
        if (json) {
          System.out.println(Output.json(rows));
        } else {
          System.out.printf("%-43s  %-16s  %-20s  %-20s  %s%n", "KEY", "PRINCIPAL", "LAST ACCESS", "EXPIRES", "DEVICE");
          for (Map<String, Object> r : rows) {
            System.out.printf("%-43s  %-16s  %-20s  %-20s  %s%n", r.get("key"), r.get("principal"),
                shortTime(r.get("lastAccessedAt")), shortTime(r.get("expiresAt")), r.get("device"));
          }
          if (rows.size() == limit && user == null) {
            System.out.println("(more: --after " + rows.get(rows.size() - 1).get("key") + ")");
          }
        }
        return ExitCode.OK;
      });
    }

    private static String shortTime(Object iso) {
      String s = String.valueOf(iso);
      return s.length() > 19 ? s.substring(0, 19) + "Z" : s;
    }
  }

  /** {@code satchel sessions show KEY}. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "Print one session with its attributes.")
  static final class Show implements Callable<Integer> {
    @Mixin StoreOptions store;
    @ArgGroup(exclusive = false, multiplicity = "1") Target target;

    @Override
    public Integer call() {
      String key = target.key();
      return withStore(store, (s, now) -> {
        StoredSession session = s.load(key, now).orElseThrow(() -> new CliException(ExitCode.NOT_FOUND,
            "no live session with key " + key));
        Map<String, Object> out = describe(key, session.metadata());
        Map<String, Object> attributes = new LinkedHashMap<>();
        session.attributes().forEach((name, json) -> attributes.put(name, SessionJson.read(json).orElse(json)));
        out.put("attributes", attributes);
        System.out.println(Output.json(out));
        return ExitCode.OK;
      });
    }
  }

  /** {@code satchel sessions revoke KEY}. */
  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "End one session now.")
  static final class Revoke implements Callable<Integer> {
    @Mixin StoreOptions store;
    @ArgGroup(exclusive = false, multiplicity = "1") Target target;

    @Override
    public Integer call() {
      String key = target.key();
      return withStore(store, (s, now) -> {
        if (!s.delete(key)) {
          throw new CliException(ExitCode.NOT_FOUND, "no session with key " + key);
        }
        System.out.println("revoked " + key);
        return ExitCode.OK;
      });
    }
  }

  /** {@code satchel sessions revoke-user USER}. */
  @Command(name = "revoke-user", mixinStandardHelpOptions = true,
      description = "End every session of one user (\"log out everywhere\").")
  static final class RevokeUser implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Parameters(paramLabel = "PRINCIPAL", description = "The user id the application set with setPrincipal.")
    String user;

    @Override
    public Integer call() {
      return withStore(store, (s, now) -> {
        int n = s.deleteByPrincipal(user, now);
        System.out.println("revoked " + n + " session" + (n == 1 ? "" : "s") + " of " + user);
        return ExitCode.OK;
      });
    }
  }

  /** {@code satchel sessions count}. */
  @Command(name = "count", mixinStandardHelpOptions = true, description = "Print how many live sessions the store holds.")
  static final class Count implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Override
    public Integer call() {
      return withStore(store, (s, now) -> {
        System.out.println(s.count(now));
        return ExitCode.OK;
      });
    }
  }

  /** {@code satchel sessions sweep}. */
  @Command(name = "sweep", mixinStandardHelpOptions = true,
      description = "Remove expired sessions now, in bounded batches (stores also do it on their own).")
  static final class Sweep implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Option(names = "--batch", defaultValue = "1000", description = "Sessions per batch (default ${DEFAULT-VALUE}).")
    int batch;

    @Override
    public Integer call() {
      if (batch < 1) {
        throw new CliException(ExitCode.USAGE, "--batch must be at least 1");
      }
      return withStore(store, (s, now) -> {
        long total = 0;
        int removed;
        do {
          removed = s.sweep(now, batch);
          total += removed;
        } while (removed == batch);
        System.out.println("swept " + total + " expired session" + (total == 1 ? "" : "s"));
        return ExitCode.OK;
      });
    }
  }
}
