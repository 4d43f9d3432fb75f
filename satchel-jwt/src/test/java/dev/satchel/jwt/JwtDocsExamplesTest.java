package dev.satchel.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.satchel.jwt.bearer.BearerToken;
import dev.satchel.jwt.jwks.RemoteJwks;
import dev.satchel.jwt.revocation.JtiDenylist;
import dev.satchel.jwt.session.JwtSessionCodec;
import dev.satchel.keys.KeyRing;
import dev.satchel.session.SessionManager;
import dev.satchel.store.memory.MemorySessionStore;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of docs/jwt.md, compiled and run so the document cannot drift from the API. */
class JwtDocsExamplesTest {

  @Test
  void everyExampleIsInTheDocument() throws Exception {
    String source = java.nio.file.Files.readString(
        java.nio.file.Path.of("src/test/java/dev/satchel/jwt/JwtDocsExamplesTest.java"));
    String doc = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/jwt.md"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "// --- docs: ([\\w-]+) ---\n(.*?)\n\\s*// --- end ---", java.util.regex.Pattern.DOTALL).matcher(source);
    int found = 0;
    while (m.find()) {
      found++;
      assertThat(doc).as("docs/jwt.md example '" + m.group(1) + "'").contains(m.group(2).stripIndent().strip());
    }
    assertThat(found).isEqualTo(9);
  }

  @Test
  void issueAndVerify() {
    // --- docs: issue-and-verify ---
    JwtKeySet keys = JwtKeySet.of(JwtKey.generate(JwtAlgorithm.ES256, "2026-11"));

    JwtIssuer issuer = JwtIssuer.builder(keys)
        .issuer("https://login.example.com")
        .audience("orders-api")
        .ttl(Duration.ofMinutes(15))
        .build();
    String token = issuer.issue(JwtClaims.builder()
        .subject("user-42")
        .claim("roles", List.of("admin"))
        .build());

    JwtVerifier verifier = JwtVerifier.builder(keys)
        .requireIssuer("https://login.example.com")
        .requireAudience("orders-api")
        .clockSkew(Duration.ofSeconds(30))
        .build();
    JwtResult result = verifier.verify(token);
    if (result instanceof JwtResult.Valid valid) {
      String user = valid.claims().subject().orElseThrow();      // "user-42"
      List<?> roles = valid.claims().get("roles", List.class);   // ["admin"]
      System.out.println(user + " " + roles);
    } else if (result instanceof JwtResult.Rejected rejected) {
      // rejected.reason(): MALFORMED, BAD_SIGNATURE, EXPIRED, WRONG_AUDIENCE, REVOKED, UNAVAILABLE...
      System.out.println("refused: " + rejected.reason() + " " + rejected.detail());
    }
    // --- end ---
    assertThat(result.validClaims().orElseThrow().subject()).contains("user-42");
    assertThat(result.validClaims().orElseThrow().get("roles")).isEqualTo(List.of("admin"));
  }

  @Test
  void tokenTypes() {
    // --- docs: token-types ---
    JwtKeySet keys = JwtKeySet.of(JwtKey.generate(JwtAlgorithm.ES256, "2026-11"));
    JwtIssuer accessTokens = JwtIssuer.builder(keys).type("at+jwt").build(); // RFC 9068 access tokens
    JwtIssuer idTokens = JwtIssuer.builder(keys).build();                    // typ JWT, the default

    JwtVerifier api = JwtVerifier.builder(keys).requireType("at+jwt").build();
    JwtResult ok = api.verify(accessTokens.issue(JwtClaims.builder().subject("user-42").build()));
    JwtResult refused = api.verify(idTokens.issue(JwtClaims.builder().subject("user-42").build()));
    // refused: Rejected(WRONG_TYPE, "typ JWT is not accepted here; expected [at+jwt] (...)")
    // --- end ---
    assertThat(ok.isValid()).isTrue();
    assertThat(refused).isInstanceOfSatisfying(JwtResult.Rejected.class, r -> {
      assertThat(r.reason()).isEqualTo(JwtResult.Reason.WRONG_TYPE);
      assertThat(r.detail()).startsWith("typ JWT is not accepted here; expected [at+jwt]");
    });
    assertThat(JwtVerifier.builder(keys).build().verify(accessTokens.issue(JwtClaims.builder().build())))
        .as("a default verifier refuses access tokens too")
        .isInstanceOfSatisfying(JwtResult.Rejected.class,
            r -> assertThat(r.reason()).isEqualTo(JwtResult.Reason.WRONG_TYPE));
  }

  @Test
  void rotation() {
    // --- docs: rotation ---
    JwtKeySet v1 = JwtKeySet.of(JwtKey.generate(JwtAlgorithm.EDDSA, "2026-10"));
    String old = JwtIssuer.builder(v1).build().issue(JwtClaims.builder().subject("u").build());

    JwtKeySet v2 = v1.rotateTo(JwtKey.generate(JwtAlgorithm.EDDSA, "2026-11")); // new tokens: 2026-11
    JwtVerifier verifier = JwtVerifier.builder(v2).build();
    JwtResult stillValid = verifier.verify(old);         // Valid: key 2026-10 is still in the set

    JwtKeySet v3 = v2.without("2026-10");                // once every 2026-10 token has expired
    // --- end ---
    assertThat(stillValid.isValid()).isTrue();
    assertThat(JwtVerifier.builder(v3).build().verify(old).isValid()).isFalse();
  }

  @Test
  void keyRingAndPem() {
    // --- docs: key-sources ---
    KeyRing ring = KeyRing.generate();                      // in production: KeyRing.fromEnvironment()
    JwtKeySet hs = JwtKeySet.fromKeyRing(ring, JwtAlgorithm.HS256);
    JwtKeySet sealed = JwtKeySet.fromKeyRing(ring, JwtAlgorithm.DIR_A256GCM);  // encrypted tokens (JWE)
    JwtKey fromJwk = JwtKey.fromJwk(JwtKey.generate(JwtAlgorithm.RS256, "rsa-1").toPrivateJwk());
    // JwtKey.fromPem("rsa-1", Files.readString(Path.of("jwt-key.pem")))  -- PKCS#8 PRIVATE KEY and/or PUBLIC KEY
    // --- end ---
    assertThat(hs.current().orElseThrow().algorithm()).isEqualTo(JwtAlgorithm.HS256);
    assertThat(sealed.current().orElseThrow().algorithm()).isEqualTo(JwtAlgorithm.DIR_A256GCM);
    assertThat(fromJwk.canIssue()).isTrue();
  }

  @Test
  void jwks() throws Exception {
    JwtKeySet keys = JwtKeySet.of(JwtKey.generate(JwtAlgorithm.RS256, "rsa-2026"));
    // --- docs: jwks-serve ---
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/.well-known/jwks.json", exchange -> {
      byte[] body = keys.toJwks().getBytes(StandardCharsets.UTF_8);  // public keys only
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.getResponseHeaders().add("Cache-Control", "max-age=300");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    // --- end ---
    try {
      String token = JwtIssuer.builder(keys).audience("orders-api").build()
          .issue(JwtClaims.builder().subject("u").build());
      String jwksUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
      // The JDK server's first exchange loads its classes: on a loaded CI machine that alone can take seconds.
      java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create(jwksUrl)).build(),
          java.net.http.HttpResponse.BodyHandlers.discarding());
      // --- docs: jwks-verify ---
      RemoteJwks remote = RemoteJwks.builder(URI.create(jwksUrl))
          .refreshInterval(Duration.ofMinutes(10))    // refetch a document this old
          .minRefreshInterval(Duration.ofSeconds(30)) // never more often, whatever kids tokens claim
          .timeout(Duration.ofSeconds(5))
          .build();
      JwtVerifier verifier = JwtVerifier.builder(remote)
          .algorithms(JwtAlgorithm.RS256)
          .requireAudience("orders-api")
          .build();
      // --- end ---
      JwtResult result = verifier.verify(token);
      assertThat(result.isValid()).as("%s", result).isTrue();
    } finally {
      server.stop(0);
    }
  }

  @Test
  void bearer() {
    JwtKeySet keys = JwtKeySet.of(JwtKey.generate(JwtAlgorithm.ES256, "api"));
    JwtVerifier verifier = JwtVerifier.builder(keys).build();
    String authorizationHeader = "Bearer " + JwtIssuer.builder(keys).build()
        .issue(JwtClaims.builder().subject("svc").build());
    int status;
    String wwwAuthenticate = null;
    // --- docs: bearer ---
    JwtResult result = BearerToken.verify(authorizationHeader, verifier, Instant.now());
    if (result instanceof JwtResult.Rejected rejected) {
      status = rejected.reason() == JwtResult.Reason.UNAVAILABLE ? 503 : 401;
      wwwAuthenticate = BearerToken.challenge("orders", rejected);
    } else {
      status = 200;
    }
    // --- end ---
    assertThat(status).isEqualTo(200);
    assertThat(wwwAuthenticate).isNull();
  }

  @Test
  void sessionCodecAndRevocation() {
    KeyRing ring = KeyRing.generate();
    MemorySessionStore store = MemorySessionStore.create();
    // --- docs: session-codec ---
    JwtSessionCodec codec = JwtSessionCodec.builder(JwtKeySet.fromKeyRing(ring, JwtAlgorithm.HS256))
        .maxAge(Duration.ofDays(31))                  // >= the manager's permanent lifetime
        .revocations(new JtiDenylist(store))          // optional: lets logout kill copies of the cookie
        .build();
    SessionManager sessions = SessionManager.builder()
        .codec(codec)
        .permanentLifetime(Duration.ofDays(31))
        .build();
    // at logout, before the session cookie is deleted:
    //   codec.revoke(cookieValue, Instant.now());
    // --- end ---
    assertThat(sessions.store()).isEmpty();
    String cookie = codec.encode(java.util.Map.of("user", "alice"), Instant.now());
    assertThat(codec.revoke(cookie, Instant.now())).isTrue();
    store.close();
  }

  @Test
  void revocationForBearerTokens() {
    JwtKeySet keys = JwtKeySet.of(JwtKey.generate(JwtAlgorithm.EDDSA, "k"));
    String token = JwtIssuer.builder(keys).build().issue(JwtClaims.builder().subject("alice").build());
    MemorySessionStore store = MemorySessionStore.create();
    // --- docs: revocation ---
    JtiDenylist denylist = new JtiDenylist(store);       // any SessionStore: memory, JDBC, Redis...
    JwtVerifier verifier = JwtVerifier.builder(keys).revocations(denylist).build();

    JwtResult result = verifier.verify(token);
    result.validClaims().ifPresent(claims -> denylist.revoke(claims, Instant.now()));  // logout

    JwtResult again = verifier.verify(token);            // Rejected(REVOKED, ...) until the token's exp
    // --- end ---
    assertThat(((JwtResult.Rejected) again).reason()).isEqualTo(JwtResult.Reason.REVOKED);
    store.close();
  }
}
