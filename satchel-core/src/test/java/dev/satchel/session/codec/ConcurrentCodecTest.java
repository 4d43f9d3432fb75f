package dev.satchel.session.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.keys.KeyRing;
import dev.satchel.session.DecodeResult;
import dev.satchel.session.SessionCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Pooled Macs and Ciphers are never shared by two threads: every cookie encoded concurrently decodes to its own data. */
class ConcurrentCodecTest {

  private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

  private static void hammer(SessionCodec codec) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> results = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        int thread = t;
        results.add(threads.submit(() -> {
          for (int i = 0; i < 3000; i++) {
            Map<String, Object> session = Map.of("thread", thread, "i", i);
            DecodeResult r = codec.decode(codec.encode(session, T), T);
            assertThat(r).isInstanceOfSatisfying(DecodeResult.Decoded.class,
                d -> assertThat(d.attributes()).isEqualTo(session));
          }
          return null;
        }));
      }
      for (Future<?> f : results) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void signedCodecUnderConcurrency() throws Exception {
    hammer(SignedCookieCodec.of(KeyRing.of(KeyRing.generate().current(), KeyRing.generate().current())));
  }

  @Test
  void encryptedCodecUnderConcurrency() throws Exception {
    hammer(EncryptedCookieCodec.of(KeyRing.generate()));
  }
}
