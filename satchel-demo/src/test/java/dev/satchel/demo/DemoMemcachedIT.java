package dev.satchel.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.satchel.keys.KeyRing;
import io.javalin.Javalin;
import java.io.File;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code --store memcached}: log in on two "devices", then "log out everywhere", on a private memcached. */
class DemoMemcachedIT {

  @Test
  void logInTwiceThenLogOutEverywhere() throws Exception {
    boolean installed = new File("/usr/bin/memcached").canExecute();
    if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("/usr/bin/memcached is not installed and CI=true");
    }
    assumeTrue(installed, "/usr/bin/memcached is not installed: skipping the demo's Memcached test");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of("/usr/bin/memcached", "-p", Integer.toString(port), "-U", "0",
        "-l", "127.0.0.1", "-m", "64"));
    if ("root".equals(System.getProperty("user.name"))) {
      command.addAll(List.of("-u", "root"));
    }
    Process memcached = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      waitForPort(port);
      DemoConfig config = DemoConfig.parse(new String[] {"--store", "memcached", "--port", "0",
          "--memcached-servers", "127.0.0.1:" + port}, Map.of());
      DemoSessions sessions = DemoSessions.create(config, KeyRing.generate());
      Javalin app = DemoApp.create(sessions).start("127.0.0.1", 0);
      try {
        String base = "http://127.0.0.1:" + app.port();
        assertThat(sessions.description()).contains("Memcached");
        DemoClient laptop = new DemoClient();
        DemoClient phone = new DemoClient();
        for (DemoClient device : List.of(laptop, phone)) {
          device.submit(base + "/login", base + "/login", Map.of("username", "alice", "password", "wonderland"));
          assertThat(device.get(base + "/profile").statusCode()).isEqualTo(200);
        }
        laptop.submit(base + "/sessions", base + "/sessions/revoke-all", Map.of());
        assertThat(phone.get(base + "/profile").statusCode()).as("the phone is logged out too").isEqualTo(302);
        assertThat(laptop.get(base + "/profile").statusCode()).isEqualTo(302);
      } finally {
        app.stop();
        sessions.close();
      }
    } finally {
      memcached.destroyForcibly();
      memcached.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void memcachedServersComeFromTheFlagOrTheEnvironmentOrTheDefault() {
    assertThat(DemoConfig.parse(new String[] {"--store", "memcached"}, Map.of()).memcachedServers())
        .isEqualTo("127.0.0.1:11211");
    assertThat(DemoConfig.parse(new String[] {"--store=memcached"},
        Map.of("SATCHEL_DEMO_MEMCACHED_SERVERS", "a:1,b:2")).memcachedServers()).isEqualTo("a:1,b:2");
    assertThat(DemoConfig.parse(new String[] {"--memcached-servers", "c:3"}, Map.of()).memcachedServers())
        .isEqualTo("c:3");
    assertThat(DemoConfig.usage()).contains("--memcached-servers").contains("memcached");
  }

  private static void waitForPort(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (java.io.IOException e) {
        Thread.sleep(20);
      }
    }
    throw new IllegalStateException("memcached did not listen on port " + port + " within 10 s");
  }
}
