package dev.satchel.bench;

import com.sun.management.ThreadMXBean;
import dev.satchel.session.DecodeResult;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The CodecBenchmark operations timed in thread CPU time instead of wall time, with bytes allocated per operation.
 *
 * <p>Why it exists: on a shared machine (CI, a laptop running a build) other processes steal the CPU, and wall-clock
 * JMH scores then measure the queue, not the code. CPU time counts only the cycles this thread ran, so it stays
 * comparable to {@code bench/codec-flask.py}'s {@code time.thread_time} figures under load. JMH remains the reference
 * on a quiet machine. Run: {@code java -cp satchel-bench/target/benchmarks.jar dev.satchel.bench.CpuTimeRunner}.
 */
public final class CpuTimeRunner {

  private static volatile Object sink;

  private CpuTimeRunner() {}

  /**
   * Prints one line per operation: best-of-7 CPU ns/op over 200k calls, and allocated bytes/op. With the argument
   * {@code parts}, also the pieces of {@link PartsBenchmark} (JSON, HMAC, AES-GCM alone); with {@code interop},
   * the Flask-compatible and JWT HS256 codecs of {@link InteropCodecBenchmark} instead.
   */
  public static void main(String[] args) throws Exception {
    CodecBenchmark b = new CodecBenchmark();
    b.setUp();
    Map<String, Supplier<Object>> ops = new LinkedHashMap<>();
    ops.put("signedEncode", b::signedEncode);
    ops.put("signedDecode", b::signedDecode);
    ops.put("encryptedEncode", b::encryptedEncode);
    ops.put("encryptedDecode", b::encryptedDecode);
    if (args.length > 0 && args[0].equals("interop")) {
      InteropCodecBenchmark interop = new InteropCodecBenchmark();
      interop.setUp();
      ops.clear();
      ops.put("flaskEncode", interop::flaskEncode);
      ops.put("flaskDecode", interop::flaskDecode);
      ops.put("jwtHs256Encode", interop::jwtEncode);
      ops.put("jwtHs256Decode", interop::jwtDecode);
    }
    if (args.length > 0 && args[0].equals("parts")) {
      PartsBenchmark p = new PartsBenchmark();
      p.setUp();
      ops.put("jsonWrite", p::jsonWrite);
      ops.put("jsonRead", () -> {
        try {
          return p.jsonRead();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      ops.put("hmacSign", p::hmacSign);
      ops.put("hmacVerify", p::hmacVerify);
      ops.put("gcmSeal", p::gcmSeal);
      ops.put("gcmUnseal", p::gcmUnseal);
    }
    if (!(b.signedDecode() instanceof DecodeResult.Decoded)) {
      throw new IllegalStateException("benchmark cookie does not decode");
    }
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long self = Thread.currentThread().getId();
    int n = 200_000;
    for (Map.Entry<String, Supplier<Object>> op : ops.entrySet()) {
      Supplier<Object> f = op.getValue();
      for (int i = 0; i < 3 * n; i++) {
        sink = f.get(); // warm up: let the JIT compile the whole path
      }
      long best = Long.MAX_VALUE;
      long bytes = 0;
      for (int round = 0; round < 7; round++) {
        long a0 = threads.getThreadAllocatedBytes(self);
        long c0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
          sink = f.get();
        }
        long c1 = threads.getCurrentThreadCpuTime();
        long a1 = threads.getThreadAllocatedBytes(self);
        best = Math.min(best, (c1 - c0) / n);
        bytes = (a1 - a0) / n;
      }
      System.out.printf("%s cpu_ns %d alloc_bytes %d%n", op.getKey(), best, bytes);
    }
  }
}
