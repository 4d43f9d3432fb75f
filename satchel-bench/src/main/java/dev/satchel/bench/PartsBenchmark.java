package dev.satchel.bench;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.satchel.json.SessionJson;
import dev.satchel.keys.KeyRing;
import dev.satchel.keys.KeyText;
import dev.satchel.seal.Sealer;
import dev.satchel.sign.internal.TimestampMac;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where the codec time goes: HMAC-SHA256 and AES-GCM alone on the benchmark session's sizes, and JSON through the
 * shared Jackson mapper ({@code SessionJson}) as the reference the codecs' own plain JSON path is faster than.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class PartsBenchmark {

  private Map<String, Object> session;
  private byte[] json;
  private ObjectReader reader;
  private TimestampMac mac;
  private byte[] buf;
  private byte[] signedBuf;
  private int signedLength;
  private Sealer sealer;
  private String sealed;

  /** Keys, codecs and the cookies decode benchmarks read. */
  @Setup
  public void setUp() {
    session = CodecBenchmark.session();
    json = SessionJson.writeBytes(session);
    reader = SessionJson.mapper().readerFor(Object.class);
    KeyRing keys = KeyRing.of(KeyText.generate()).derive("bench");
    mac = new TimestampMac(keys, 3600, 60);
    buf = new byte[120 + TimestampMac.MAX_SUFFIX];
    signedBuf = new byte[120 + TimestampMac.MAX_SUFFIX];
    signedLength = mac.sign(signedBuf, 120, 1_763_892_000L);
    sealer = Sealer.of(keys);
    sealed = sealer.seal(json);
  }

  /** Jackson mapper writing the session (reference). */
  @Benchmark
  public byte[] jsonWrite() {
    return SessionJson.writeBytes(session);
  }

  /** Jackson mapper reading the session (reference). */
  @Benchmark
  public Object jsonRead() throws Exception {
    return reader.readValue(json);
  }

  /** Appending timestamp and HMAC-SHA256 to a 120-byte payload. */
  @Benchmark
  public int hmacSign() {
    return mac.sign(buf, 120, 1_763_892_000L);
  }

  /** Verifying such a signed payload. */
  @Benchmark
  public Object hmacVerify() {
    return mac.verify(signedBuf, signedLength, 1_763_892_000L);
  }

  /** AES-256-GCM sealing the session JSON. */
  @Benchmark
  public String gcmSeal() {
    return sealer.seal(json);
  }

  /** AES-256-GCM opening it. */
  @Benchmark
  public Object gcmUnseal() {
    return sealer.unseal(sealed);
  }
}
