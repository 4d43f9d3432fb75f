package dev.satchel.store;

import java.util.Objects;

/**
 * What {@link StoreOperations#compute} did.
 *
 * @param outcome whether the attribute was computed or the session was gone
 * @param json the attribute's JSON text after the computation (null when it was removed or the session was gone)
 * @param attempts how many compare-and-set rounds it took (1 when nobody raced; 0 when the session was gone at once)
 */
public record ComputeResult(Outcome outcome, String json, int attempts) {

  /** Whether the computation was written. */
  public enum Outcome {
    /** The function's result is now stored. */
    COMPUTED,
    /** No live session under the key (expired, revoked, logged out elsewhere): nothing was written. */
    NOT_FOUND
  }

  public ComputeResult {
    Objects.requireNonNull(outcome, "outcome");
  }

  /** True when the function's result was written. */
  public boolean computed() {
    return outcome == Outcome.COMPUTED;
  }
}
