package dev.satchel.flask;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.satchel.session.DecodeResult;
import dev.satchel.session.DecodeResult.Reason;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Satchel against the real Flask and itsdangerous (Debian's python3-flask), through one long-lived helper process:
 * Flask writes and Satchel reads, Satchel writes and Flask reads, and both write the same bytes.
 */
class FlaskInteropIT {

  private static final long SEED = Long.getLong("satchel.flask.seed", System.nanoTime());
  private static FlaskHelperProcess flask;
  private static String flaskVersion;

  @BeforeAll
  static void startFlask() throws IOException {
    flask = FlaskHelperProcess.start();
    JsonNode version = flask.call(FlaskHelperProcess.request("version"));
    flaskVersion = version.get("flask").asText();
    System.out.println("Flask interop against Flask " + flaskVersion + " (itsdangerous "
        + version.get("itsdangerous").asText() + ") on Python " + version.get("python").asText() + ", seed " + SEED
        + " (rerun with -Dsatchel.flask.seed=" + SEED + ")");
  }

  @AfterAll
  static void stopFlask() throws IOException {
    if (flask != null) {
      flask.close();
    }
  }

  private static ArrayNode keys(List<String> keys) {
    ArrayNode a = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    keys.forEach(a::add);
    return a;
  }

  @Test
  void sameBytesBothWaysForOver1000RandomSessions() throws IOException {
    RandomSessions sessions = new RandomSessions(SEED);
    SplittableRandom random = new SplittableRandom(SEED ^ 0x5eed);
    long[] timestamps = {0, 1, 255, 256, 65535, 1700000000, 4294967295L, 4294967296L, 253402300799L};
    int compressed = 0;
    for (int i = 0; i < 1200; i++) {
      List<String> secretKeys = new ArrayList<>();
      secretKeys.add("key-" + random.nextInt(1000) + "-\u00e9");
      for (int f = random.nextInt(3); f > 0; f--) {
        secretKeys.add("fallback-" + f);
      }
      FlaskSessionCodec codec = FlaskSessionCodec.builder(secretKeys.get(0),
          secretKeys.subList(1, secretKeys.size()).toArray(String[]::new)).build();
      long ts = random.nextInt(4) == 0 ? timestamps[random.nextInt(timestamps.length)]
          : random.nextLong(1_000_000_000L, 5_000_000_000L);
      Instant at = Instant.ofEpochSecond(ts);
      Map<String, Object> session = sessions.session();
      String ours = codec.encode(session, at);

      ObjectNode request = FlaskHelperProcess.request("roundtrip").put("ts", ts).put("java_cookie", ours);
      request.set("keys", keys(secretKeys));
      request.set("value", RandomSessions.describe(session));
      JsonNode answer = flask.call(request);

      String context = "session #" + i + " (seed " + SEED + "): " + session;
      assertThat(answer.get("read_equal").asBoolean())
          .as("Flask reads Satchel's cookie: %s %s", answer, context).isTrue();
      String theirs = answer.get("cookie").asText();
      assertThat(ours).as("same cookie for the same data, key and time: %s", context).isEqualTo(theirs);
      DecodeResult read = codec.decode(theirs, at);
      assertThat(read).as(context).isInstanceOf(DecodeResult.Decoded.class);
      DecodeResult.Decoded decoded = (DecodeResult.Decoded) read;
      assertThat(RandomSessions.deepEquals(decoded.attributes(), session))
          .as("Satchel reads Flask's cookie: got %s for %s", decoded.attributes(), context).isTrue();
      assertThat(decoded.issuedAt()).isEqualTo(at);
      if (theirs.startsWith(".")) {
        compressed++;
      }
    }
    // Both sides of the zlib threshold were exercised.
    assertThat(compressed).isBetween(50, 1150);
  }

  @Test
  void floatsPrintLikePythonRepr() throws IOException {
    RandomSessions sessions = new RandomSessions(SEED + 1);
    for (int batch = 0; batch < 20; batch++) {
      List<Double> values = new ArrayList<>();
      ArrayNode bits = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < 1000; i++) {
        double v = sessions.floating();
        values.add(v);
        bits.add(HexFormat.of().toHexDigits(Double.doubleToRawLongBits(v)));
      }
      ObjectNode request = FlaskHelperProcess.request("repr");
      request.set("bits", bits);
      JsonNode reprs = flask.call(request).get("reprs");
      for (int i = 0; i < values.size(); i++) {
        String python = reprs.get(i).asText().replace("nan", "NaN").replace("inf", "Infinity");
        assertThat(dev.satchel.flask.internal.PythonFloat.repr(values.get(i))).as("bits %s", bits.get(i))
            .isEqualTo(python);
      }
    }
  }

  @Test
  void otherItsDangerousStacksAgree() throws IOException {
    SplittableRandom random = new SplittableRandom(SEED + 2);
    RandomSessions sessions = new RandomSessions(SEED + 3);
    for (int i = 0; i < 300; i++) {
      KeyDerivation derivation = KeyDerivation.values()[random.nextInt(KeyDerivation.values().length)];
      HashAlgorithm digest = HashAlgorithm.values()[random.nextInt(HashAlgorithm.values().length)];
      String salt = sessions.string(8).replace("\uD83D", "").replace("\uDE00", "");
      boolean tagged = random.nextBoolean();
      long ts = random.nextLong(1_000_000_000L, 5_000_000_000L);
      ItsDangerousSerializer.Builder builder = ItsDangerousSerializer.builder("secret-" + i, "old")
          .salt(salt).keyDerivation(derivation).digest(digest);
      Object value;
      if (tagged) {
        builder.taggedJson(TaggedJson.flask());
        value = sessions.session();
      } else {
        // itsdangerous's own JSON: only plain JSON types, UTF-8, keys in insertion order.
        Map<String, Object> plain = new LinkedHashMap<>();
        plain.put("token", sessions.string(20).replace("\uD83Dx", "x").replace("\uDE00x", "x"));
        plain.put("n", random.nextInt());
        plain.put("list", List.of(1, "\u00fc\uD83D\uDE00", true));
        value = plain;
      }
      ItsDangerousSerializer serializer = builder.build();
      String ours = serializer.dumps(value, Instant.ofEpochSecond(ts));
      ObjectNode request = FlaskHelperProcess.request("roundtrip").put("ts", ts).put("java_cookie", ours)
          .put("flask", tagged).put("salt", salt).put("derivation", derivation.name()).put("digest", digest.name());
      request.set("keys", keys(List.of("secret-" + i, "old")));
      request.set("value", RandomSessions.describe(value));
      JsonNode answer = flask.call(request);
      assertThat(answer.get("read_equal").asBoolean()).as("%s %s %s", derivation, digest, answer).isTrue();
      assertThat(ours).as("%s %s", derivation, digest).isEqualTo(answer.get("cookie").asText());
      LoadResult<Object> back = serializer.loads(answer.get("cookie").asText(), Instant.ofEpochSecond(ts), null);
      assertThat(RandomSessions.deepEquals(back.loadedValue().orElseThrow(), value)).isTrue();
    }
  }

  @Test
  void verdictsOnBadCookiesAgreeWithFlask() throws IOException {
    FlaskSessionCodec codec = FlaskSessionCodec.builder("dev").build();
    Instant at = Instant.ofEpochSecond(1700000000);
    String good = codec.encode(Map.of("user_id", 42), at);
    long maxAge = Duration.ofDays(31).getSeconds();
    Object[][] cases = {
        {good, at.getEpochSecond(), Reason.class},
        {good, at.getEpochSecond() + maxAge, Reason.class},
        {good, at.getEpochSecond() + maxAge + 1, Reason.EXPIRED},
        {good, at.getEpochSecond() - 1, Reason.FUTURE_TIMESTAMP},
        {good.substring(0, good.length() - 1), at.getEpochSecond(), Reason.BAD_SIGNATURE},
        {"x" + good, at.getEpochSecond(), Reason.BAD_SIGNATURE},
        {good.replace(".ZVPxAA.", ".ZVPxAQ."), at.getEpochSecond(), Reason.BAD_SIGNATURE},
        {"garbage", at.getEpochSecond(), Reason.MALFORMED},
        {FlaskSessionCodec.builder("other").build().encode(Map.of("a", 1), at), at.getEpochSecond(),
            Reason.BAD_SIGNATURE},
    };
    for (Object[] c : cases) {
      String cookie = (String) c[0];
      long now = (Long) c[1];
      ObjectNode request = FlaskHelperProcess.request("loads").put("cookie", cookie).put("now", now)
          .put("max_age", maxAge);
      request.set("keys", keys(List.of("dev")));
      JsonNode flaskVerdict = flask.call(request);
      DecodeResult ours = codec.decode(cookie, Instant.ofEpochSecond(now));
      boolean flaskAccepts = flaskVerdict.get("ok").asBoolean();
      assertThat(ours instanceof DecodeResult.Decoded).as("%s at %d: Flask says %s", cookie, now, flaskVerdict)
          .isEqualTo(flaskAccepts);
      if (!flaskAccepts) {
        Reason reason = ((DecodeResult.Rejected) ours).reason();
        assertThat(reason).isEqualTo(c[2]);
        boolean timeProblem = reason == Reason.EXPIRED || reason == Reason.FUTURE_TIMESTAMP;
        assertThat(flaskVerdict.get("error").asText().equals("SignatureExpired")).as(flaskVerdict.toString())
            .isEqualTo(timeProblem);
      }
    }
  }

  @Test
  void aRealFlaskViewAcceptsSatchelsCookieAndItsFlashes() throws IOException {
    FlaskSessionCodec codec = FlaskSessionCodec.builder("shared-secret").build();
    Map<String, Object> session = new LinkedHashMap<>();
    session.put("user_id", "ada");
    session.put("_flashes", List.of(List.of("info", "Signed in from Java"), List.of("message", "\u00e9\uD83D\uDE00")));
    String cookie = codec.encode(session, Instant.now());
    ObjectNode request = FlaskHelperProcess.request("app_whoami").put("cookie", cookie);
    request.set("keys", keys(List.of("shared-secret")));
    JsonNode answer = flask.call(request);
    assertThat(answer.get("status").asInt()).isEqualTo(200);
    assertThat(answer.at("/body/user").asText()).isEqualTo("ada");
    assertThat(answer.at("/body/flashes").toString()).isEqualTo(
        "[[\"tuple\",[\"info\",\"Signed in from Java\"]],[\"tuple\",[\"message\",\"\u00e9\uD83D\uDE00\"]]]");

    ObjectNode forged = FlaskHelperProcess.request("app_whoami").put("cookie", cookie);
    forged.set("keys", keys(List.of("another-secret")));
    assertThat(flask.call(forged).at("/body/user").isNull()).isTrue();
  }

  @Test
  void flaskSecretKeyFallbacksAcceptACookieSatchelSignedWithTheOldKey() throws IOException {
    String[] v = flaskVersion.split("\\.");
    boolean hasFallbacks = Integer.parseInt(v[0]) > 3 || (Integer.parseInt(v[0]) == 3 && Integer.parseInt(v[1]) >= 1);
    org.junit.jupiter.api.Assumptions.assumeTrue(hasFallbacks,
        "SECRET_KEY_FALLBACKS needs Flask 3.1+, this is Flask " + flaskVersion);
    String cookie = FlaskSessionCodec.builder("old-key").build()
        .encode(Map.of("user_id", "ada"), Instant.now());
    ObjectNode request = FlaskHelperProcess.request("app_whoami").put("cookie", cookie);
    request.set("keys", keys(List.of("new-key", "old-key")));
    assertThat(flask.call(request).at("/body/user").asText()).isEqualTo("ada");
    ObjectNode withoutFallback = FlaskHelperProcess.request("app_whoami").put("cookie", cookie);
    withoutFallback.set("keys", keys(List.of("new-key")));
    assertThat(flask.call(withoutFallback).at("/body/user").isNull()).isTrue();
  }

  @Test
  void satchelReadsARealFlaskLoginAndHandsItBackUnchanged() throws IOException {
    FlaskSessionCodec codec = FlaskSessionCodec.builder("shared-secret").build();
    ObjectNode login = FlaskHelperProcess.request("app_login").put("user", "grace");
    login.set("keys", keys(List.of("shared-secret")));
    JsonNode answer = flask.call(login);
    String flaskCookie = answer.get("cookie").asText();
    DecodeResult read = codec.decode(flaskCookie, Instant.now().plusSeconds(1));
    assertThat(read).isInstanceOf(DecodeResult.Decoded.class);
    Map<String, Object> attributes = ((DecodeResult.Decoded) read).attributes();
    assertThat(attributes).containsEntry("user_id", "grace")
        .containsEntry("_flashes", List.of(List.of("info", "Welcome back"), List.of("message", "Second message")));

    String reissued = codec.encode(attributes, Instant.now());
    ObjectNode whoami = FlaskHelperProcess.request("app_whoami").put("cookie", reissued);
    whoami.set("keys", keys(List.of("shared-secret")));
    JsonNode flashes = flask.call(whoami);
    assertThat(flashes.at("/body/user").asText()).isEqualTo("grace");
    assertThat(flashes.at("/body/flashes").toString())
        .isEqualTo("[[\"tuple\",[\"info\",\"Welcome back\"]],[\"tuple\",[\"message\",\"Second message\"]]]");
  }

  @Test
  void theDocumentedExampleAppSharesItsLogin() throws IOException {
    java.nio.file.Path app = java.nio.file.Path.of("..", "examples", "flask-app", "app.py").toAbsolutePath();
    assertThat(app).exists();
    FlaskSessionCodec codec = FlaskSessionCodec.builder("example-secret").build();
    ObjectNode login = FlaskHelperProcess.request("example").put("path", app.toString()).put("user", "ada");
    login.set("keys", keys(List.of("example-secret")));
    String flaskCookie = flask.call(login).get("cookie").asText();
    Map<String, Object> attributes =
        ((DecodeResult.Decoded) codec.decode(flaskCookie, Instant.now().plusSeconds(1))).attributes();
    assertThat(attributes).containsEntry("user", "ada").containsEntry("display_name", "Ada")
        .containsEntry("_permanent", true)
        .containsEntry("_flashes", List.of(List.of("success", "Logged in as Ada (on the Flask side).")));

    Map<String, Object> fromJava = new LinkedHashMap<>(attributes);
    fromJava.put("user", "grace");
    fromJava.put("display_name", "Grace");
    fromJava.put("_flashes", List.of(List.of("info", "Hello from Java")));
    ObjectNode page = FlaskHelperProcess.request("example").put("path", app.toString())
        .put("cookie", codec.encode(fromJava, Instant.now()));
    page.set("keys", keys(List.of("example-secret")));
    String html = flask.call(page).get("page").asText();
    assertThat(html).contains("Logged in as <b>Grace</b>").contains("<p class='info'>Hello from Java</p>");
  }

  @Test
  void rememberCookieMatchesFlaskLoginsAlgorithm() throws IOException {
    RandomSessions sessions = new RandomSessions(SEED + 4);
    SplittableRandom random = new SplittableRandom(SEED + 5);
    for (int i = 0; i < 200; i++) {
      StringBuilder key = new StringBuilder("k");
      for (int j = random.nextInt(20); j > 0; j--) {
        key.append((char) random.nextInt(0x20, 0x100));
      }
      String user = i % 2 == 0 ? Integer.toString(random.nextInt(1_000_000))
          : sessions.string(12).replace("\uD83Dx", "x").replace("\uDE00x", "x");
      ObjectNode request = FlaskHelperProcess.request("remember");
      ArrayNode keyCps = request.putArray("key");
      key.toString().codePoints().forEach(keyCps::add);
      ArrayNode userCps = request.putArray("user");
      user.codePoints().forEach(userCps::add);
      String theirs = flask.call(request).get("cookie").asText();
      FlaskLoginRememberCookie remember = FlaskLoginRememberCookie.of(key.toString());
      assertThat(remember.encode(user)).isEqualTo(theirs);
      assertThat(remember.decode(theirs)).contains(user);
    }
  }
}
