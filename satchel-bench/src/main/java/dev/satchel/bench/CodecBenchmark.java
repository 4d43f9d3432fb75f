package dev.satchel.bench;

import dev.satchel.keys.KeyRing;
import dev.satchel.keys.KeyText;
import dev.satchel.session.DecodeResult;
import dev.satchel.session.SessionCodec;
import dev.satchel.session.codec.EncryptedCookieCodec;
import dev.satchel.session.codec.SignedCookieCodec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
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
 * Encode and decode of a 4-key session (user id, name, roles list, last-visit timestamp) with the signed and
 * encrypted cookie codecs, single-threaded, ns/op. The same session is timed in Flask by bench/codec-flask.py.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class CodecBenchmark {

  private SessionCodec signed;
  private SessionCodec encrypted;
  private Map<String, Object> session;
  private Instant now;
  private String signedCookie;
  private String encryptedCookie;

  /** The Flask script's session, with the same types: int, str, list of str, int. */
  static Map<String, Object> session() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("user_id", 42);
    m.put("name", "Ada Lovelace");
    m.put("roles", List.of("admin", "editor"));
    m.put("last_visit", 1_763_892_000L);
    return m;
  }

  /** Keys, codecs and the cookies decode benchmarks read. */
  @Setup
  public void setUp() {
    KeyRing keys = KeyRing.of(KeyText.generate());
    signed = SignedCookieCodec.of(keys);
    encrypted = EncryptedCookieCodec.of(keys);
    session = session();
    now = Instant.parse("2026-11-23T10:00:00Z");
    signedCookie = signed.encode(session, now);
    encryptedCookie = encrypted.encode(session, now);
    if (!(signed.decode(signedCookie, now) instanceof DecodeResult.Decoded)
        || !(encrypted.decode(encryptedCookie, now) instanceof DecodeResult.Decoded)) {
      throw new IllegalStateException("benchmark cookies do not decode");
    }
  }

  /** Signed codec: session to cookie value. */
  @Benchmark
  public String signedEncode() {
    return signed.encode(session, now);
  }

  /** Signed codec: cookie value to verified session. */
  @Benchmark
  public DecodeResult signedDecode() {
    return signed.decode(signedCookie, now);
  }

  /** Encrypted codec: session to sealed cookie value. */
  @Benchmark
  public String encryptedEncode() {
    return encrypted.encode(session, now);
  }

  /** Encrypted codec: sealed cookie value to session. */
  @Benchmark
  public DecodeResult encryptedDecode() {
    return encrypted.decode(encryptedCookie, now);
  }
}
