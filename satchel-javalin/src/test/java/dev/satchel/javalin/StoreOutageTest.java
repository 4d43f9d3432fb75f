package dev.satchel.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.keys.KeyRing;
import dev.satchel.session.SessionManager;
import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionId;
import dev.satchel.store.SessionInfo;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.SessionStore;
import dev.satchel.store.SessionStoreUnavailableException;
import dev.satchel.store.StoredSession;
import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A store that cannot be reached gives a plain 503, never a stack trace. */
class StoreOutageTest {

  /** Every call fails as a store does when its server is down. */
  static final class DownStore implements SessionStore {
    private static SessionStoreUnavailableException down() {
      return new SessionStoreUnavailableException("redis://127.0.0.1:1 did not answer within 500 ms");
    }

    @Override
    public Optional<StoredSession> load(String storageKey, Instant now) {
      throw down();
    }

    @Override
    public SaveResult save(String storageKey, SessionChanges changes, Instant now) {
      throw down();
    }

    @Override
    public CasResult compareAndSet(String k, String a, String e, String n, SessionMetadata m, Instant now) {
      throw down();
    }

    @Override
    public boolean delete(String storageKey) {
      throw down();
    }

    @Override
    public List<SessionInfo> findByPrincipal(String principal, Instant now) {
      throw down();
    }

    @Override
    public int deleteByPrincipal(String principal, Instant now) {
      throw down();
    }

    @Override
    public List<SessionInfo> list(String after, int limit, Instant now) {
      throw down();
    }

    @Override
    public long count(Instant now) {
      throw down();
    }

    @Override
    public int sweep(Instant now, int max) {
      throw down();
    }
  }

  @Test
  void loadAndSaveFailuresAreA503WithAPlainMessage() {
    SessionManager manager = SessionManager.builder().store(new DownStore()).keys(KeyRing.generate()).build();
    Javalin app = Javalin.create(cfg -> {
      cfg.registerPlugin(new SatchelPlugin(s -> s.manager = manager));
      cfg.routes.get("/read", ctx -> ctx.result("user=" + SatchelJavalin.session(ctx).get("user")));
      cfg.routes.get("/write", ctx -> {
        SatchelJavalin.session(ctx).put("x", 1);
        ctx.result("written");
      });
      cfg.routes.get("/plain", ctx -> ctx.result("fine"));
    }).start(0);
    try {
      String base = "http://127.0.0.1:" + app.port();
      TestBrowser withCookie = new TestBrowser(base);
      withCookie.jar.put("session", SessionId.generate().token());
      HttpResponse<String> read = withCookie.get("/read");
      assertThat(read.statusCode()).isEqualTo(503);
      assertThat(read.body()).contains("temporarily unavailable").doesNotContain("Exception").doesNotContain("at ");
      assertThat(read.headers().firstValue("Retry-After")).contains("5");

      HttpResponse<String> write = new TestBrowser(base).get("/write");
      assertThat(write.statusCode()).isEqualTo(503);
      assertThat(write.body()).doesNotContain("written");

      assertThat(new TestBrowser(base).get("/plain").statusCode()).isEqualTo(200);
    } finally {
      app.stop();
    }
  }
}
