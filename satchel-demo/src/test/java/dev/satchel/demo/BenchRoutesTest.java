package dev.satchel.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.keys.KeyRing;
import io.javalin.Javalin;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reliability suite's routes: absent unless asked for, and then as CSRF-protected as any form. */
class BenchRoutesTest {

  @Test
  void theFlagIsOffByDefault() {
    assertThat(DemoConfig.parse(new String[] {"--store", "memory"}, Map.of()).benchRoutes()).isFalse();
    assertThat(DemoConfig.parse(new String[] {"--bench-routes", "--port", "0"}, Map.of()).benchRoutes()).isTrue();
  }

  @Test
  void withoutTheFlagTheRoutesDoNotExist() {
    DemoSessions sessions = DemoSessions.create(new DemoConfig("memory", 0, null, null), KeyRing.generate());
    Javalin app = DemoApp.create(sessions).start("127.0.0.1", 0);
    try {
      String base = "http://127.0.0.1:" + app.port();
      assertThat(new DemoClient().get(base + "/bench/keys").statusCode()).isEqualTo(404);
    } finally {
      app.stop();
      sessions.close();
    }
  }

  @Test
  void withTheFlagPutNeedsACsrfTokenAndStoresOnlyPlainKeys() {
    DemoSessions sessions = DemoSessions.create(new DemoConfig("memory", 0, null, null, null, true), KeyRing.generate());
    Javalin app = DemoApp.create(sessions, true).start("127.0.0.1", 0);
    try {
      String base = "http://127.0.0.1:" + app.port();
      DemoClient client = new DemoClient();
      client.get(base + "/visits");
      assertThat(client.post(base + "/bench/put", Map.of("k", "k1", "v", "x")).statusCode()).isEqualTo(403);
      assertThat(client.submit(base + "/login", base + "/bench/put", Map.of("k", "k1", "v", "x")).statusCode())
          .isEqualTo(200);
      assertThat(client.submit(base + "/login", base + "/bench/put", Map.of("k", "_csrf", "v", "x")).statusCode())
          .isEqualTo(400);
      assertThat(client.get(base + "/bench/keys").body().split("\n")).contains("k1", "visits");
    } finally {
      app.stop();
      sessions.close();
    }
  }
}
