package dev.satchel.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls {@link SessionStore#sweep} on a schedule, in bounded batches, on one daemon thread. A database has no TTL of
 * its own, and Redis drops expired sessions but not the index entries pointing at them: without a sweeper, expired
 * rows and index entries would only ever be hidden, never removed. Any store may use it.
 */
public final class StoreSweeper implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StoreSweeper.class);

  private final SessionStore store;
  private final Clock clock;
  private final int batchSize;
  private final int maxBatchesPerRun;
  private final String name;
  private final ScheduledExecutorService executor;
  private volatile boolean failing;

  /**
   * Starts sweeping {@code store} every {@code interval}, the first time after a random half to all of it, so that
   * nodes started together do not sweep together. One run deletes batches of {@code batchSize} until a batch comes
   * back short, at most {@code maxBatchesPerRun}, so a huge backlog is worked off over several runs.
   *
   * @param name names the thread ({@code satchel-NAME-sweeper}) and the log lines
   */
  public StoreSweeper(SessionStore store, Clock clock, Duration interval, int batchSize, int maxBatchesPerRun,
      String name) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (batchSize < 1 || maxBatchesPerRun < 1 || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("sweeper needs a positive interval, batch size and batches per run");
    }
    this.batchSize = batchSize;
    this.maxBatchesPerRun = maxBatchesPerRun;
    this.name = name;
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "satchel-" + name + "-sweeper");
      t.setDaemon(true);
      return t;
    });
    long period = interval.toMillis();
    long firstDelay = period / 2 + ThreadLocalRandom.current().nextLong(period / 2 + 1);
    executor.scheduleWithFixedDelay(this::runOnce, firstDelay, period, TimeUnit.MILLISECONDS);
  }

  /** One run now; returns how many sessions it removed. Never throws: an outage is logged once and retried. */
  public long runOnce() {
    long removed = 0;
    try {
      for (int i = 0; i < maxBatchesPerRun; i++) {
        int n = store.sweep(clock.instant(), batchSize);
        removed += n;
        if (n < batchSize) {
          break;
        }
      }
      if (failing) {
        LOG.info("Session sweep ({}) works again", name);
        failing = false;
      }
      if (removed > 0) {
        LOG.debug("Swept {} expired sessions ({})", removed, name);
      }
    } catch (SessionStoreException | IllegalStateException e) {
      // Log an outage once, not every interval; the next run retries by itself.
      if (!failing) {
        LOG.warn("Session sweep ({}) failed; retrying every interval: {}", name, e.getMessage());
        failing = true;
      }
    }
    return removed;
  }

  /** Stops the thread. */
  @Override
  public void close() {
    executor.shutdownNow();
  }
}
