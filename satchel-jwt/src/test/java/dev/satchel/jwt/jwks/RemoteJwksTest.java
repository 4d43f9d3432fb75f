package dev.satchel.jwt.jwks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.satchel.jwt.JwtAlgorithm;
import dev.satchel.jwt.JwtClaims;
import dev.satchel.jwt.JwtIssuer;
import dev.satchel.jwt.JwtKey;
import dev.satchel.jwt.JwtKeySet;
import dev.satchel.jwt.JwtResult;
import dev.satchel.jwt.JwtVerifier;
import dev.satchel.jwt.MutableClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** JWKS fetching against a real local HTTP server (JDK HttpServer on 127.0.0.1). */
class RemoteJwksTest {

  static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

  HttpServer server;
  final AtomicInteger requests = new AtomicInteger();
  final AtomicReference<String> document = new AtomicReference<>();
  final AtomicInteger status = new AtomicInteger(200);
  final AtomicInteger delayMillis = new AtomicInteger();
  final MutableClock clock = new MutableClock(T0);
  URI uri;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/.well-known/jwks.json", exchange -> {
      requests.incrementAndGet();
      try {
        Thread.sleep(delayMillis.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      byte[] body = document.get().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status.get(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      } catch (IOException e) {
        // The client gave up (timeout or size limit): nothing to do.
      }
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  RemoteJwks.Builder jwks() {
    return RemoteJwks.builder(uri).clock(clock).minRefreshInterval(Duration.ofSeconds(30))
        .refreshInterval(Duration.ofMinutes(10)).timeout(Duration.ofSeconds(2));
  }

  static String token(JwtKey key, Instant now) {
    return JwtIssuer.builder(key).ttl(Duration.ofHours(2)).build()
        .issue(JwtClaims.builder().subject("user-7").build(), now);
  }

  JwtResult verify(RemoteJwks source, String token) {
    return JwtVerifier.builder(source).build().verify(token, clock.instant());
  }

  @Test
  void verifiesAgainstServedKeysAndCachesTheDocument() {
    JwtKey rsa = JwtKey.generate(JwtAlgorithm.RS256, "rsa-2026");
    JwtKey ec = JwtKey.generate(JwtAlgorithm.ES256, "ec-2026");
    JwtKey ed = JwtKey.generate(JwtAlgorithm.EDDSA, "ed-2026");
    document.set(JwtKeySet.of(rsa, ec, ed).toJwks());
    RemoteJwks source = jwks().build();

    assertThat(requests.get()).isZero();
    for (JwtKey key : new JwtKey[] {rsa, ec, ed}) {
      JwtResult r = verify(source, token(key, T0));
      assertThat(r.isValid()).as(key.toString()).isTrue();
      assertThat(r.validClaims().orElseThrow().subject()).contains("user-7");
    }
    assertThat(requests.get()).isEqualTo(1);
  }

  @Test
  void servedDocumentHoldsOnlyPublicParts() {
    JwtKey rsa = JwtKey.generate(JwtAlgorithm.RS256, "rsa");
    JwtKey hs = JwtKey.generate(JwtAlgorithm.HS256, "hs");
    String jwks = JwtKeySet.of(rsa, hs).toJwks();
    assertThat(jwks).contains("\"kid\":\"rsa\"", "\"alg\":\"RS256\"", "\"use\":\"sig\"")
        .doesNotContain("\"d\"", "\"p\"", "\"q\"", "\"k\"", "\"hs\"");
  }

  @Test
  void refetchesOnUnknownKidAfterIssuerRotation() {
    JwtKey old = JwtKey.generate(JwtAlgorithm.ES256, "old");
    JwtKey next = JwtKey.generate(JwtAlgorithm.ES256, "next");
    document.set(JwtKeySet.of(old).toJwks());
    RemoteJwks source = jwks().build();
    assertThat(verify(source, token(old, T0)).isValid()).isTrue();

    document.set(JwtKeySet.of(next, old).toJwks());
    clock.advance(Duration.ofSeconds(31));
    assertThat(verify(source, token(next, clock.instant())).isValid()).isTrue();
    assertThat(verify(source, token(old, clock.instant())).isValid()).isTrue();
    assertThat(requests.get()).isEqualTo(2);
  }

  @Test
  void unknownKidsAreRateLimited() {
    JwtKey key = JwtKey.generate(JwtAlgorithm.EDDSA, "k1");
    JwtKey stranger = JwtKey.generate(JwtAlgorithm.EDDSA, "made-up");
    document.set(JwtKeySet.of(key).toJwks());
    RemoteJwks source = jwks().build();
    assertThat(verify(source, token(key, T0)).isValid()).isTrue();

    for (int i = 0; i < 50; i++) {
      assertThat(verify(source, token(stranger, T0)))
          .isEqualTo(new JwtResult.Rejected(JwtResult.Reason.UNKNOWN_KEY, "no key with kid 'made-up'"));
    }
    assertThat(requests.get()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(31));
    verify(source, token(stranger, clock.instant()));
    assertThat(requests.get()).isEqualTo(2);
  }

  @Test
  void refreshesAfterTheRefreshInterval() {
    JwtKey key = JwtKey.generate(JwtAlgorithm.RS256, "k");
    document.set(JwtKeySet.of(key).toJwks());
    RemoteJwks source = jwks().build();
    assertThat(verify(source, token(key, T0)).isValid()).isTrue();
    clock.advance(Duration.ofMinutes(9));
    assertThat(verify(source, token(key, clock.instant())).isValid()).isTrue();
    assertThat(requests.get()).isEqualTo(1);
    // The issuer retired the key: once the cache is stale the removal takes effect.
    document.set(JwtKeySet.of(JwtKey.generate(JwtAlgorithm.RS256, "other")).toJwks());
    clock.advance(Duration.ofMinutes(2));
    assertThat(verify(source, token(key, clock.instant())))
        .extracting(r -> ((JwtResult.Rejected) r).reason()).isEqualTo(JwtResult.Reason.UNKNOWN_KEY);
    assertThat(requests.get()).isEqualTo(2);
  }

  @Test
  void unreachableEndpointIsUnavailableNotUnknown() {
    JwtKey key = JwtKey.generate(JwtAlgorithm.RS256, "k");
    server.stop(0);
    JwtResult r = verify(jwks().connectTimeout(Duration.ofMillis(500)).build(), token(key, T0));
    assertThat(r).extracting(x -> ((JwtResult.Rejected) x).reason()).isEqualTo(JwtResult.Reason.UNAVAILABLE);
  }

  @Test
  void errorStatusAndGarbageAreUnavailable() {
    JwtKey key = JwtKey.generate(JwtAlgorithm.RS256, "k");
    document.set("{\"keys\":[]}");
    status.set(500);
    assertThat(verify(jwks().build(), token(key, T0))).extracting(x -> ((JwtResult.Rejected) x).detail())
        .asString().contains("HTTP 500");
    status.set(200);
    document.set("<html>not json</html>");
    JwtResult r = verify(jwks().build(), token(key, T0));
    assertThat(r).extracting(x -> ((JwtResult.Rejected) x).reason()).isEqualTo(JwtResult.Reason.UNAVAILABLE);
  }

  @Test
  void keepsServingTheLastGoodDocumentWhileTheEndpointFails() {
    JwtKey key = JwtKey.generate(JwtAlgorithm.ES256, "k");
    document.set(JwtKeySet.of(key).toJwks());
    RemoteJwks source = jwks().maxStale(Duration.ofHours(1)).build();
    assertThat(verify(source, token(key, T0)).isValid()).isTrue();
    status.set(503);
    clock.advance(Duration.ofMinutes(11));
    assertThat(verify(source, token(key, clock.instant())).isValid()).isTrue();
    assertThat(requests.get()).isEqualTo(2);
    clock.advance(Duration.ofMinutes(50));
    assertThat(verify(source, token(key, clock.instant())))
        .extracting(x -> ((JwtResult.Rejected) x).reason()).isEqualTo(JwtResult.Reason.UNAVAILABLE);
  }

  @Test
  @Timeout(10)
  void slowEndpointTimesOut() {
    JwtKey key = JwtKey.generate(JwtAlgorithm.ES256, "k");
    document.set(JwtKeySet.of(key).toJwks());
    delayMillis.set(5_000);
    JwtResult r = verify(jwks().timeout(Duration.ofMillis(300)).build(), token(key, T0));
    assertThat(r).extracting(x -> ((JwtResult.Rejected) x).detail()).asString().contains("did not answer within");
  }

  @Test
  void oversizedDocumentIsRefused() {
    JwtKey key = JwtKey.generate(JwtAlgorithm.ES256, "k");
    String jwks = JwtKeySet.of(key).toJwks();
    document.set(jwks.substring(0, jwks.length() - 1) + ",\"padding\":\"" + "x".repeat(10_000) + "\"}");
    assertThat(verify(jwks().maxDocumentBytes(4096).build(), token(key, T0)))
        .extracting(x -> ((JwtResult.Rejected) x).reason()).isEqualTo(JwtResult.Reason.UNAVAILABLE);
    assertThat(verify(jwks().build(), token(key, T0)).isValid()).isTrue();
  }

  @Test
  void sharedSecretsInADocumentAreIgnored() {
    // An attacker who can add an "oct" key to the document must not be able to mint HS256 tokens with it.
    JwtKey hs = JwtKey.hs256("planted", "an attacker-chosen 32-byte secret".getBytes(StandardCharsets.US_ASCII));
    String planted = "{\"keys\":[" + hs.toPrivateJwk() + "]}";
    document.set(planted);
    JwtResult r = verify(jwks().build(), token(hs, T0));
    assertThat(r).extracting(x -> ((JwtResult.Rejected) x).reason()).isEqualTo(JwtResult.Reason.UNKNOWN_KEY);
  }

  @Test
  void refusesPlainHttpToOtherHosts() {
    assertThatThrownBy(() -> RemoteJwks.builder(URI.create("http://login.example/jwks.json")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
    assertThat(RemoteJwks.builder(URI.create("https://login.example/jwks.json")).build()).isNotNull();
    assertThat(RemoteJwks.builder(URI.create("http://localhost:8080/jwks.json")).build()).isNotNull();
  }
}
