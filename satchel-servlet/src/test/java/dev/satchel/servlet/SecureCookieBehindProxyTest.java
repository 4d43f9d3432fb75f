package dev.satchel.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.keys.KeyRing;
import dev.satchel.servlet.scenario.Browser;
import dev.satchel.servlet.scenario.ScenarioServlets;
import dev.satchel.session.SessionManager;
import dev.satchel.session.codec.SignedCookieCodec;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Secure attribute behind a TLS-terminating proxy: only a trusted proxy's X-Forwarded-Proto counts. */
class SecureCookieBehindProxyTest {

  private static String sessionCookie(Set<String> trustedProxies, String... headers) throws Exception {
    SessionManager manager = SessionManager.builder()
        .codec(SignedCookieCodec.of(KeyRing.generate()))
        .trustedProxies(trustedProxies)
        .build();
    try (TomcatServer server = new TomcatServer()) {
      URI base = server.start(new SatchelFilter(manager), ScenarioServlets.all());
      return new Browser(base).get("/form", headers).setCookie("session");
    }
  }

  @Test
  void aTrustedProxysHttpsMakesTheCookieSecure() throws Exception {
    assertThat(sessionCookie(Set.of("127.0.0.1"), "X-Forwarded-Proto", "https")).contains("Secure");
  }

  @Test
  void anyoneElsesHeaderIsIgnored() throws Exception {
    assertThat(sessionCookie(Set.of("10.9.9.9"), "X-Forwarded-Proto", "https")).doesNotContain("Secure");
    assertThat(sessionCookie(Set.of("127.0.0.1"))).as("plain HTTP, no header").doesNotContain("Secure");
  }
}
