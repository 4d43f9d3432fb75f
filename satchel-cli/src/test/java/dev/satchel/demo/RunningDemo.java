package dev.satchel.demo;

import dev.satchel.keys.KeyRing;
import io.javalin.Javalin;

/** A demo app started in-process for other modules' tests (the demo's classes are package-private). */
public final class RunningDemo implements AutoCloseable {

  private final DemoSessions sessions;
  private final Javalin app;

  private RunningDemo(DemoSessions sessions, Javalin app) {
    this.sessions = sessions;
    this.app = app;
  }

  /** Starts the demo on a free port with {@code store} (as --store) and, for JDBC, {@code jdbcUrl}. */
  public static RunningDemo start(String store, String jdbcUrl, String redisUri) {
    DemoSessions sessions = DemoSessions.create(new DemoConfig(store, 0, jdbcUrl, redisUri), KeyRing.generate());
    return new RunningDemo(sessions, DemoApp.create(sessions).start("127.0.0.1", 0));
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + app.port();
  }

  @Override
  public void close() {
    app.stop();
    sessions.close();
  }
}
