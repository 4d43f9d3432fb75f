package dev.satchel.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.keys.KeyRing;
import dev.satchel.store.memory.MemorySessionStore;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ComputeSeesTheRequestsOwnChangesTest {

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  final MemorySessionStore store = MemorySessionStore.create();
  final SessionManager manager = SessionManager.builder().store(store).keys(KeyRing.generate()).clock(clock).build();
  String jar;

  @AfterEach
  void close() {
    store.close();
  }

  TestExchange.Response request(Consumer<Session> handler) {
    TestExchange.Request req = new TestExchange.Request();
    if (jar != null) {
      req.header("Cookie", jar);
    }
    TestExchange.Response res = new TestExchange.Response();
    RequestSession rs = manager.open(req);
    handler.accept(rs.session());
    rs.commit(res);
    String setCookie = res.setCookie();
    if (setCookie != null) {
      jar = setCookie.contains("Max-Age=0") ? null : res.cookiePair();
    }
    return res;
  }

  static int inc(Session s) {
    return s.compute("n", Integer.class, n -> n == null ? 1 : n + 1);
  }

  /** G1: a principal change must always rotate the id (StoreMode.persist promises it), also when compute() ran. */
  @Test
  void principalChangeFollowedByComputeStillRotatesTheId() {
    request(s -> s.put("cart", "x"));
    String before = jar;
    request(s -> {
      s.setPrincipal("alice");
      inc(s);
    });
    assertThat(jar).as("session cookie after login").isNotEqualTo(before);
    String planted = before;
    jar = planted;
    request(s -> assertThat(s.principal()).as("principal seen through the pre-login id").isEmpty());
  }

  /** G1b: the consequence: a session id planted before login is logged in as alice afterwards. */
  @Test
  void plantedIdIsNotLoggedInAfterLoginWithCompute() {
    request(s -> s.put("cart", "x"));
    String planted = jar;
    request(s -> {
      s.setPrincipal("alice");
      s.put("user", "alice");
      inc(s);
    });
    jar = planted;
    request(s -> assertThat(s.principal()).as("principal seen through the pre-login id").isEmpty());
  }

  /** G2: compute after clear() must see the cleared value (null), as cookie sessions do. */
  @Test
  void computeAfterClearStartsFromNothing() {
    request(s -> s.put("n", 5));
    request(s -> {
      s.clear();
      assertThat(inc(s)).isEqualTo(1);
    });
  }

  /** G3: compute after remove() must see null. */
  @Test
  void computeAfterRemoveStartsFromNothing() {
    request(s -> s.put("n", 5));
    request(s -> {
      s.remove("n");
      assertThat(inc(s)).isEqualTo(1);
    });
  }

  /** G4: compute after put() in the same request must start from the put value. */
  @Test
  void computeAfterPutStartsFromThePutValue() {
    request(s -> s.put("n", 5));
    request(s -> {
      s.put("n", 10);
      assertThat(inc(s)).isEqualTo(11);
    });
  }
}
