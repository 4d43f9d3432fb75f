package dev.satchel.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.jwt.JwtResult.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JwtVerifierTest {

  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  static final JwtKey HS = JwtKey.hs256("hs-1", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
  static final JwtKey RSA = JwtKey.generate(JwtAlgorithm.RS256, "rsa-1");

  static JwtIssuer issuer(JwtKey key) {
    return JwtIssuer.builder(key).issuer("https://login.example").audience("orders").ttl(Duration.ofMinutes(10))
        .build();
  }

  static JwtVerifier verifier(JwtKeySource keys) {
    return JwtVerifier.builder(keys).requireIssuer("https://login.example").requireAudience("orders")
        .clockSkew(Duration.ofSeconds(30)).build();
  }

  static JwtClaims user() {
    return JwtClaims.builder().subject("user-42").claim("roles", List.of("admin", "dev")).build();
  }

  static Reason reason(JwtResult r) {
    return r instanceof JwtResult.Rejected rej ? rej.reason() : null;
  }

  @ParameterizedTest
  @EnumSource(value = JwtAlgorithm.class, names = {"HS256", "RS256", "ES256", "EDDSA", "DIR_A256GCM"})
  void roundTripsEveryAlgorithm(JwtAlgorithm algorithm) {
    JwtKey key = JwtKey.generate(algorithm, "k-" + algorithm);
    String token = issuer(key).issue(user(), NOW);

    JwtResult result = verifier(JwtKeySet.of(key)).verify(token, NOW.plusSeconds(60));

    assertThat(result).isInstanceOf(JwtResult.Valid.class);
    JwtClaims claims = result.validClaims().orElseThrow();
    assertThat(claims.subject()).contains("user-42");
    assertThat(claims.get("roles")).isEqualTo(List.of("admin", "dev"));
    assertThat(claims.issuer()).contains("https://login.example");
    assertThat(claims.audience()).containsExactly("orders");
    assertThat(claims.issuedAt()).contains(NOW);
    assertThat(claims.expiresAt()).contains(NOW.plus(Duration.ofMinutes(10)));
    assertThat(claims.id()).isPresent();
    assertThat(((JwtResult.Valid) result).keyId()).isEqualTo(key.id());
    assertThat(token.split("\\.", -1)).hasSize(algorithm.isEncryption() ? 5 : 3);
  }

  @Test
  void eachTokenGetsItsOwnId() {
    JwtIssuer issuer = issuer(HS);
    JwtVerifier verifier = verifier(JwtKeySet.of(HS));
    String a = verifier.verify(issuer.issue(user(), NOW), NOW).validClaims().orElseThrow().id().orElseThrow();
    String b = verifier.verify(issuer.issue(user(), NOW), NOW).validClaims().orElseThrow().id().orElseThrow();
    assertThat(a).isNotEqualTo(b).hasSize(22);
  }

  @Test
  void rejectsAlgNone() {
    String header = Forge.b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
    String payload = Forge.b64("{\"sub\":\"admin\",\"iss\":\"https://login.example\",\"aud\":\"orders\",\"exp\":"
        + NOW.plusSeconds(600).getEpochSecond() + "}");
    for (String token : List.of(header + "." + payload + ".", header + "." + payload + ".c2ln")) {
      JwtResult r = verifier(JwtKeySet.of(HS)).verify(token, NOW);
      assertThat(reason(r)).as(token).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
      assertThat(((JwtResult.Rejected) r).detail()).contains("none");
    }
  }

  @Test
  void rejectsAlgNoneInAnyCase() {
    String header = Forge.b64("{\"alg\":\"NONE\",\"kid\":\"hs-1\"}");
    String token = header + "." + Forge.b64("{\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + "}") + ".";
    assertThat(reason(verifier(JwtKeySet.of(HS)).verify(token, NOW))).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
  }

  @Test
  void rejectsHs256SignedWithTheRsaPublicKeyAsSecret() throws Exception {
    JwtKeySet keys = JwtKeySet.of(RSA);
    byte[] spki = com.nimbusds.jose.jwk.RSAKey.parse(RSA.toPublicJwk()).toRSAPublicKey().getEncoded();
    String pem = "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(spki)
        + "\n-----END PUBLIC KEY-----\n";
    String claims = "{\"sub\":\"admin\",\"iss\":\"https://login.example\",\"aud\":\"orders\",\"exp\":"
        + NOW.plusSeconds(600).getEpochSecond() + "}";
    // The classic confusion: the attacker knows the public key and uses its bytes as the HMAC secret.
    byte[][] secrets = {pem.getBytes(StandardCharsets.US_ASCII), spki, RSA.toPublicJwk().getBytes(StandardCharsets.UTF_8)};
    for (byte[] secret : secrets) {
      String forged = Forge.hs256("{\"alg\":\"HS256\",\"kid\":\"rsa-1\",\"typ\":\"JWT\"}", claims, secret);
      JwtResult r = verifier(keys).verify(forged, NOW);
      assertThat(reason(r)).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
      assertThat(((JwtResult.Rejected) r).detail()).contains("pinned to RS256");
    }
  }

  @Test
  void verifiesFromManyThreads() throws Exception {
    JwtKeySet keys = JwtKeySet.of(JwtKey.generate(JwtAlgorithm.ES256, "ec"), HS, RSA);
    JwtVerifier v = JwtVerifier.builder(keys).requireAudience("orders").build();
    List<String> tokens = List.of(issuer(keys.keys().get(0)).issue(user(), NOW), issuer(HS).issue(user(), NOW),
        issuer(RSA).issue(user(), NOW));
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> {
          int valid = 0;
          for (int i = 0; i < 150; i++) {
            valid += v.verify(tokens.get(i % 3), NOW).isValid() ? 1 : 0;
          }
          return valid;
        }));
      }
      for (java.util.concurrent.Future<Integer> r : results) {
        assertThat(r.get()).isEqualTo(150);
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void rejectsAnAlgorithmTheVerifierDoesNotAllowEvenForAMatchingKey() {
    String token = issuer(HS).issue(user(), NOW);
    JwtVerifier onlyRsa = JwtVerifier.builder(JwtKeySet.of(HS)).requireIssuer("https://login.example")
        .requireAudience("orders").algorithms(JwtAlgorithm.RS256).build();
    assertThat(reason(onlyRsa.verify(token, NOW))).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
    assertThat(verifier(JwtKeySet.of(HS)).verify(token, NOW).isValid()).isTrue();
  }

  @Test
  void rejectsUnsupportedAlgorithm() throws Exception {
    String forged = Forge.hs256("{\"alg\":\"HS512\",\"kid\":\"hs-1\"}", "{\"exp\":9999999999}",
        "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    assertThat(reason(verifier(JwtKeySet.of(HS)).verify(forged, NOW))).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
  }

  @Test
  void ignoresAKeyEmbeddedInTheHeader() {
    JwtKey attacker = JwtKey.generate(JwtAlgorithm.RS256, "rsa-1");
    JwtIssuer forger = issuer(attacker);
    String token = forger.issue(user(), NOW);
    // Same kid as ours, signed by the attacker's key: the embedded/own key is never trusted.
    assertThat(reason(verifier(JwtKeySet.of(RSA)).verify(token, NOW))).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void rejectsExpiredBeyondSkew() {
    String token = issuer(HS).issue(user(), NOW);
    Instant exp = NOW.plus(Duration.ofMinutes(10));
    JwtVerifier v = verifier(JwtKeySet.of(HS));
    assertThat(v.verify(token, exp.plusSeconds(29)).isValid()).isTrue();
    assertThat(reason(v.verify(token, exp.plusSeconds(30)))).isEqualTo(Reason.EXPIRED);
    assertThat(reason(v.verify(token, exp.plus(Duration.ofDays(1))))).isEqualTo(Reason.EXPIRED);
  }

  @Test
  void zeroSkewExpiresExactlyAtExp() {
    String token = issuer(HS).issue(user(), NOW);
    JwtVerifier v = JwtVerifier.builder(JwtKeySet.of(HS)).requireAudience("orders").clockSkew(Duration.ZERO).build();
    Instant exp = NOW.plus(Duration.ofMinutes(10));
    assertThat(v.verify(token, exp.minusMillis(1)).isValid()).isTrue();
    assertThat(reason(v.verify(token, exp))).isEqualTo(Reason.EXPIRED);
  }

  @Test
  void requiresExp() {
    String token = issuer(HS).issue(user().toBuilder().build(), NOW);
    // Re-sign the same claims without exp: only possible for the key holder, and still refused.
    JwtClaims noExp = JwtClaims.builder().subject("u").issuer("https://login.example").audience("orders")
        .issuedAt(NOW).build();
    String forged = signWithoutDefaults(noExp);
    assertThat(verifier(JwtKeySet.of(HS)).verify(token, NOW).isValid()).isTrue();
    JwtResult r = verifier(JwtKeySet.of(HS)).verify(forged, NOW);
    assertThat(reason(r)).isEqualTo(Reason.MISSING_CLAIM);
  }

  /** Signs claims with HS exactly as given (the issuer would add exp). */
  static String signWithoutDefaults(JwtClaims claims) {
    try {
      return Forge.hs256("{\"alg\":\"HS256\",\"kid\":\"hs-1\"}",
          dev.satchel.json.SessionJson.write(claims.asMap()),
          "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void rejectsNotYetValid() {
    JwtClaims claims = user().toBuilder().notBefore(NOW.plusSeconds(120)).build();
    String token = issuer(HS).issue(claims, NOW);
    JwtVerifier v = verifier(JwtKeySet.of(HS));
    assertThat(reason(v.verify(token, NOW))).isEqualTo(Reason.NOT_YET_VALID);
    assertThat(v.verify(token, NOW.plusSeconds(90)).isValid()).isTrue();
  }

  @Test
  void rejectsIssuedInTheFuture() {
    String token = issuer(HS).issue(user(), NOW.plusSeconds(300));
    assertThat(reason(verifier(JwtKeySet.of(HS)).verify(token, NOW))).isEqualTo(Reason.NOT_YET_VALID);
  }

  @Test
  void rejectsWrongAudience() {
    String token = JwtIssuer.builder(HS).issuer("https://login.example").audience("billing").build().issue(user(), NOW);
    assertThat(reason(verifier(JwtKeySet.of(HS)).verify(token, NOW))).isEqualTo(Reason.WRONG_AUDIENCE);
  }

  @Test
  void acceptsAnyOfSeveralAudiences() {
    String token = JwtIssuer.builder(HS).issuer("https://login.example").audience("billing", "orders").build()
        .issue(user(), NOW);
    assertThat(verifier(JwtKeySet.of(HS)).verify(token, NOW).isValid()).isTrue();
  }

  @Test
  void rejectsMissingAudienceWhenOneIsRequired() {
    String token = JwtIssuer.builder(HS).issuer("https://login.example").build().issue(user(), NOW);
    assertThat(reason(verifier(JwtKeySet.of(HS)).verify(token, NOW))).isEqualTo(Reason.WRONG_AUDIENCE);
  }

  @Test
  void verifierWithoutAudienceRefusesTokensNamingOne() {
    String token = issuer(HS).issue(user(), NOW);
    JwtVerifier noAudience = JwtVerifier.builder(JwtKeySet.of(HS)).build();
    assertThat(reason(noAudience.verify(token, NOW))).isEqualTo(Reason.WRONG_AUDIENCE);
    String noAud = JwtIssuer.builder(HS).build().issue(user(), NOW);
    assertThat(noAudience.verify(noAud, NOW).isValid()).isTrue();
  }

  @Test
  void rejectsWrongOrMissingIssuer() {
    String wrong = JwtIssuer.builder(HS).issuer("https://evil.example").audience("orders").build().issue(user(), NOW);
    String none = JwtIssuer.builder(HS).audience("orders").build().issue(user(), NOW);
    assertThat(reason(verifier(JwtKeySet.of(HS)).verify(wrong, NOW))).isEqualTo(Reason.WRONG_ISSUER);
    assertThat(reason(verifier(JwtKeySet.of(HS)).verify(none, NOW))).isEqualTo(Reason.WRONG_ISSUER);
  }

  @ParameterizedTest
  @EnumSource(value = JwtAlgorithm.class, names = {"HS256", "RS256", "ES256", "EDDSA"})
  void rejectsTamperedPayload(JwtAlgorithm algorithm) {
    JwtKey key = JwtKey.generate(algorithm, "k");
    String token = issuer(key).issue(user(), NOW);
    String payload = Forge.json(Forge.part(token, 1)).replace("user-42", "user-1");
    String tampered = Forge.replacePart(token, 1, Forge.b64(payload));
    assertThat(reason(verifier(JwtKeySet.of(key)).verify(tampered, NOW))).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void rejectsTamperedHeader() {
    JwtKey other = JwtKey.hs256("hs-2", "another secret that is 32 bytes!".getBytes(StandardCharsets.US_ASCII));
    String token = issuer(HS).issue(user(), NOW);
    String header = Forge.json(Forge.part(token, 0)).replace("\"JWT\"", "\"at+jwt\"");
    String tampered = Forge.replacePart(token, 0, Forge.b64(header));
    assertThat(reason(verifier(JwtKeySet.of(HS, other)).verify(tampered, NOW))).isEqualTo(Reason.BAD_SIGNATURE);
    String kidSwapped = Forge.replacePart(token, 0, Forge.b64(Forge.json(Forge.part(token, 0)).replace("hs-1", "hs-2")));
    assertThat(reason(verifier(JwtKeySet.of(HS, other)).verify(kidSwapped, NOW))).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void rejectsTamperedSignature() {
    String token = issuer(RSA).issue(user(), NOW);
    String sig = Forge.part(token, 2);
    String flipped = sig.substring(0, 10) + (sig.charAt(10) == 'A' ? 'B' : 'A') + sig.substring(11);
    assertThat(reason(verifier(JwtKeySet.of(RSA)).verify(Forge.replacePart(token, 2, flipped), NOW)))
        .isEqualTo(Reason.BAD_SIGNATURE);
    // An empty signature part is not a JWS at all.
    assertThat(reason(verifier(JwtKeySet.of(RSA)).verify(Forge.replacePart(token, 2, ""), NOW)))
        .isEqualTo(Reason.MALFORMED);
  }

  @Test
  void rejectsUnknownKid() {
    JwtKey stranger = JwtKey.generate(JwtAlgorithm.HS256, "who-is-this");
    String token = issuer(stranger).issue(user(), NOW);
    JwtResult r = verifier(JwtKeySet.of(HS)).verify(token, NOW);
    assertThat(reason(r)).isEqualTo(Reason.UNKNOWN_KEY);
    assertThat(((JwtResult.Rejected) r).detail()).contains("who-is-this");
  }

  @Test
  void tokenWithoutKidNeedsASingleKeySource() throws Exception {
    byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    String noKid = Forge.hs256("{\"alg\":\"HS256\"}", "{\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + "}", secret);
    JwtVerifier single = JwtVerifier.builder(JwtKeySet.of(HS)).build();
    JwtVerifier several = JwtVerifier.builder(JwtKeySet.of(HS, JwtKey.generate(JwtAlgorithm.HS256, "b"))).build();
    assertThat(single.verify(noKid, NOW).isValid()).isTrue();
    assertThat(reason(several.verify(noKid, NOW))).isEqualTo(Reason.UNKNOWN_KEY);
  }

  @Test
  void failingKeySourceIsUnavailable() {
    String token = issuer(HS).issue(user(), NOW);
    JwtKeySource broken = new JwtKeySource() {
      @Override
      public java.util.Optional<JwtKey> find(String keyId) {
        throw new IllegalStateException("vault sealed");
      }

      @Override
      public java.util.Optional<JwtKey> soleKey() {
        throw new IllegalStateException("vault sealed");
      }
    };
    JwtResult r = JwtVerifier.builder(broken).build().verify(token, NOW);
    assertThat(reason(r)).isEqualTo(Reason.UNAVAILABLE);
    assertThat(((JwtResult.Rejected) r).detail()).contains("vault sealed");
  }

  @Test
  void rejectsDuplicateClaims() throws Exception {
    byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    String dup = Forge.hs256("{\"alg\":\"HS256\",\"kid\":\"hs-1\"}",
        "{\"sub\":\"user\",\"sub\":\"admin\",\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + "}", secret);
    assertThat(reason(JwtVerifier.builder(JwtKeySet.of(HS)).build().verify(dup, NOW))).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void rejectsRegisteredClaimsOfTheWrongType() throws Exception {
    byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    JwtVerifier v = JwtVerifier.builder(JwtKeySet.of(HS)).build();
    for (String payload : List.of("{\"exp\":\"tomorrow\"}", "{\"exp\":1e300}", "[1,2]", "\"just a string\"",
        "{\"exp\":9999999999,\"aud\":42}", "{\"exp\":9999999999,\"sub\":{\"id\":1}}", "not json")) {
      String token = Forge.hs256("{\"alg\":\"HS256\",\"kid\":\"hs-1\"}", payload, secret);
      assertThat(reason(v.verify(token, NOW))).as(payload).isEqualTo(Reason.MALFORMED);
    }
  }

  @Test
  void acceptsFractionalNumericDates() throws Exception {
    byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    String token = Forge.hs256("{\"alg\":\"HS256\",\"kid\":\"hs-1\"}",
        "{\"exp\":" + NOW.getEpochSecond() + ".5}", secret);
    JwtVerifier v = JwtVerifier.builder(JwtKeySet.of(HS)).clockSkew(Duration.ZERO).build();
    assertThat(v.verify(token, NOW.plusMillis(400)).validClaims().orElseThrow().expiresAt())
        .contains(NOW.plusMillis(500));
    assertThat(reason(v.verify(token, NOW.plusMillis(500)))).isEqualTo(Reason.EXPIRED);
  }

  @Test
  void rejectsCriticalHeaders() throws Exception {
    byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    String token = Forge.hs256("{\"alg\":\"HS256\",\"kid\":\"hs-1\",\"crit\":[\"exp\"],\"exp\":1}",
        "{\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + "}", secret);
    assertThat(reason(JwtVerifier.builder(JwtKeySet.of(HS)).build().verify(token, NOW))).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void onlyTheCanonicalSpellingOfATokenVerifies() {
    String token = issuer(HS).issue(user(), NOW);
    String sig = Forge.part(token, 2);
    JwtVerifier v = verifier(JwtKeySet.of(HS));
    assertThat(v.verify(token, NOW).isValid()).isTrue();
    // HMAC-SHA256 is 32 bytes: 43 characters, the last carrying 2 unused bits. Setting them keeps the same bytes.
    char last = sig.charAt(42);
    String alias = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char sameBytes = alias.charAt(alias.indexOf(last) | 1);
    String nonCanonical = Forge.replacePart(token, 2, sig.substring(0, 42) + sameBytes);
    assertThat(java.util.Base64.getUrlDecoder().decode(Forge.part(nonCanonical, 2)))
        .isEqualTo(java.util.Base64.getUrlDecoder().decode(sig));
    assertThat(reason(v.verify(nonCanonical, NOW))).isEqualTo(Reason.MALFORMED);
    assertThat(reason(v.verify(Forge.replacePart(token, 2, sig.substring(0, 10) + " " + sig.substring(10)), NOW)))
        .isEqualTo(Reason.MALFORMED);
    assertThat(reason(v.verify(Forge.replacePart(token, 2, sig + "="), NOW))).isEqualTo(Reason.MALFORMED);
  }

  /** Found by JwtFuzzTest: Nimbus throws a NullPointerException for a header of JSON {@code null}. */
  @Test
  void aHeaderThatIsJsonButNotAnObjectIsExplained() throws Exception {
    for (String header : List.of("null", " null", "[]", "1", "\"alg\"")) {
      byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
      JwtResult r = JwtVerifier.builder(JwtKeySet.of(HS)).build().verify(Forge.hs256(header, "{}", secret));
      assertThat(r).as(header).isInstanceOf(JwtResult.Rejected.class);
      assertThat(((JwtResult.Rejected) r).detail()).as(header).isEqualTo("the header is JSON but not an object");
    }    // The check itself must not trip over tokens without a dot (found by JwtFuzzTest#anyToken).
    for (String token : List.of("", "ab", "bnVsbA")) {
      assertThat(JwtVerifier.builder(JwtKeySet.of(HS)).build().verify(token)).isInstanceOf(JwtResult.Rejected.class);
    }
  }

  @Test
  void neverThrowsForGarbage() {
    JwtVerifier v = verifier(JwtKeySet.of(HS, RSA));
    List<String> garbage = List.of(".", "..", "....", "a.b.c", "a.b.c.d.e", "!!!.???.***", "eyJ.eyJ.eyJ",
        Forge.b64("{\"alg\":\"HS256\"") + ".e30.", Forge.b64("[]") + ".e30.", "\u0000.\u0000.\u0000",
        Forge.b64("{\"alg\":\"dir\",\"enc\":\"A256GCM\"}") + "....", "a".repeat(20_000),
        Forge.b64("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}") + "." + Forge.b64("{}") + ".%%%",
        Forge.b64("{\"alg\":\"HS256\",\n\"kid\":\u0001\r\n}") + ".e30.abcd",
        Forge.b64("{\"alg\":\"HS256\",\"crit\":[\"a\\nb\"]}") + ".e30.abcd",
        Forge.b64("{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"zip\":\"\\u0007\"}") + ".AA.AA.AA.AA");
    for (String g : garbage) {
      JwtResult r = v.verify(g, NOW);
      assertThat(r.isValid()).as(g).isFalse();
      assertThat(reason(r)).as(g).isIn(Reason.MALFORMED, Reason.ALGORITHM_NOT_ALLOWED, Reason.BAD_SIGNATURE,
          Reason.UNKNOWN_KEY);
      assertThat(((JwtResult.Rejected) r).detail()).as(g).doesNotContainPattern("[\\x00-\\x1f\\x7f]");
    }
    assertThat(reason(v.verify(null, NOW))).isEqualTo(Reason.MISSING);
    assertThat(reason(v.verify("", NOW))).isEqualTo(Reason.MISSING);
    assertThat(reason(v.verify("a".repeat(20_000), NOW))).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void detailNeverEchoesControlCharactersFromTheToken() throws Exception {
    byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    String token = Forge.hs256("{\"alg\":\"HS256\",\"kid\":\"x\\nFAKE LOG LINE\"}", "{\"exp\":9999999999}", secret);
    JwtResult r = verifier(JwtKeySet.of(HS)).verify(token, NOW);
    assertThat(reason(r)).isEqualTo(Reason.UNKNOWN_KEY);
    assertThat(((JwtResult.Rejected) r).detail()).doesNotContain("\n").contains("x?FAKE LOG LINE");
  }

  @Test
  void privateClaimsConvertToRecords() {
    record Cart(String id, int items) {}
    JwtClaims claims = JwtClaims.builder().claim("cart", new Cart("c1", 3)).claim("when", NOW).build();
    JwtKey key = JwtKey.generate(JwtAlgorithm.ES256, "ec");
    String token = JwtIssuer.builder(key).build().issue(claims, NOW);
    JwtClaims back = JwtVerifier.builder(JwtKeySet.of(key)).build().verify(token, NOW).validClaims().orElseThrow();
    assertThat(back.get("cart", Cart.class)).isEqualTo(new Cart("c1", 3));
    assertThat(back.get("cart")).isEqualTo(Map.of("id", "c1", "items", 3));
    assertThat(back.get("when", Instant.class)).isEqualTo(NOW);
  }
}
