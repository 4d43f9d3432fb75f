package dev.satchel.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.servlet.scenario.Browser;
import dev.satchel.servlet.scenario.FlakyStore;
import dev.satchel.servlet.scenario.SessionScenarioContract;
import dev.satchel.session.SessionManager;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The web-integration scenario on Spring Boot 3.5 (embedded Tomcat 10.1), configured only by the starter. */
@SpringBootTest(classes = SpringScenarioApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"satchel.store=memory", "satchel.csrf.exempt-paths=/api/*",
        "satchel.secret-key=base64:EbawM8qvAehIzpEdE6yO4nn2i3jfPUoW9FFCmqHgGFs=" /* a test key: server-side sessions need one too */})
class SpringBootScenarioTest extends SessionScenarioContract {

  @LocalServerPort
  int port;

  @Autowired
  FlakyStore store;

  @Autowired
  SessionManager sessions;

  @Override
  protected URI baseUri() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  @Override
  protected FlakyStore store() {
    return store;
  }

  @Test
  void logOutEverywhereThroughTheSessionManagerBean() {
    Browser laptop = browser();
    Browser phone = browser();
    for (Browser b : new Browser[] {laptop, phone}) {
      b.post("/login", Map.of("user", "erin", "csrf_token", b.get("/form").body()));
      assertThat(b.get("/me").body()).startsWith("user=erin");
    }
    assertThat(sessions.invalidateAll("erin")).isEqualTo(2);
    assertThat(laptop.get("/me").body()).startsWith("user=-");
    assertThat(phone.get("/me").body()).startsWith("user=-");
  }
}
