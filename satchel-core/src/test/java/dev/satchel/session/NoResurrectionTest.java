package dev.satchel.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.keys.KeyRing;
import dev.satchel.store.memory.MemorySessionStore;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NoResurrectionTest {

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  final MemorySessionStore store = MemorySessionStore.create();
  final SessionManager manager = SessionManager.builder().store(store).keys(KeyRing.generate()).clock(clock).build();
  String jar;

  @AfterEach
  void close() {
    store.close();
  }

  void request(Consumer<Session> handler) {
    TestExchange.Request req = new TestExchange.Request();
    if (jar != null) {
      req.header("Cookie", jar);
    }
    TestExchange.Response res = new TestExchange.Response();
    RequestSession rs = manager.open(req);
    handler.accept(rs.session());
    rs.commit(res);
    if (res.setCookie() != null) {
      jar = res.setCookie().contains("Max-Age=0") ? null : res.cookiePair();
    }
  }

  /** "Log out everywhere" while a request that regenerates is in flight: the session must not come back. */
  @Test
  void regenerateDoesNotResurrectASessionRevokedDuringTheRequest() {
    request(s -> {
      s.setPrincipal("alice");
      s.put("user", "alice");
    });
    request(s -> {
      s.get("user");                                          // loaded
      manager.invalidateAll("alice");                         // a parallel request / admin: log out everywhere
      s.regenerate();                                         // e.g. a privilege change in this request
    });
    assertThat(store.findByPrincipal("alice", clock.instant())).as("alice's sessions after log-out-everywhere")
        .isEmpty();
  }

  /** Same with a principal change (which always rotates the id). */
  @Test
  void principalChangeDoesNotResurrectARevokedSession() {
    request(s -> {
      s.setPrincipal("alice");
      s.put("user", "alice");
    });
    request(s -> {
      s.get("user");
      manager.invalidateAll("alice");
      s.setPrincipal("alice-admin");
    });
    assertThat(store.count(clock.instant())).as("sessions after log-out-everywhere").isZero();
  }
}
