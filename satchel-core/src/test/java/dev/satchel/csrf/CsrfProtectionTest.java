package dev.satchel.csrf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.http.SessionRequest;
import dev.satchel.session.Session;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CsrfProtectionTest {

  final CsrfProtection csrf = CsrfProtection.defaults();
  final Session session = Session.detached();

  static SessionRequest request(String method, Map<String, String> headers) {
    Map<String, String> lower = new LinkedHashMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    return new SessionRequest() {
      @Override
      public String method() {
        return method;
      }

      @Override
      public List<String> headers(String name) {
        String v = lower.get(name.toLowerCase(Locale.ROOT));
        return v == null ? List.of() : List.of(v);
      }

      @Override
      public boolean isSecure() {
        return false;
      }

      @Override
      public String remoteAddress() {
        return "127.0.0.1";
      }
    };
  }

  static SessionRequest post(Map<String, String> headers) {
    return request("POST", headers);
  }

  @Test
  void safeMethodsNeedNoToken() {
    for (String m : List.of("GET", "HEAD", "OPTIONS", "TRACE")) {
      assertThat(csrf.verify(request(m, Map.of()), session, null).allowed()).isTrue();
    }
  }

  @Test
  void aTokenOfThisSessionIsAccepted() {
    String token = csrf.token(session);
    assertThat(csrf.verify(post(Map.of("Host", "localhost:8080")), session, token).allowed()).isTrue();
  }

  @Test
  void tokensAreMaskedAfreshEachTimeAndAllVerify() {
    Set<String> tokens = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      String token = csrf.token(session);
      assertThat(tokens.add(token)).isTrue();
      assertThat(token).doesNotContain(session.csrfSecret());
      assertThat(csrf.verify(post(Map.of()), session, token).allowed()).isTrue();
    }
  }

  @Test
  void theTokenMayComeFromTheHeader() {
    String token = csrf.token(session);
    assertThat(csrf.verify(post(Map.of("X-CSRF-Token", token)), session, null).allowed()).isTrue();
  }

  @Test
  void aMissingTokenIsRefusedWithAReason() {
    session.csrfSecret();
    CsrfResult r = csrf.verify(post(Map.of()), session, null);
    assertThat(r.allowed()).isFalse();
    assertThat(r.reason()).contains("missing").contains("csrf_token");
  }

  @Test
  void aTokenStolenFromAnotherSessionIsRefused() {
    Session other = Session.detached();
    String stolen = csrf.token(other);
    session.csrfSecret();
    CsrfResult r = csrf.verify(post(Map.of()), session, stolen);
    assertThat(r.allowed()).isFalse();
    assertThat(r.reason()).contains("does not match");
  }

  @Test
  void aTokenForASessionWithoutSecretIsRefused() {
    String stolen = csrf.token(Session.detached());
    assertThat(csrf.verify(post(Map.of()), Session.detached(), stolen).reason()).contains("expired");
  }

  @Test
  void garbageTokensAreRefusedNotThrown() {
    session.csrfSecret();
    for (String garbage : List.of("x", "!!!!", "a".repeat(86), "a".repeat(10_000), "\u0000")) {
      assertThat(csrf.verify(post(Map.of()), session, garbage).allowed()).isFalse();
    }
  }

  @Test
  void crossSiteFetchMetadataIsRefusedEvenWithAValidToken() {
    String token = csrf.token(session);
    CsrfResult r = csrf.verify(post(Map.of("Sec-Fetch-Site", "cross-site")), session, token);
    assertThat(r.allowed()).isFalse();
    assertThat(r.reason()).contains("Cross-site");
  }

  @Test
  void aForeignOriginIsRefusedEvenWithAValidToken() {
    String token = csrf.token(session);
    CsrfResult r = csrf.verify(post(Map.of("Origin", "https://evil.example", "Host", "app.example")), session, token);
    assertThat(r.allowed()).isFalse();
    assertThat(r.reason()).contains("evil.example");
    assertThat(csrf.verify(post(Map.of("Origin", "null", "Host", "app.example")), session, token).allowed()).isFalse();
  }

  @Test
  void theSameOriginAndTrustedOriginsPass() {
    String token = csrf.token(session);
    assertThat(csrf.verify(post(Map.of("Origin", "http://localhost:8080", "Host", "localhost:8080")), session, token)
        .allowed()).isTrue();
    assertThat(csrf.verify(post(Map.of("Origin", "https://app.example", "Host", "app.example")), session, token)
        .allowed()).isTrue();
    CsrfProtection trusting = csrf.withTrustedOrigins(Set.of("https://admin.example"));
    assertThat(trusting.verify(post(Map.of("Origin", "https://admin.example", "Host", "app.example")), session, token)
        .allowed()).isTrue();
  }
}
