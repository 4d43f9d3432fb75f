package dev.satchel.javalin;

import dev.satchel.csrf.CsrfProtection;
import dev.satchel.csrf.CsrfResult;
import dev.satchel.session.RequestSession;
import dev.satchel.session.SessionManager;
import dev.satchel.session.SessionTooLargeException;
import dev.satchel.store.SessionStoreUnavailableException;
import io.javalin.config.JavalinState;
import io.javalin.http.Context;
import io.javalin.plugin.Plugin;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Satchel for Javalin 7: a session per request (loaded only when used), committed before the response goes out,
 * CSRF checks on unsafe methods, and a plain 503 when the session store is down.
 *
 * <pre>{@code
 * Javalin app = Javalin.create(cfg -> {
 *   cfg.registerPlugin(new SatchelPlugin(s -> s.manager = sessionManager));
 *   cfg.routes.get("/", ctx -> ctx.result("Hello " + SatchelJavalin.session(ctx).get("user")));
 * });
 * }</pre>
 */
public final class SatchelPlugin extends Plugin<SatchelPlugin.Config> {

  private static final Logger LOG = LoggerFactory.getLogger(SatchelPlugin.class);

  /** The plugin's settings, set in the consumer passed to the constructor. */
  public static final class Config {
    /** Where sessions live and how their cookie looks. Required. */
    public SessionManager manager;
    /** Check a CSRF token on every POST, PUT, PATCH and DELETE. On by default. */
    public boolean csrf = true;
    /** The token's form field and header names, and trusted origins. */
    public CsrfProtection csrfProtection = CsrfProtection.defaults();
    /** Path prefixes exempt from CSRF checks, e.g. {@code /api/} for clients using bearer tokens. */
    public List<String> csrfExemptPrefixes = new ArrayList<>();
    /** The body of the 503 response sent when the session store cannot be reached. */
    public String unavailableMessage = "Service temporarily unavailable: sessions cannot be loaded right now. "
        + "Please try again in a moment.";
  }

  /** A plugin configured by {@code config}. */
  public SatchelPlugin(Consumer<Config> config) {
    super(config, new Config());
  }

  @Override
  public String name() {
    return "satchel";
  }

  @Override
  public void onInitialize(JavalinState state) {
    Config config = pluginConfig;
    if (config.manager == null) {
      throw new IllegalStateException("SatchelPlugin needs a SessionManager: "
          + "new SatchelPlugin(s -> s.manager = SessionManager.builder()...build())");
    }
    SatchelJavalin.Runtime runtime = new SatchelJavalin.Runtime(config.manager, config.csrfProtection);
    state.appData(SatchelJavalin.RUNTIME, runtime);
    state.routes.before(ctx -> {
      RequestSession rs = config.manager.open(new JavalinSessionRequest(ctx));
      ctx.attribute(SatchelJavalin.REQUEST_SESSION, rs);
      if (config.csrf && !CsrfProtection.isSafeMethod(ctx.req().getMethod())
          && !exempt(ctx.path(), config.csrfExemptPrefixes)) {
        checkCsrf(ctx, rs, config.csrfProtection);
      }
    });
    state.routes.after(ctx -> commit(ctx, config));
    state.routes.exception(SessionStoreUnavailableException.class, (e, ctx) -> unavailable(ctx, config, e));
  }

  /** Checks an unsafe request's token and origin; refuses it with a 403 naming the reason. */
  private static void checkCsrf(Context ctx, RequestSession rs, CsrfProtection csrf) {
    String submitted = isForm(ctx) ? ctx.formParam(csrf.fieldName()) : null;
    CsrfResult result = csrf.verify(new JavalinSessionRequest(ctx), rs.session(), submitted);
    if (!result.allowed()) {
      ctx.status(403).contentType("text/plain; charset=utf-8").result("Forbidden: " + result.reason());
      ctx.skipRemainingHandlers();
    }
  }

  private static boolean isForm(Context ctx) {
    String type = ctx.req().getContentType();
    return type != null && (type.startsWith("application/x-www-form-urlencoded")
        || type.startsWith("multipart/form-data"));
  }

  private static void commit(Context ctx, Config config) {
    RequestSession rs = ctx.attribute(SatchelJavalin.REQUEST_SESSION);
    if (rs == null) {
      return;
    }
    try {
      rs.commit(new JavalinSessionResponse(ctx));
    } catch (SessionStoreUnavailableException e) {
      unavailable(ctx, config, e);
    } catch (SessionTooLargeException e) {
      LOG.error("Session not saved: {}", e.getMessage());
      ctx.status(500).contentType("text/plain; charset=utf-8")
          .result("Internal error: the session grew too large to be saved. " + e.getMessage());
    }
  }

  private static void unavailable(Context ctx, Config config, SessionStoreUnavailableException e) {
    LOG.warn("Session store unavailable: {}", e.getMessage());
    ctx.status(503).header("Retry-After", "5").contentType("text/plain; charset=utf-8")
        .result(config.unavailableMessage);
  }

  private static boolean exempt(String path, List<String> prefixes) {
    for (String prefix : prefixes) {
      if (path.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
