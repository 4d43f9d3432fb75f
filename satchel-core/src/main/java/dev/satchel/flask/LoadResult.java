package dev.satchel.flask;

import dev.satchel.session.DecodeResult.Reason;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What verifying an itsdangerous value gave: the value, or why it was refused. Returned instead of thrown, because
 * tampered and expired values are ordinary input.
 *
 * @param <T> the value's type
 */
public sealed interface LoadResult<T> {

  /**
   * A verified value.
   *
   * @param value the value
   * @param signedAt when it was signed (null for a signer without timestamp)
   * @param keyIndex 0 when the current key verified it, 1.. for fallback keys (time to re-issue)
   */
  record Loaded<T>(T value, Instant signedAt, int keyIndex) implements LoadResult<T> {
    /** True when a fallback key verified it. */
    public boolean signedWithFallbackKey() {
      return keyIndex > 0;
    }
  }

  /** A refused value, with a short detail for debug logs (never echoing secrets). */
  record Failed<T>(Reason reason, String detail) implements LoadResult<T> {
    public Failed {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** The value when verified, else empty. */
  default Optional<T> loadedValue() {
    return this instanceof Loaded<T> loaded ? Optional.ofNullable(loaded.value()) : Optional.empty();
  }

  /** True when the value was verified. */
  default boolean isLoaded() {
    return this instanceof Loaded;
  }
}
