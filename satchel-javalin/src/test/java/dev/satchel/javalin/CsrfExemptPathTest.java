package dev.satchel.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.keys.KeyRing;
import dev.satchel.session.SessionManager;
import dev.satchel.store.memory.MemorySessionStore;
import io.javalin.Javalin;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsrfExemptPathTest {

  @ParameterizedTest
  @ValueSource(strings = {"/api/../transfer", "/api/%2e%2e/transfer", "/api/%2E%2E/transfer", "/api/./../transfer",
      "/api;x/../transfer", "/api/..;/transfer", "/api/%2e%2e%2ftransfer", "//api/../transfer"})
  void exemptPrefixCannotReachAProtectedRoute(String path) throws Exception {
    AtomicInteger transfers = new AtomicInteger();
    MemorySessionStore store = MemorySessionStore.create();
    Javalin app = Javalin.create(cfg -> {
      cfg.registerPlugin(new SatchelPlugin(s -> {
        s.manager = SessionManager.builder().store(store).keys(KeyRing.generate()).build();
        s.csrfExemptPrefixes.add("/api/");
      }));
      cfg.routes.post("/transfer", ctx -> {
        transfers.incrementAndGet();
        ctx.result("transferred");
      });
      cfg.routes.post("/api/echo", ctx -> ctx.result("api"));
    }).start("127.0.0.1", 0);
    try (Socket socket = new Socket("127.0.0.1", app.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      System.out.println("REVIEW " + path + " -> " + response.lines().findFirst().orElse(""));
    } finally {
      app.stop();
      store.close();
    }
    assertThat(transfers.get()).as("protected handler ran for " + path).isZero();
  }
}
