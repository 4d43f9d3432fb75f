package dev.satchel.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.csrf.CsrfProtection;
import org.junit.jupiter.api.Test;

class CsrfOriginSchemeTest {

  /** An https site must not accept a POST whose Origin is the plain-http twin (a network attacker's origin). */
  @Test
  void httpOriginIsNotSameOriginAsAnHttpsSite() {
    CsrfProtection csrf = CsrfProtection.defaults();
    Session session = Session.detached();
    String token = csrf.token(session);
    TestExchange.Request req = new TestExchange.Request();
    req.method = "POST";
    req.secure = true;
    req.header("Host", "app.example").header("Origin", "http://app.example");
    assertThat(csrf.verify(req, session, token).allowed()).as("Origin http://app.example on an HTTPS request")
        .isFalse();
  }
}
