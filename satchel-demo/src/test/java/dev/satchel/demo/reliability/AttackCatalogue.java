package dev.satchel.demo.reliability;

import dev.satchel.cookie.RequestCookies;
import dev.satchel.jwt.JwtAlgorithm;
import dev.satchel.jwt.JwtClaims;
import dev.satchel.jwt.JwtIssuer;
import dev.satchel.jwt.JwtKey;
import dev.satchel.jwt.JwtKeySet;
import dev.satchel.jwt.JwtResult;
import dev.satchel.jwt.JwtVerifier;
import dev.satchel.keys.KeyRing;
import dev.satchel.session.codec.SignedCookieCodec;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Attacks against the running demo (HTTP) and the JWT verifier, each with its expected and actual outcome. */
final class AttackCatalogue {

  private final Report report;
  private int failed;

  AttackCatalogue(Report report) {
    this.report = report;
    report.line("| # | attack | against | expected | actual | as expected |");
    report.line("|---|---|---|---|---|---|");
  }

  private int n;

  private void row(String attack, String against, String expected, String actual, boolean ok) {
    report.line("| " + (++n) + " | " + attack + " | " + against + " | " + expected + " | " + actual.replace("|", "\\|")
        + " | " + (ok ? "yes" : "**NO**") + " |");
    if (!ok) {
      failed++;
    }
  }

  int failed() {
    return failed;
  }

  /** Logs in and returns the session cookie value. */
  static String login(String base, String user, String password) {
    Http.Reply form = Http.get(base + "/login", null);
    String s0 = form.cookie("session");
    String token = Http.csrfToken(base + "/login", "session=" + s0);
    Http.Reply r = Http.post(base + "/login", "session=" + s0,
        Map.of("username", user, "password", password, "csrf_token", token));
    if (r.status() != 302 || r.cookie("session") == null) {
      throw new IllegalStateException("login failed on " + base + ": " + r.status());
    }
    return r.cookie("session");
  }

  static int profile(String base, String sessionCookie) {
    return Http.get(base + "/profile", "session=" + sessionCookie).status();
  }

  private static String outcome(int status) {
    return switch (status) {
      case 200 -> "200: logged in";
      case 302 -> "302: not logged in (fresh session)";
      default -> String.valueOf(status);
    };
  }

  /** Cookie-session attacks on a demo using signed cookies with {@code demoKey}. */
  void cookieSessions(String base, byte[] demoKey) {
    String against = "demo, signed cookie";
    String alice = login(base, "alice", "wonderland");
    String bob = login(base, "bob", "builder");
    row("control: alice's real cookie", against, "200", outcome(profile(base, alice)), profile(base, alice) == 200);

    char[] t = alice.toCharArray();
    int i = alice.startsWith(".") ? 3 : 2;
    t[i] = t[i] == 'A' ? 'B' : 'A';
    int s = profile(base, new String(t));
    row("tampered payload (one character changed)", against, "302", outcome(s), s == 302);

    String swapped = alice.substring(0, alice.lastIndexOf('.')) + bob.substring(bob.lastIndexOf('.'));
    s = profile(base, swapped);
    row("swapped signature (alice's payload, bob's signature)", against, "302", outcome(s), s == 302);

    Map<String, Object> claims = Map.of("user", "alice", "display_name", "Alice");
    Instant now = Instant.now();
    String forgedRight = SignedCookieCodec.of(KeyRing.of(demoKey)).encode(claims, now);
    s = profile(base, forgedRight);
    row("control: {user: alice} signed with the demo's own key", against, "200", outcome(s), s == 200);
    s = profile(base, SignedCookieCodec.of(KeyRing.generate()).encode(claims, now));
    row("key from another app ({user: alice} signed with another key)", against, "302", outcome(s), s == 302);
    s = profile(base, SignedCookieCodec.of(KeyRing.of(demoKey)).encode(claims, now.minus(Duration.ofDays(32))));
    row("expired timestamp (signed 32 days ago, max age 31 days)", against, "302", outcome(s), s == 302);
    s = profile(base, SignedCookieCodec.of(KeyRing.of(demoKey)).encode(claims, now.minus(Duration.ofHours(25))));
    row("idle too long (signed 25 h ago, idle timeout 24 h)", against, "302", outcome(s), s == 302);
    s = profile(base, SignedCookieCodec.of(KeyRing.of(demoKey)).encode(claims, now.plus(Duration.ofHours(1))));
    row("future timestamp (signed 1 h ahead, skew 60 s)", against, "302", outcome(s), s == 302);

    String carol = login(base, "alice", "wonderland");
    String token = Http.csrfToken(base + "/logout", "session=" + carol);
    Http.post(base + "/logout", "session=" + carol, Map.of("csrf_token", token));
    s = profile(base, carol);
    row("replay of a cookie after logout", against,
        "200 (accepted until it expires: a cookie session cannot be revoked; see below)", outcome(s), s == 200);
  }

  /** Server-side-session attacks, CSRF, fixation and malformed requests on a demo using a store. */
  void serverSide(String base, String storeName) {
    String against = "demo, " + storeName;
    String alice = login(base, "alice", "wonderland");
    String token = Http.csrfToken(base + "/logout", "session=" + alice);
    Http.post(base + "/logout", "session=" + alice, Map.of("csrf_token", token));
    int s = profile(base, alice);
    row("replay of a cookie after logout", against, "302 (the id is deleted from the store)", outcome(s), s == 302);

    String planted = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]).replace('A', 'x');
    Http.Reply page = Http.get(base + "/login", "session=" + planted);
    String s0 = page.cookie("session") != null ? page.cookie("session") : planted;
    String loginToken = Http.csrfToken(base + "/login", "session=" + s0);
    Http.Reply in = Http.post(base + "/login", "session=" + s0,
        Map.of("username", "alice", "password", "wonderland", "csrf_token", loginToken));
    String s1 = in.cookie("session");
    boolean fresh = s1 != null && !s1.equals(s0) && !s1.equals(planted);
    int oldId = profile(base, s0);
    int plantedId = profile(base, planted);
    row("session fixation (id planted before login, then login)", against,
        "new id at login; pre-login and planted ids not logged in",
        (fresh ? "new id issued" : "SAME id kept") + "; pre-login id " + outcome(oldId) + "; planted id "
            + outcome(plantedId), fresh && oldId == 302 && plantedId == 302);

    String victim = s1;
    String bob = login(base, "bob", "builder");
    String bobToken = Http.csrfToken(base + "/logout", "session=" + bob);
    int none = Http.post(base + "/logout", "session=" + victim, Map.of()).status();
    int stolen = Http.post(base + "/logout", "session=" + victim, Map.of("csrf_token", bobToken)).status();
    int still = profile(base, victim);
    row("CSRF: POST /logout without a token", against, "403", String.valueOf(none), none == 403);
    row("CSRF: POST /logout with a token from another session", against, "403; victim still logged in",
        stolen + "; victim " + outcome(still), stolen == 403 && still == 200);

    String ownToken = Http.csrfToken(base + "/set_cookie", "session=" + victim);
    Http.Reply inj = Http.post(base + "/set_cookie", "session=" + victim,
        Map.of("name", "x", "value", "a\r\nSet-Cookie: evil=1", "max_age", "", "csrf_token", ownToken));
    boolean noEvil = !inj.setCookies().containsKey("evil") && !inj.setCookies().containsKey("x");
    row("header injection: cookie value with CR LF via /set_cookie", against, "400, no header written",
        inj.status() + (noEvil ? ", nothing set" : ", COOKIE SET"), inj.status() == 400 && noEvil);
    inj = Http.post(base + "/set_cookie", "session=" + victim,
        Map.of("name", "x", "value", "a; Domain=evil.example", "max_age", "", "csrf_token", ownToken));
    noEvil = !inj.setCookies().containsKey("x");
    row("attribute injection: cookie value with '; Domain=' via /set_cookie", against, "400, no cookie set",
        inj.status() + (noEvil ? ", nothing set" : ", COOKIE SET"), inj.status() == 400 && noEvil);
    int raw = Http.raw(base, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: a=b\rX-Injected: 1\r\n\r\n");
    row("header injection: bare CR inside the Cookie header (raw socket)", against, "400 (no 5xx)",
        String.valueOf(raw), raw == 400);

    s = Http.get(base + "/profile", "session=" + "A".repeat(4000)).status();
    row("oversized session cookie (4,000 characters of junk)", against, "302 (fresh session), no 5xx",
        String.valueOf(s), s == 302);
    int big = Http.raw(base, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(64 * 1024) + "\r\n\r\n");
    row("oversized header (64 KiB)", against, "431 (no 5xx)", String.valueOf(big), big == 431);
    StringBuilder many = new StringBuilder();
    for (int c = 0; c < 10_000; c++) {
      many.append(c == 0 ? "" : "; ").append('c').append(c).append("=v");
    }
    int manyStatus = Http.raw(base, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + many + "\r\n\r\n");
    row("10,000 cookies in one Cookie header (~89 KiB)", against, "431 from the server (no 5xx)",
        String.valueOf(manyStatus), manyStatus == 431);
    String small = many.substring(0, Math.min(many.length(), RequestCookies.MAX_HEADER_LENGTH - 1));
    long t0 = System.nanoTime();
    RequestCookies parsed = RequestCookies.parse(small);
    long micros = (System.nanoTime() - t0) / 1000;
    boolean capped = parsed.contains("c0") && !parsed.contains("c" + (RequestCookies.MAX_PAIRS + 10));
    row("thousands of cookies given to the parser directly (32 KiB header, ~3,600 pairs)", "RequestCookies.parse",
        "first " + RequestCookies.MAX_PAIRS + " pairs kept, rest ignored, no exception",
        (capped ? "capped at " + RequestCookies.MAX_PAIRS : "NOT capped") + " in " + micros + " µs", capped);
  }

  /** JWT attacks against satchel-jwt's verifier (the demo has no JWT mode). */
  void jwt() throws Exception {
    String against = "JwtVerifier (RS256 key set)";
    JwtKey rsa = JwtKey.generate(JwtAlgorithm.RS256, "k1");
    JwtVerifier verifier = JwtVerifier.builder(JwtKeySet.of(rsa)).build();
    String real = JwtIssuer.builder(rsa).build().issue(JwtClaims.builder().subject("alice").build());
    JwtResult r = verifier.verify(real);
    row("control: a real RS256 token", against, "Valid", name(r), r instanceof JwtResult.Valid);
    String payload = b64("{\"sub\":\"alice\",\"exp\":" + (Instant.now().getEpochSecond() + 3600) + "}");
    for (String alg : new String[] {"none", "None", "NONE"}) {
      r = verifier.verify(b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}") + "." + payload + ".");
      row("alg=" + alg + ", empty signature", against, "Rejected", name(r), r instanceof JwtResult.Rejected);
    }
    byte[] der = publicKeyDer(rsa);
    String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END PUBLIC KEY-----\n";
    for (Map.Entry<String, byte[]> secret : Map.of("DER bytes", der, "PEM text",
        pem.getBytes(StandardCharsets.US_ASCII)).entrySet()) {
      String head = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}");
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getValue(), "HmacSHA256"));
      String sig = Base64.getUrlEncoder().withoutPadding()
          .encodeToString(mac.doFinal((head + "." + payload).getBytes(StandardCharsets.US_ASCII)));
      r = verifier.verify(head + "." + payload + "." + sig);
      row("HS/RS confusion: HS256 signed with the RSA public key (" + secret.getKey() + ")", against, "Rejected",
          name(r), r instanceof JwtResult.Rejected);
    }
  }

  private static byte[] publicKeyDer(JwtKey rsa) throws Exception {
    // The public half as an attacker would fetch it from a JWKS endpoint.
    String jwks = JwtKeySet.of(rsa).toJwks();
    com.nimbusds.jose.jwk.JWKSet set = com.nimbusds.jose.jwk.JWKSet.parse(jwks);
    RSAPublicKey pub = set.getKeys().get(0).toRSAKey().toRSAPublicKey();
    return pub.getEncoded();
  }

  private static String name(JwtResult r) {
    return r instanceof JwtResult.Rejected rej ? "Rejected (" + rej.reason() + ")" : "Valid";
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
