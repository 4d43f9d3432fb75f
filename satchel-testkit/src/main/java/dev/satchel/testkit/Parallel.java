package dev.satchel.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Starts N bodies at the same instant and surfaces the first failure, so races are real and failures visible. */
final class Parallel {

  private Parallel() {}

  static void run(int threads, SessionStoreContract.ThreadBody body, Duration timeout) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "store-contract-worker");
      thread.setDaemon(true);
      return thread;
    });
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        int thread = i;
        futures.add(pool.submit(() -> {
          ready.countDown();
          start.await();
          body.run(thread);
          return null;
        }));
      }
      ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
      start.countDown();
      long deadline = System.nanoTime() + timeout.toNanos();
      for (Future<?> future : futures) {
        try {
          future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof Error error) {
            throw error;
          }
          throw (Exception) cause;
        } catch (TimeoutException e) {
          throw new AssertionError("concurrent workers did not finish within " + timeout
              + ": the store hangs or livelocks under contention", e);
        }
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
