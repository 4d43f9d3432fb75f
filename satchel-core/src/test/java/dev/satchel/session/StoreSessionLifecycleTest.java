package dev.satchel.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.satchel.keys.KeyRing;
import dev.satchel.store.SessionId;
import dev.satchel.store.SessionInfo;
import dev.satchel.store.SessionStoreUnavailableException;
import dev.satchel.store.memory.MemorySessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Server-side sessions through the real memory store: what reaches the store, and when. */
class StoreSessionLifecycleTest {

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  final MemorySessionStore store = MemorySessionStore.create();
  final SessionManager manager = SessionManager.builder().store(store).keys(KeyRing.generate()).clock(clock).build();

  @AfterEach
  void close() {
    store.close();
  }

  /** A browser: its cookie jar and a way to send a request. */
  final class Browser {
    String jar;

    TestExchange.Response request(Consumer<Session> handler) {
      TestExchange.Request req = new TestExchange.Request().header("User-Agent", "TestBrowser/1.0");
      if (jar != null) {
        req.header("Cookie", jar);
      }
      TestExchange.Response res = new TestExchange.Response();
      RequestSession rs = manager.open(req);
      if (handler != null) {
        handler.accept(rs.session());
      }
      rs.commit(res);
      String setCookie = res.setCookie();
      if (setCookie != null) {
        jar = setCookie.contains("Max-Age=0") ? null : res.cookiePair();
      }
      return res;
    }

    String token() {
      return jar.substring(jar.indexOf('=') + 1);
    }
  }

  final Browser browser = new Browser();

  long stored() {
    return store.count(clock.instant());
  }

  @Test
  void visitorsWhoNeverWriteCreateNothing() {
    for (int i = 0; i < 100; i++) {
      Browser bot = new Browser();
      bot.request(s -> s.get("user"));
      bot.request(null);
      assertThat(bot.jar).isNull();
    }
    assertThat(stored()).isZero();
  }

  @Test
  void theCookieHoldsARandomIdAndTheStoreOnlyItsHash() {
    browser.request(s -> s.put("user", "alice"));
    assertThat(browser.token()).hasSize(43);
    assertThat(stored()).isEqualTo(1);
    String storageKey = SessionId.hash(browser.token());
    assertThat(store.load(storageKey, clock.instant())).isPresent();
    assertThat(store.load(browser.token(), clock.instant())).isEmpty();
    assertThat(store.list(null, 10, clock.instant())).extracting(SessionInfo::storageKey)
        .containsExactly(storageKey).doesNotContain(browser.token());
    browser.request(s -> assertThat(s.storageKey()).contains(storageKey));
    browser.request(s -> {
      s.regenerate();
      assertThat(s.storageKey()).contains(storageKey);
    });
    browser.request(s -> assertThat(s.storageKey()).contains(SessionId.hash(browser.token())).isNotEqualTo(storageKey));
  }

  @Test
  void theCookieIsSentOnlyWhenTheIdIsNew() {
    browser.request(s -> s.put("user", "alice"));
    assertThat(browser.request(s -> s.put("theme", "dark")).setCookie()).isNull();
    browser.request(s -> assertThat(s.get("theme")).isEqualTo("dark"));
  }

  @Test
  void loginRegeneratesTheIdAndTheOldOneDiesAtOnce() {
    browser.request(s -> s.put("cart", "apple"));
    String planted = browser.jar;
    browser.request(s -> {
      s.regenerate();
      s.setPrincipal("alice");
      s.put("user", "alice");
    });
    assertThat(browser.jar).isNotEqualTo(planted);
    browser.request(s -> assertThat(s.get("cart")).isEqualTo("apple"));

    Browser attacker = new Browser();
    attacker.jar = planted;
    attacker.request(s -> {
      assertThat(s.isNew()).isTrue();
      assertThat(s.get("user")).isNull();
    });
    assertThat(stored()).isEqualTo(1);
  }

  @Test
  void logoutDeletesTheSessionAndTheCookieIsWorthlessAfterwards() {
    browser.request(s -> {
      s.setPrincipal("alice");
      s.put("user", "alice");
    });
    String old = browser.jar;
    TestExchange.Response res = browser.request(Session::invalidate);
    assertThat(res.setCookie()).contains("Max-Age=0");
    assertThat(stored()).isZero();

    Browser replay = new Browser();
    replay.jar = old;
    replay.request(s -> assertThat(s.get("user")).isNull());
  }

  @Test
  void logoutWithAFlashKeepsOnlyTheFlashUnderANewId() {
    browser.request(s -> s.put("user", "alice"));
    String old = browser.jar;
    browser.request(s -> {
      s.invalidate();
      s.flash("Successfully logged out");
    });
    assertThat(browser.jar).isNotNull().isNotEqualTo(old);
    browser.request(s -> {
      assertThat(s.get("user")).isNull();
      assertThat(s.consumeFlashes()).extracting(Flash::message).containsExactly("Successfully logged out");
    });
  }

  @Test
  void logOutEverywhereEndsEverySessionOfTheUser() {
    Browser phone = new Browser();
    for (Browser b : List.of(browser, phone)) {
      b.request(s -> {
        s.regenerate();
        s.setPrincipal("alice");
        s.put("user", "alice");
      });
    }
    new Browser().request(s -> {
      s.setPrincipal("bob");
      s.put("user", "bob");
    });
    assertThat(store.findByPrincipal("alice", clock.instant())).hasSize(2)
        .allSatisfy(i -> assertThat(i.metadata().device()).isEqualTo("TestBrowser/1.0"));
    assertThat(manager.invalidateAll("alice")).isEqualTo(2);
    browser.request(s -> assertThat(s.get("user")).isNull());
    phone.request(s -> assertThat(s.get("user")).isNull());
    assertThat(stored()).isEqualTo(1);
  }

  @Test
  void aRequestStillRunningDuringLogoutEverywhereCannotResurrectTheSession() {
    browser.request(s -> {
      s.setPrincipal("alice");
      s.put("user", "alice");
    });
    TestExchange.Request req = new TestExchange.Request().header("Cookie", browser.jar);
    RequestSession slow = manager.open(req);
    slow.session().put("theme", "dark");
    manager.invalidateAll("alice");
    TestExchange.Response res = new TestExchange.Response();
    slow.commit(res);
    assertThat(stored()).isZero();
    assertThat(res.setCookie()).contains("Max-Age=0");
  }

  @Test
  void aPrincipalChangeAlwaysGetsANewIdSoAStaleRequestCannotUndoIt() {
    browser.request(s -> {
      s.regenerate();
      s.setPrincipal("alice");
      s.put("user", "alice");
    });
    RequestSession stale = manager.open(new TestExchange.Request().header("Cookie", browser.jar));
    stale.session().put("theme", "dark"); // started while alice was logged in

    String before = browser.jar;
    browser.request(s -> {
      s.setPrincipal(null); // a logout written without invalidate()
      s.remove("user");
    });
    assertThat(browser.jar).isNotEqualTo(before);
    stale.commit(new TestExchange.Response());

    assertThat(store.findByPrincipal("alice", clock.instant())).isEmpty();
    browser.request(s -> assertThat(s.principal()).isEmpty());
  }

  @Test
  void clearEmptiesTheSessionEvenOfWhatAParallelRequestAdded() {
    browser.request(s -> {
      s.put("a", 1);
      s.put("keep-me-not", 2);
    });
    RequestSession clearing = manager.open(new TestExchange.Request().header("Cookie", browser.jar));
    clearing.session().clear();
    clearing.session().put("after-clear", true);
    browser.request(s -> s.put("added-in-parallel", 3));
    clearing.commit(new TestExchange.Response());
    browser.request(s -> assertThat(s.keys()).containsExactly("after-clear"));
  }

  @Test
  void parallelRequestsWritingDifferentKeysKeepBoth() {
    browser.request(s -> s.put("a", 0));
    RequestSession first = manager.open(new TestExchange.Request().header("Cookie", browser.jar));
    RequestSession second = manager.open(new TestExchange.Request().header("Cookie", browser.jar));
    first.session().put("a", 1);
    second.session().put("b", 2);
    second.commit(new TestExchange.Response());
    first.commit(new TestExchange.Response());
    browser.request(s -> {
      assertThat(s.get("a")).isEqualTo(1);
      assertThat(s.get("b")).isEqualTo(2);
    });
  }

  @Test
  void computeKeepsEveryConcurrentIncrement() throws Exception {
    browser.request(s -> s.put("user", "alice"));
    int threads = 16;
    int perThread = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < perThread; i++) {
          RequestSession rs = manager.open(new TestExchange.Request().header("Cookie", browser.jar));
          rs.session().compute("visits", Integer.class, n -> n == null ? 1 : n + 1);
          rs.commit(new TestExchange.Response());
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    browser.request(s -> assertThat(s.get("visits")).isEqualTo(threads * perThread));
  }

  @Test
  void computeOnANewSessionStoresItFirst() {
    browser.request(s -> assertThat(s.compute("visits", Integer.class, n -> n == null ? 1 : n + 1)).isEqualTo(1));
    assertThat(browser.jar).isNotNull();
    browser.request(s -> assertThat(s.compute("visits", Integer.class, n -> n + 1)).isEqualTo(2));
    assertThat(stored()).isEqualTo(1);
  }

  @Test
  void onlyChangedAttributesAreWritten() {
    browser.request(s -> {
      s.put("a", 1);
      s.put("b", List.of(1, 2));
    });
    // Another request changes "b" behind our back; a request that only reads "b" must not write its stale copy.
    RequestSession reader = manager.open(new TestExchange.Request().header("Cookie", browser.jar));
    reader.session().get("b");
    reader.session().put("a", 5);
    browser.request(s -> s.put("b", List.of(9)));
    reader.commit(new TestExchange.Response());
    browser.request(s -> {
      assertThat(s.get("a")).isEqualTo(5);
      assertThat(s.get("b")).isEqualTo(List.of(9));
    });
  }

  @Test
  void idleSessionsExpireAndUseSlidesTheirExpiry() {
    browser.request(s -> s.put("user", "alice"));
    for (int i = 0; i < 4; i++) {
      clock.advance(Duration.ofHours(20));
      browser.request(s -> assertThat(s.get("user")).isEqualTo("alice"));
    }
    clock.advance(Duration.ofHours(25));
    browser.request(s -> assertThat(s.get("user")).isNull());
  }

  @Test
  void permanentSessionsRenewTheirCookieMaxAgeWhenTouched() {
    browser.request(s -> {
      s.put("user", "alice");
      s.setPermanent(true);
    });
    clock.advance(Duration.ofMinutes(2));
    assertThat(browser.request(s -> s.get("user")).setCookie()).contains("Max-Age=2678400");
  }

  @Test
  void garbageIdsGiveAFreshSession() {
    for (String garbage : List.of("x", "A".repeat(43), "!".repeat(43), "A".repeat(5000))) {
      browser.jar = "session=" + garbage;
      browser.request(s -> assertThat(s.isNew()).isTrue());
    }
  }

  @Test
  void anUnreachableStoreIsAnExceptionTheIntegrationTurnsInto503() {
    MemorySessionStore down = MemorySessionStore.create();
    SessionManager broken = SessionManager.builder().store(new dev.satchel.store.SessionStore() {
      @Override
      public java.util.Optional<dev.satchel.store.StoredSession> load(String k, Instant n) {
        throw new SessionStoreUnavailableException("store down");
      }

      @Override
      public SaveResult save(String k, dev.satchel.store.SessionChanges c, Instant n) {
        return down.save(k, c, n);
      }

      @Override
      public CasResult compareAndSet(String k, String a, String e, String v, dev.satchel.store.SessionMetadata m,
          Instant n) {
        return down.compareAndSet(k, a, e, v, m, n);
      }

      @Override
      public boolean delete(String k) {
        return down.delete(k);
      }

      @Override
      public List<SessionInfo> findByPrincipal(String p, Instant n) {
        return down.findByPrincipal(p, n);
      }

      @Override
      public int deleteByPrincipal(String p, Instant n) {
        return down.deleteByPrincipal(p, n);
      }

      @Override
      public List<SessionInfo> list(String a, int l, Instant n) {
        return down.list(a, l, n);
      }

      @Override
      public long count(Instant n) {
        return down.count(n);
      }

      @Override
      public int sweep(Instant n, int m) {
        return down.sweep(n, m);
      }
    }).keys(KeyRing.generate()).build();
    RequestSession rs = broken.open(new TestExchange.Request()
        .header("Cookie", "session=" + SessionId.generate().token()));
    assertThatThrownBy(rs::session).isInstanceOf(SessionStoreUnavailableException.class);
  }
}
