package dev.satchel.internal;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A tiny lock-free pool of reusable objects ({@code Mac}s, {@code Cipher}s, scratch buffers).
 *
 * <p>Why not a ThreadLocal: with virtual threads every request may run on a new thread, so a ThreadLocal would pay
 * the full creation cost on every call and keep one copy per thread alive. Here a thread takes an object from a
 * slot (or creates one when the slot is empty) and puts it back after use; the pool never holds more than its slot
 * count, and a miss costs one creation, never a wait.
 */
public final class Pool<T> {

  private final AtomicReferenceArray<T> slots;
  private final int mask;
  private final Supplier<T> factory;

  /** A pool making new objects with {@code factory} when its slots are empty. */
  public Pool(Supplier<T> factory) {
    int size = Integer.highestOneBit(Math.max(4, Runtime.getRuntime().availableProcessors() * 4) - 1) << 1;
    this.slots = new AtomicReferenceArray<>(size);
    this.mask = size - 1;
    this.factory = factory;
  }

  /** An object for the caller's exclusive use until {@link #release}. */
  public T acquire() {
    int home = slot();
    for (int i = 0; i < 2; i++) {
      T t = slots.getAndSet((home + i) & mask, null);
      if (t != null) {
        return t;
      }
    }
    return factory.get();
  }

  /** Gives an object back; dropped if its slots are full. */
  public void release(T t) {
    int home = slot();
    for (int i = 0; i < 2; i++) {
      if (slots.compareAndSet((home + i) & mask, null, t)) {
        return;
      }
    }
  }

  @SuppressWarnings("deprecation") // Thread.getId(): threadId() is Java 19+, and this only needs a spread-out number.
  private int slot() {
    long id = Thread.currentThread().getId();
    return (int) (id ^ (id >>> 16)) & mask;
  }
}
