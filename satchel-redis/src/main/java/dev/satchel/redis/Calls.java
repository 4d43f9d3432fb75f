package dev.satchel.redis;

import dev.satchel.store.SessionStoreException;
import dev.satchel.store.SessionStoreUnavailableException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends commands without waiting (several in a row form one pipelined round trip) and waits for their replies
 * against one deadline, turning every Lettuce failure into the store's exceptions with a message naming Redis'
 * address and the timeout.
 */
final class Calls {

  private final String where;
  private final Duration timeout;

  Calls(String where, Duration timeout) {
    this.where = where;
    this.timeout = timeout;
  }

  /** The deadline (System.nanoTime) for replies to commands sent now. */
  long deadline() {
    return System.nanoTime() + timeout.toNanos();
  }

  /** Runs a script by its SHA-1; on NOSCRIPT (Redis restarted or flushed its cache) sends the source once. */
  <T> CompletableFuture<T> script(RedisClusterAsyncCommands<String, String> c, LuaScript script, ScriptOutputType type,
      String[] keys, String... args) {
    CompletableFuture<T> bySha = c.<T>evalsha(script.sha1(), type, keys, args).toCompletableFuture();
    return bySha.exceptionallyCompose(e -> unwrap(e) instanceof RedisNoScriptException
        ? c.<T>eval(script.source(), type, keys, args).toCompletableFuture()
        : CompletableFuture.failedFuture(e));
  }

  /** Waits for one reply until the deadline. */
  <T> T await(CompletionStage<T> reply, long deadline, String operation) {
    CompletableFuture<T> f = reply.toCompletableFuture();
    try {
      return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      f.cancel(false);
      throw timedOut(operation, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SessionStoreUnavailableException("Interrupted while waiting for Redis at " + where + " (" + operation
          + ")", e);
    } catch (ExecutionException | CompletionException | CancellationException e) {
      throw translate(unwrap(e), operation);
    }
  }

  /** True when the failure is Redis saying the key holds another type (foreign data under our prefix). */
  static boolean isWrongType(Throwable t) {
    Throwable u = unwrap(t);
    return u instanceof RedisCommandExecutionException && String.valueOf(u.getMessage()).startsWith("WRONGTYPE");
  }

  /** The store exception for a failure. */
  SessionStoreException translate(Throwable t, String operation) {
    if (t instanceof SessionStoreException s) {
      return s;
    }
    if (t instanceof RedisCommandTimeoutException || t instanceof TimeoutException
        || t instanceof CancellationException) {
      return timedOut(operation, t);
    }
    if (t instanceof RedisCommandExecutionException) {
      String m = String.valueOf(t.getMessage());
      if (m.startsWith("LOADING") || m.startsWith("BUSY") || m.startsWith("MASTERDOWN") || m.startsWith("CLUSTERDOWN")
          || m.startsWith("TRYAGAIN") || m.startsWith("READONLY") || m.startsWith("NOREPLICAS")) {
        return new SessionStoreUnavailableException("Redis at " + where + " cannot serve " + operation + " now: " + m,
            t);
      }
      if (m.startsWith("WRONGTYPE")) {
        return new SessionStoreException("Redis at " + where + " holds a key of another type under the session "
            + "store's prefix (" + operation + "): another application writes there; give the store its own "
            + "keyPrefix", t);
      }
      return new SessionStoreException("Redis at " + where + " refused " + operation + ": " + m, t);
    }
    return new SessionStoreUnavailableException("Redis at " + where + " is unreachable (" + operation + "): "
        + RedisConnector.rootMessage(t), t);
  }

  private SessionStoreUnavailableException timedOut(String operation, Throwable cause) {
    return new SessionStoreUnavailableException("Redis at " + where + " did not answer " + operation + " within "
        + timeout.toMillis() + " ms (commandTimeout)", cause);
  }

  static Throwable unwrap(Throwable t) {
    Throwable u = t;
    while ((u instanceof ExecutionException || u instanceof CompletionException) && u.getCause() != null) {
      u = u.getCause();
    }
    return u;
  }
}
