package dev.satchel.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.satchel.keys.KeyText;
import dev.satchel.redis.RedisSessionStore;
import dev.satchel.servlet.scenario.Browser;
import dev.satchel.session.SessionManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code satchel.store=redis} against the real Redis on 127.0.0.1:6379, over real HTTP. */
class SatchelRedisIT {

  @BeforeAll
  static void redisIsReachable() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", 6379), 1000);
    } catch (IOException e) {
      if ("true".equals(System.getenv("CI"))) {
        fail("Redis is not reachable on 127.0.0.1:6379 (CI=true): " + e);
      }
      org.junit.jupiter.api.Assumptions.abort("SKIPPED: Redis is not reachable on 127.0.0.1:6379: " + e);
    }
  }

  @Test
  void loginAndLogOutEverywhereOnRedis() {
    String prefix = "satchel-spring-it-" + UUID.randomUUID() + ":";
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SpringScenarioApplicationWithoutStore.class)
        .properties("server.port=0", "satchel.store=redis", "satchel.redis.uri=redis://127.0.0.1:6379",
            "satchel.redis.key-prefix=" + prefix, "satchel.secret-key=" + KeyText.format(KeyText.generate()))
        .run()) {
      assertThat(app.getBean(SessionManager.class).store()).containsInstanceOf(RedisSessionStore.class);
      assertThat(app.getBean(SatchelHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
      int port = app.getEnvironment().getProperty("local.server.port", Integer.class);
      Browser b = new Browser(URI.create("http://127.0.0.1:" + port + "/"));
      String token = b.get("/form").body();
      assertThat(b.post("/login", Map.of("user", "rita", "csrf_token", token)).status()).isEqualTo(302);
      assertThat(b.get("/me").body()).isEqualTo("user=rita flashes=Welcome rita");
      assertThat(app.getBean(SessionManager.class).invalidateAll("rita")).isEqualTo(1);
      assertThat(b.get("/me").body()).startsWith("user=-");
    }
  }
}
