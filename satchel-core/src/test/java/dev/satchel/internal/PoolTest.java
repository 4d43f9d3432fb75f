package dev.satchel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PoolTest {

  @Test
  void reusesReleasedObjectsAndNeverHandsOneOutTwice() {
    AtomicInteger made = new AtomicInteger();
    Pool<Object> pool = new Pool<>(() -> {
      made.incrementAndGet();
      return new Object();
    });
    Object a = pool.acquire();
    Object b = pool.acquire();
    assertThat(a).isNotSameAs(b);
    pool.release(a);
    assertThat(pool.acquire()).isSameAs(a);
    assertThat(made).hasValue(2);
  }

  @Test
  void concurrentUsersHoldDistinctObjects() throws Exception {
    Pool<int[]> pool = new Pool<>(() -> new int[1]);
    Set<int[]> inUse = Collections.newSetFromMap(Collections.synchronizedMap(new IdentityHashMap<>()));
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(threads.submit(() -> {
          for (int i = 0; i < 20_000; i++) {
            int[] o = pool.acquire();
            if (!inUse.add(o)) {
              return false; // someone else holds it right now
            }
            o[0]++;
            inUse.remove(o);
            pool.release(o);
          }
          return true;
        }));
      }
      for (Future<Boolean> f : results) {
        assertThat(f.get(60, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
