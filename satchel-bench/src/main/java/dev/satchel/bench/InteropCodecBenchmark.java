package dev.satchel.bench;

import dev.satchel.flask.FlaskSessionCodec;
import dev.satchel.jwt.JwtAlgorithm;
import dev.satchel.jwt.JwtKeySet;
import dev.satchel.jwt.session.JwtSessionCodec;
import dev.satchel.keys.KeyRing;
import dev.satchel.keys.KeyText;
import dev.satchel.session.DecodeResult;
import dev.satchel.session.SessionCodec;
import java.time.Instant;
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
 * The interop codecs on the same 4-key session as {@link CodecBenchmark}: the Flask-compatible cookie (what Flask
 * itself produces, HMAC-SHA1 over tagged JSON) and a JWT session cookie signed with HS256.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class InteropCodecBenchmark {

  private SessionCodec flask;
  private SessionCodec jwt;
  private Map<String, Object> session;
  private Instant now;
  private String flaskCookie;
  private String jwtCookie;

  /** Codecs and the cookies the decode benchmarks read. */
  @Setup
  public void setUp() {
    KeyRing keys = KeyRing.of(KeyText.generate());
    flask = FlaskSessionCodec.builder(keys.all()).build();
    jwt = JwtSessionCodec.builder(JwtKeySet.fromKeyRing(keys, JwtAlgorithm.HS256)).build();
    session = CodecBenchmark.session();
    now = Instant.now();
    flaskCookie = flask.encode(session, now);
    jwtCookie = jwt.encode(session, now);
    if (!(flask.decode(flaskCookie, now) instanceof DecodeResult.Decoded)
        || !(jwt.decode(jwtCookie, now) instanceof DecodeResult.Decoded)) {
      throw new IllegalStateException("benchmark cookies do not decode");
    }
  }

  /** Flask-compatible codec: session to cookie value (Flask's own {@code dumps}). */
  @Benchmark
  public String flaskEncode() {
    return flask.encode(session, now);
  }

  /** Flask-compatible codec: cookie value to verified session (Flask's own {@code loads}). */
  @Benchmark
  public DecodeResult flaskDecode() {
    return flask.decode(flaskCookie, now);
  }

  /** JWT HS256 session codec: session to signed token. */
  @Benchmark
  public String jwtEncode() {
    return jwt.encode(session, now);
  }

  /** JWT HS256 session codec: token to verified session. */
  @Benchmark
  public DecodeResult jwtDecode() {
    return jwt.decode(jwtCookie, now);
  }
}
