package dev.satchel.memcached;

import com.spotify.folsom.MemcacheClosedException;
import com.spotify.folsom.MemcacheOverloadedException;
import dev.satchel.store.SessionStoreException;
import dev.satchel.store.SessionStoreUnavailableException;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for one Folsom reply within the store's bound and turns every failure into the SPI's exceptions. */
final class Await {

  private Await() {}

  /** The reply, or a {@link SessionStoreUnavailableException} naming the servers and the timeout. */
  static <T> T result(CompletionStage<T> stage, String op, String servers, long timeoutMillis) {
    try {
      return stage.toCompletableFuture().get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new SessionStoreUnavailableException("Memcached (" + servers + ") did not answer " + op + " within "
          + timeoutMillis + " ms (operationTimeout)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SessionStoreUnavailableException("Interrupted while waiting for Memcached (" + servers + ") to "
          + "answer " + op, e);
    } catch (ExecutionException | CompletionException e) {
      throw translate(e.getCause() != null ? e.getCause() : e, op, servers, timeoutMillis);
    }
  }

  /** Connection-level failures are outages (503, recovers by itself); anything else is a plain store error. */
  static SessionStoreException translate(Throwable cause, String op, String servers, long timeoutMillis) {
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof MemcacheClosedException || cause instanceof MemcacheOverloadedException
        || cause instanceof IOException || cause instanceof TimeoutException) {
      return new SessionStoreUnavailableException("Memcached (" + servers + ") is unreachable: " + op + " failed ("
          + cause.getClass().getSimpleName() + ": " + cause.getMessage() + "); calls fail within the "
          + timeoutMillis + " ms operationTimeout until it is back", cause);
    }
    return new SessionStoreException("Memcached (" + servers + ") failed " + op + ": " + cause, cause);
  }
}
