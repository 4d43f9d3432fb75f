package dev.satchel.bench;

import dev.satchel.http.SessionRequest;
import dev.satchel.http.SessionResponse;
import dev.satchel.keys.KeyRing;
import dev.satchel.keys.KeyText;
import dev.satchel.session.RequestSession;
import dev.satchel.session.Session;
import dev.satchel.session.SessionManager;
import dev.satchel.session.codec.EncryptedCookieCodec;
import dev.satchel.session.codec.SignedCookieCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a cookie session costs one request inside Satchel's core, with no web server around it: open the request's
 * session, use it as the HTTP bench's {@code /read} and {@code /write} routes do, and commit it. The cookie is the one
 * the bench app's {@code /login} issues ({@code user}, {@code counter}), sent in a browser-like {@code Cookie} header
 * beside two other cookies.
 *
 * <p>This is the part of the servlet filter's and the Javalin plugin's overhead that Satchel's code decides; the
 * rest is the server's header handling, measured end to end by {@code bench/run-pair}. Run with {@code -prof gc} to
 * see the allocation per request too.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class RequestPathBenchmark {

  @Param({"signed", "encrypted"})
  public String codec;

  /** The codecs' cache of cookie values already made or verified (0: off, every cookie is verified). */
  @Param({"10000", "0"})
  public int verifiedCacheSize;

  private SessionManager sessions;
  private BenchRequest request;
  /** What a browser would send next in {@link #writeAsABrowser}: the cookie of the last response. */
  private BenchRequest browser;

  /** The manager and the logged-in visitor's request. */
  @Setup
  public void setUp() {
    KeyRing keys = KeyRing.of(KeyText.generate());
    sessions = SessionManager.builder()
        .codec(codec.equals("signed")
            ? SignedCookieCodec.builder(keys).verifiedCacheSize(verifiedCacheSize).build()
            : EncryptedCookieCodec.builder(keys).verifiedCacheSize(verifiedCacheSize).build())
        .build();
    RequestSession login = sessions.open(new BenchRequest(List.of()));
    login.session().put("user", "alice");
    login.session().put("counter", 0);
    BenchResponse response = new BenchResponse();
    login.commit(response);
    String setCookie = response.setCookie();
    String pair = setCookie.substring(0, setCookie.indexOf(';'));
    request = new BenchRequest(List.of(cookieHeader(pair)));
    browser = request;
    if (!"alice".equals(read())) {
      throw new IllegalStateException("the login cookie does not load: " + pair);
    }
  }

  private static String cookieHeader(String sessionPair) {
    return "_ga=GA1.1.1234567890.1763892000; " + sessionPair + "; theme=dark";
  }

  /** {@code /read}: one attribute read; nothing to write back. */
  @Benchmark
  public Object read() {
    RequestSession rs = sessions.open(request);
    String user = rs.session().get("user", String.class);
    rs.commit(new BenchResponse());
    return user;
  }

  /**
   * {@code /write}: a counter incremented, so a new cookie is signed and its Set-Cookie header written. The request
   * resends the login cookie every time, as the HTTP bench's load generator does.
   */
  @Benchmark
  public Object write() {
    return increment(request);
  }

  /**
   * {@code /write} as a browser does it: each request carries the cookie the previous response set, so every cookie
   * is new. The codecs keep only cookies in use for a while, so this case gains nothing from their cache of verified
   * values and pays for its failed lookup.
   */
  @Benchmark
  public Object writeAsABrowser() {
    BenchResponse response = increment(browser);
    String setCookie = response.setCookie();
    browser = new BenchRequest(List.of(cookieHeader(setCookie.substring(0, setCookie.indexOf(';')))));
    return response;
  }

  private BenchResponse increment(BenchRequest from) {
    RequestSession rs = sessions.open(from);
    Session session = rs.session();
    session.put("counter", session.getOrDefault("counter", 0) + 1);
    BenchResponse response = new BenchResponse();
    rs.commit(response);
    return response;
  }

  /** A plain-HTTP request carrying fixed headers. */
  private static final class BenchRequest implements SessionRequest {
    private final List<String> cookie;

    BenchRequest(List<String> cookie) {
      this.cookie = cookie;
    }

    @Override
    public String method() {
      return "GET";
    }

    @Override
    public List<String> headers(String name) {
      return name.equalsIgnoreCase("Cookie") ? cookie : List.of();
    }

    @Override
    public boolean isSecure() {
      return false;
    }

    @Override
    public String remoteAddress() {
      return "127.0.0.1";
    }
  }

  /** Keeps the headers, as a server's response would. */
  private static final class BenchResponse implements SessionResponse {
    private final List<String> headers = new ArrayList<>(4);

    @Override
    public void addHeader(String name, String value) {
      headers.add(name);
      headers.add(value);
    }

    String setCookie() {
      int i = headers.indexOf("Set-Cookie");
      if (i < 0) {
        throw new IllegalStateException("no Set-Cookie in " + headers);
      }
      return headers.get(i + 1);
    }
  }
}
