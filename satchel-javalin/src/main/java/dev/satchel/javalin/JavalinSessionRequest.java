package dev.satchel.javalin;

import dev.satchel.http.SessionRequest;
import io.javalin.http.Context;
import java.util.List;

/** A Javalin request as Satchel's core sees it. */
final class JavalinSessionRequest implements SessionRequest {

  private final Context ctx;

  JavalinSessionRequest(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public String method() {
    return ctx.req().getMethod();
  }

  @Override
  public List<String> headers(String name) {
    return SessionRequest.listOf(ctx.req().getHeaders(name));
  }

  @Override
  public String header(String name) {
    return ctx.req().getHeader(name);
  }

  @Override
  public boolean isSecure() {
    return ctx.req().isSecure();
  }

  @Override
  public String remoteAddress() {
    return ctx.req().getRemoteAddr();
  }
}
