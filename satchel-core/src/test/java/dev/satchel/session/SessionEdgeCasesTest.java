package dev.satchel.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.satchel.csrf.CsrfProtection;
import dev.satchel.keys.KeyRing;
import dev.satchel.store.memory.MemorySessionStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SessionEdgeCasesTest {

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  final JsonTestCodec codec = new JsonTestCodec();
  final MemorySessionStore store = MemorySessionStore.create();
  final SessionManager cookieManager = SessionManager.builder().codec(codec).clock(clock).build();
  final SessionManager storeManager =
      SessionManager.builder().store(store).keys(KeyRing.generate()).clock(clock).build();
  String jar;

  TestExchange.Response request(SessionManager m, Consumer<Session> handler) {
    TestExchange.Request req = new TestExchange.Request();
    if (jar != null) {
      req.header("Cookie", jar);
    }
    TestExchange.Response res = new TestExchange.Response();
    RequestSession rs = m.open(req);
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

  /** F1: removing the last attribute must drop the cookie, as the code's own comment promises. */
  @Test
  void cookieMode_removingLastAttributeDeletesTheCookie() {
    request(cookieManager, s -> s.put("user", "alice"));
    TestExchange.Response res = request(cookieManager, s -> s.remove("user"));
    assertThat(res.setCookie()).as("Set-Cookie after removing the only attribute").contains("Max-Age=0");
  }

  /** F2: Flask's logout idiom session.clear() leaves the principal logged in (cookie mode). */
  @Test
  void cookieMode_clearForgetsThePrincipal() {
    request(cookieManager, s -> s.setPrincipal("alice"));
    request(cookieManager, Session::clear);
    request(cookieManager, s -> assertThat(s.principal()).as("principal after clear()").isEmpty());
  }

  /** F2 (store mode): same, and the "log out everywhere" index still lists the session. */
  @Test
  void storeMode_clearForgetsThePrincipal() {
    request(storeManager, s -> s.setPrincipal("alice"));
    request(storeManager, Session::clear);
    request(storeManager, s -> assertThat(s.principal()).as("principal after clear()").isEmpty());
  }

  /** F3: a response that depends on the cookie (isNew) carries no Vary: Cookie. */
  @Test
  void isNewMakesTheResponseVaryOnCookie() {
    request(cookieManager, s -> s.put("user", "alice"));
    TestExchange.Response res = request(cookieManager, s -> s.isNew());
    assertThat(res.all("Vary")).containsExactly("Cookie");
  }

  /** F4: a signed-but-odd _created (e.g. written by the Flask side) throws out of session(). */
  @Test
  void hugeCreatedNeverThrows() {
    String json = "{\"_created\":1e300,\"user\":\"alice\"}";
    jar = "session=" + clock.instant().getEpochSecond() + ".0."
        + Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    assertThatCode(() -> request(cookieManager, s -> s.get("user"))).doesNotThrowAnyException();
  }

  /** F5: a non-base64 / short _csrf value (Flask side, old data) makes token() throw. */
  @Test
  void csrfTokenWithForeignSecretNeverThrows() {
    String json = "{\"_csrf\":\"not base64!\",\"user\":\"alice\"}";
    jar = "session=" + clock.instant().getEpochSecond() + ".0."
        + Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    assertThatCode(() -> request(cookieManager, s -> CsrfProtection.defaults().token(s)))
        .doesNotThrowAnyException();
  }

  /** F6 (store mode): clear() of a session leaves an empty stored session and its cookie behind. */
  @Test
  void storeMode_clearWithoutPrincipalDropsTheStoredSession() {
    request(storeManager, s -> s.put("user", "alice"));
    TestExchange.Response res = request(storeManager, Session::clear);
    assertThat(res.setCookie()).as("Set-Cookie after clear()").contains("Max-Age=0");
  }
}
