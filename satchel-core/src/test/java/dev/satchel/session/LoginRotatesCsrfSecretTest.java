package dev.satchel.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.csrf.CsrfProtection;
import dev.satchel.csrf.CsrfResult;
import dev.satchel.keys.KeyRing;
import dev.satchel.store.memory.MemorySessionStore;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LoginRotatesCsrfSecretTest {

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  final MemorySessionStore store = MemorySessionStore.create();
  final SessionManager manager = SessionManager.builder().store(store).keys(KeyRing.generate()).clock(clock).build();
  final CsrfProtection csrf = CsrfProtection.defaults();

  String run(String jar, String method, java.util.function.Consumer<RequestSession> handler) {
    TestExchange.Request req = new TestExchange.Request();
    req.method = method;
    req.header("Host", "app.example");
    if (jar != null) {
      req.header("Cookie", jar);
    }
    RequestSession rs = manager.open(req);
    handler.accept(rs);
    TestExchange.Response res = new TestExchange.Response();
    rs.commit(res);
    return res.setCookie() == null ? jar : res.cookiePair();
  }

  /** A token the attacker obtained with a planted (pre-login) session must not work after the victim logs in. */
  @Test
  void loginRotatesTheCsrfSecret() {
    AtomicReference<String> attackerToken = new AtomicReference<>();
    String planted = run(null, "GET", rs -> attackerToken.set(csrf.token(rs.session())));
    // The victim's browser carries the planted cookie and logs in (regenerate + principal, as the docs say).
    String victim = run(planted, "POST", rs -> {
      rs.session().regenerate();
      rs.session().setPrincipal("alice");
    });
    assertThat(victim).isNotEqualTo(planted);
    AtomicReference<CsrfResult> result = new AtomicReference<>();
    run(victim, "POST", rs -> {
      TestExchange.Request forged = new TestExchange.Request();
      forged.method = "POST";
      forged.header("Host", "app.example");
      result.set(csrf.verify(forged, rs.session(), attackerToken.get()));
    });
    assertThat(result.get().allowed()).as("pre-login CSRF token accepted after login").isFalse();
  }
}
