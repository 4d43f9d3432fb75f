package dev.satchel.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Read-modify-write helpers built only on the {@link SessionStore} SPI, so every store gets them for free. */
public final class StoreOperations {

  private StoreOperations() {}

  /**
   * Atomically replaces one attribute with {@code jsonFn(current)}: reads it, computes, and writes it back with
   * {@link SessionStore#compareAndSet}, retrying when another request changed it in between. This is what keeps
   * every increment of a counter updated by parallel requests.
   *
   * <p>{@code jsonFn} receives the current JSON text ({@code null} when the attribute is absent) and returns the new
   * JSON text ({@code null} removes the attribute). It may run several times when requests race, so it must be free
   * of side effects. The session's metadata (expiry) is refreshed in the same write.
   *
   * @param maxRetries how many conflicting rounds to tolerate before giving up (at least 1)
   * @return {@code COMPUTED} with the stored value, or {@code NOT_FOUND} when the session is absent or expired
   * @throws SessionStoreException when {@code maxRetries} rounds in a row lost the race (a hot spot: reduce
   *     contention on that attribute or allow more retries)
   */
  public static ComputeResult compute(SessionStore store, String storageKey, String attribute,
      UnaryOperator<String> jsonFn, SessionMetadata metadata, Instant now, int maxRetries) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(storageKey, "storageKey");
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(jsonFn, "jsonFn");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(now, "now");
    if (maxRetries < 1) {
      throw new IllegalArgumentException("maxRetries must be at least 1, was " + maxRetries);
    }
    for (int attempt = 1; attempt <= maxRetries; attempt++) {
      Optional<StoredSession> session = store.load(storageKey, now);
      if (session.isEmpty()) {
        return new ComputeResult(ComputeResult.Outcome.NOT_FOUND, null, attempt - 1);
      }
      String current = session.get().attributes().get(attribute);
      String next = jsonFn.apply(current);
      SessionStore.CasResult result = store.compareAndSet(storageKey, attribute, current, next, metadata, now);
      if (result == SessionStore.CasResult.UPDATED) {
        return new ComputeResult(ComputeResult.Outcome.COMPUTED, next, attempt);
      }
      if (result == SessionStore.CasResult.NOT_FOUND) {
        return new ComputeResult(ComputeResult.Outcome.NOT_FOUND, null, attempt);
      }
      // CONFLICT: another request won this round; let it finish before reading again.
      Thread.onSpinWait();
    }
    throw new SessionStoreException("compute of attribute '" + attribute + "' lost the race " + maxRetries
        + " times in a row: too many parallel requests change it; allow more retries or spread the writes");
  }
}
