package dev.satchel.demo.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Concurrency on one session across two processes, and a store failing under load. */
final class LoadScenarios {

  private LoadScenarios() {}

  /** Tallies of responses seen under load. */
  static final class Tally {
    final AtomicInteger ok = new AtomicInteger();
    final AtomicInteger clean503 = new AtomicInteger();
    final AtomicInteger other5xx = new AtomicInteger();
    final AtomicInteger other = new AtomicInteger();
    final AtomicInteger connectionErrors = new AtomicInteger();
    final AtomicInteger corrupted = new AtomicInteger();
    final List<String> samples = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<String> samples503 = java.util.Collections.synchronizedList(new ArrayList<>());

    void count(Http.Reply r) {
      if (r.status() == 200) {
        ok.incrementAndGet();
      } else if (r.status() == 503) {
        // A clean 503 is the plugin's plain-text answer with Retry-After, never a stack trace.
        if (r.body().contains("Exception") || r.body().contains("\tat ")) {
          other5xx.incrementAndGet();
          sample(r);
        } else {
          clean503.incrementAndGet();
          if (samples503.size() < 2) {
            samples503.add(r.body().substring(0, Math.min(200, r.body().length())).replace('\n', ' '));
          }
        }
      } else if (r.status() >= 500) {
        other5xx.incrementAndGet();
        sample(r);
      } else if (r.status() < 0) {
        connectionErrors.incrementAndGet();
        sample(r);
      } else {
        other.incrementAndGet();
        sample(r);
      }
    }

    void sample(Http.Reply r) {
      if (samples.size() < 3) {
        samples.add(r.status() + " " + r.body().substring(0, Math.min(200, r.body().length())).replace('\n', ' '));
      }
    }

    int total() {
      return ok.get() + clean503.get() + other5xx.get() + other.get() + connectionErrors.get();
    }
  }

  static Integer number(Http.Reply r) {
    try {
      return r.status() == 200 ? Integer.valueOf(r.body().trim()) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * {@code clients} threads share ONE session and call {@code /visits} (an atomic {@code compute}) alternately on
   * two processes; then they write distinct attributes in parallel with CSRF-protected POSTs.
   */
  static void oneSession(Report report, String store, String a, String b, int clients, int perClient)
      throws Exception {
    Http.Reply first = Http.get(a + "/visits", null);
    String cookie = "session=" + first.cookie("session");
    Tally tally = new Tally();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < clients; t++) {
        int client = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < perClient; i++) {
            Http.Reply r = Http.get(((client + i) % 2 == 0 ? a : b) + "/visits", cookie);
            if (r.status() == 200 && number(r) == null) {
              tally.corrupted.incrementAndGet();
            }
            tally.count(r);
          }
        }));
      }
      for (Future<?> f : done) {
        f.get(10, TimeUnit.MINUTES);
      }
      Integer last = number(Http.get(b + "/visits", cookie));
      int counted = last == null ? -1 : last - 2; // minus the first request and this one
      double kept = tally.ok.get() == 0 ? 0 : 100.0 * counted / tally.ok.get();

      String token = Http.csrfToken(a + "/login", cookie);
      AtomicInteger acked = new AtomicInteger();
      Tally puts = new Tally();
      List<Future<?>> writes = new ArrayList<>();
      List<String> ackedKeys = java.util.Collections.synchronizedList(new ArrayList<>());
      for (int t = 0; t < clients; t++) {
        int client = t;
        writes.add(pool.submit(() -> {
          for (int i = 0; i < Math.max(2, perClient / 4); i++) {
            String k = "k" + client + "_" + i;
            Http.Reply r = Http.post(((client + i) % 2 == 0 ? a : b) + "/bench/put", cookie,
                Map.of("k", k, "v", "v" + i, "csrf_token", token));
            puts.count(r);
            if (r.status() == 200) {
              acked.incrementAndGet();
              ackedKeys.add(k);
            }
          }
        }));
      }
      for (Future<?> f : writes) {
        f.get(10, TimeUnit.MINUTES);
      }
      List<String> present = List.of(Http.get(a + "/bench/keys", cookie).body().split("\n"));
      long lost = ackedKeys.stream().filter(k -> !present.contains(k)).count();

      int ok = tally.ok.get();
      int unavailable = tally.clean503.get();
      report.line("| " + store + " | " + clients + " | " + tally.total() + " | " + ok + " | " + unavailable + " | "
          + (tally.other5xx.get() + tally.other.get() + tally.connectionErrors.get()) + " | " + counted + " | "
          + String.format("%.1f%%", kept) + " | " + Math.max(0, ok - counted) + " | " + acked.get() + " | " + lost
          + " |");
      if (unavailable > 0) {
        report.line("\n" + store + ": " + unavailable + " requests got a 503 (" + tally.samples503
            + "); an increment whose reply timed out may still have been applied, so the count can exceed the 200s"
            + " by at most the number of 503s.\n");
      }
      report.want("Concurrency on " + store + ": acknowledged increments kept (count >= 200s)",
          counted >= ok && ok > 0, counted + " counted for " + ok + " acknowledged increments ("
              + String.format("%.1f%%", kept) + ")" + (tally.samples.isEmpty() ? "" : "; samples: " + tally.samples));
      report.want("Concurrency on " + store + ": no phantom increments (count <= 200s + 503s)",
          counted <= ok + unavailable, counted + " counted, " + ok + " 200s, " + unavailable + " 503s");
      report.want("Concurrency on " + store + ": no 5xx other than a clean 503, no corrupted reply",
          tally.other5xx.get() == 0 && tally.corrupted.get() == 0,
          tally.other5xx.get() + " other 5xx, " + tally.corrupted.get() + " corrupted");
      report.want("Concurrency on " + store + ": distinct keys written in parallel, none lost",
          lost == 0 && acked.get() > 0, acked.get() + " acknowledged, " + lost + " lost"
              + (puts.samples.isEmpty() ? "" : "; non-200 samples: " + puts.samples));
    } finally {
      pool.shutdownNow();
    }
  }

  /** How a fault is injected and lifted. */
  interface Fault {
    void inject() throws Exception;

    void lift() throws Exception;
  }

  /**
   * {@code clients} visitors, each with its own session, count visits while the store fails for {@code outageMs};
   * afterwards every session is read back to see whether acknowledged increments survived.
   */
  static void storeFault(Report report, String name, String base, Fault fault, int clients, long warmMs,
      long outageMs, boolean expectDurable, String durabilityNote) throws Exception {
    String[] cookies = new String[clients];
    AtomicLong[] lastAck = new AtomicLong[clients];
    AtomicLong[] firstOkAfterRestore = new AtomicLong[clients];
    for (int i = 0; i < clients; i++) {
      Http.Reply r = Http.get(base + "/visits", null);
      cookies[i] = "session=" + r.cookie("session");
      lastAck[i] = new AtomicLong(number(r));
      firstOkAfterRestore[i] = new AtomicLong();
    }
    Tally tally = new Tally();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong restoredAt = new AtomicLong(Long.MAX_VALUE);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      for (int t = 0; t < clients; t++) {
        int c = t;
        pool.submit(() -> {
          while (!stop.get()) {
            Http.Reply r = Http.get(base + "/visits", cookies[c]);
            long now = System.nanoTime();
            tally.count(r);
            Integer n = number(r);
            if (r.status() == 200 && n == null) {
              tally.corrupted.incrementAndGet();
            }
            if (n != null) {
              lastAck[c].accumulateAndGet(n, Math::max);
              if (now > restoredAt.get()) {
                firstOkAfterRestore[c].compareAndSet(0, now);
              }
            }
            if (r.status() != 200) {
              PrivateRedis.sleep(20); // a real client backs off a little; keeps the log readable
            }
          }
        });
      }
      Thread.sleep(warmMs);
      fault.inject();
      Thread.sleep(outageMs);
      fault.lift();
      restoredAt.set(System.nanoTime());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline && java.util.Arrays.stream(firstOkAfterRestore).anyMatch(x -> x.get() == 0)) {
        Thread.sleep(20);
      }
      Thread.sleep(500);
      stop.set(true);
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.MINUTES);
      long recoveredAt = java.util.Arrays.stream(firstOkAfterRestore).mapToLong(AtomicLong::get).max().orElse(0);
      boolean recovered = java.util.Arrays.stream(firstOkAfterRestore).allMatch(x -> x.get() != 0);
      double recoverMs = recovered ? (recoveredAt - restoredAt.get()) / 1e6 : Double.NaN;

      int kept = 0;
      int lostSessions = 0;
      long lostIncrements = 0;
      int corruptedSessions = 0;
      for (int i = 0; i < clients; i++) {
        Http.Reply r = Http.get(base + "/visits", cookies[i]);
        Integer n = number(r);
        if (n == null) {
          corruptedSessions++;
        } else if (n >= lastAck[i].get() + 1) {
          kept++; // an increment whose reply was lost in the outage may also be there: never fewer
        } else if (n == 1) {
          lostSessions++;
          lostIncrements += lastAck[i].get();
        } else {
          corruptedSessions++;
          lostIncrements += lastAck[i].get() + 1 - n;
        }
      }
      report.line("| " + name + " | " + tally.total() + " | " + tally.ok.get() + " | " + tally.clean503.get() + " | "
          + tally.other5xx.get() + " | " + (tally.other.get() + tally.connectionErrors.get()) + " | "
          + (recovered ? String.format("%.0f ms", recoverMs) : "not within 60 s") + " | "
          + (tally.corrupted.get() + corruptedSessions) + " | " + kept + "/" + clients + " | " + lostIncrements
          + " | " + durabilityNote + " |");
      report.want(name + ": 5xx other than a clean 503", tally.other5xx.get() == 0,
          tally.other5xx.get() + (tally.samples.isEmpty() ? "" : " (samples: " + tally.samples + ")"));
      report.want(name + ": recovers without restart (generous bound 30 s)", recovered && recoverMs < 30_000,
          recovered ? String.format("every client served again %.0f ms after the store came back", recoverMs)
              : "not recovered within 60 s");
      report.want(name + ": sessions corrupted", tally.corrupted.get() + corruptedSessions == 0,
          String.valueOf(tally.corrupted.get() + corruptedSessions));
      if (expectDurable) {
        report.want(name + ": acknowledged increments lost", lostIncrements == 0,
            lostIncrements + " (" + kept + " of " + clients + " sessions intact)");
      }
    } finally {
      stop.set(true);
      pool.shutdownNow();
    }
  }
}
