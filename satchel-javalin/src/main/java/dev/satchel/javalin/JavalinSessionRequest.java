package dev.satchel.javalin;

import dev.satchel.http.SessionRequest;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
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
    Enumeration<String> values = ctx.req().getHeaders(name);
    if (values == null || !values.hasMoreElements()) {
      return List.of();
    }
    String first = values.nextElement();
    // Nearly always one header (HTTP/1.1 joins cookies into one); avoid the list copy for it.
    return values.hasMoreElements() ? concat(first, values) : List.of(first);
  }

  private static List<String> concat(String first, Enumeration<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(Collections.list(rest));
    return all;
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
