package dev.satchel.javalin;

import dev.satchel.http.SessionResponse;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A Javalin response as Satchel's core sees it. */
final class JavalinSessionResponse implements SessionResponse {

  private static final Logger LOG = LoggerFactory.getLogger(JavalinSessionResponse.class);

  private final Context ctx;

  JavalinSessionResponse(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public void addHeader(String name, String value) {
    if (ctx.res().isCommitted()) {
      // Too late to tell the browser; say so loudly instead of failing the already-sent response.
      LOG.warn("Session header {} lost on {} {}: the handler committed the response first (it streamed the body). "
          + "Call SatchelJavalin.commit(ctx) before streaming.", name, ctx.method(), ctx.path());
      return;
    }
    ctx.res().addHeader(name, value);
  }
}
