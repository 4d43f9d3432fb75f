package dev.satchel.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.keys.KeyRing;
import dev.satchel.session.SessionManager;
import dev.satchel.store.memory.MemorySessionStore;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class StreamingCommitTest {

  /** A handler that streams a large body after using the session: the session must not be silently lost. */
  @Test
  void sessionWrittenBeforeAStreamedBodyCommitsTheResponse() throws Exception {
    MemorySessionStore store = MemorySessionStore.create();
    Javalin app = Javalin.create(cfg -> {
      cfg.registerPlugin(new SatchelPlugin(s -> s.manager =
          SessionManager.builder().store(store).keys(KeyRing.generate()).build()));
      cfg.routes.get("/download", ctx -> {
        SatchelJavalin.session(ctx).put("downloaded", true);
        SatchelJavalin.commit(ctx); // the documented way: write the session before streaming
        var out = ctx.outputStream();
        out.write(new byte[256 * 1024]);
        out.flush();
      });
    }).start("127.0.0.1", 0);
    try {
      HttpResponse<byte[]> res = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/download")).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(res.body()).hasSize(256 * 1024);
      assertThat(res.headers().allValues("Set-Cookie")).as("Set-Cookie of a session put before streaming")
          .isNotEmpty();
    } finally {
      app.stop();
      store.close();
    }
  }
}
