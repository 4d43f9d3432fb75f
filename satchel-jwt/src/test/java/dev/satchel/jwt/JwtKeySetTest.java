package dev.satchel.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.satchel.jwt.JwtResult.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JwtKeySetTest {

  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  static String issue(JwtKeySet keys) {
    return JwtIssuer.builder(keys).build().issue(JwtClaims.builder().subject("u").build(), NOW);
  }

  static JwtResult verify(JwtKeySet keys, String token) {
    return JwtVerifier.builder(keys).build().verify(token, NOW);
  }

  @Test
  void rotationKeepsOldTokensValidWhileTheOldKeyIsPresent() {
    JwtKeySet v1 = JwtKeySet.of(JwtKey.generate(JwtAlgorithm.ES256, "2026-10"));
    String oldToken = issue(v1);

    JwtKeySet v2 = v1.rotateTo(JwtKey.generate(JwtAlgorithm.ES256, "2026-11"));
    String newToken = issue(v2);

    assertThat(v2.current().orElseThrow().id()).isEqualTo("2026-11");
    assertThat(newToken).isNotEqualTo(oldToken);
    assertThat(((JwtResult.Valid) verify(v2, oldToken)).keyId()).isEqualTo("2026-10");
    assertThat(((JwtResult.Valid) verify(v2, newToken)).keyId()).isEqualTo("2026-11");
    assertThat(v2.indexOf("2026-10")).isEqualTo(1);
    // Before the rotation reached it, a verifier does not know the new key yet.
    assertThat(((JwtResult.Rejected) verify(v1, newToken)).reason()).isEqualTo(Reason.UNKNOWN_KEY);

    JwtKeySet v3 = v2.without("2026-10");
    assertThat(((JwtResult.Rejected) verify(v3, oldToken)).reason()).isEqualTo(Reason.UNKNOWN_KEY);
    assertThat(verify(v3, newToken).isValid()).isTrue();
  }

  @Test
  void rotationAcrossAlgorithms() {
    JwtKeySet hs = JwtKeySet.of(JwtKey.generate(JwtAlgorithm.HS256, "hs"));
    String hsToken = issue(hs);
    JwtKeySet rotated = hs.rotateTo(JwtKey.generate(JwtAlgorithm.EDDSA, "ed"));
    assertThat(verify(rotated, hsToken).isValid()).isTrue();
    assertThat(verify(rotated, issue(rotated)).isValid()).isTrue();
  }

  @Test
  void keyRingOfSecretsDerivesStableIds() {
    byte[] older = "older secret, 32 bytes or longer".getBytes(StandardCharsets.US_ASCII);
    byte[] newer = "newer secret, 32 bytes or longer".getBytes(StandardCharsets.US_ASCII);
    JwtKeySet before = JwtKeySet.hs256Ring(List.of(older));
    JwtKeySet after = JwtKeySet.hs256Ring(List.of(newer, older));
    String oldToken = issue(before);

    assertThat(after.keys().get(1).id()).isEqualTo(before.keys().get(0).id()).startsWith("hs-").hasSize(15);
    assertThat(after.keys().get(0).id()).isNotEqualTo(after.keys().get(1).id());
    assertThat(JwtKeySet.hs256Ring(List.of(newer)).keys().get(0).id()).isEqualTo(after.keys().get(0).id());
    assertThat(((JwtResult.Valid) verify(after, oldToken)).keyId()).isEqualTo(before.keys().get(0).id());
    assertThat(verify(before, issue(after)).isValid()).isFalse();
  }

  @Test
  void keysFromASatchelKeyRingAreDerivedNotReused() throws Exception {
    byte[] appKey = "the application's cookie key, 32+".getBytes(StandardCharsets.US_ASCII);
    byte[] oldAppKey = "the previous cookie key, also 32+".getBytes(StandardCharsets.US_ASCII);
    dev.satchel.keys.KeyRing ring = dev.satchel.keys.KeyRing.of(appKey, oldAppKey);
    JwtKeySet hs = JwtKeySet.fromKeyRing(ring, JwtAlgorithm.HS256);
    assertThat(hs.keys()).hasSize(2);

    String token = issue(hs);
    assertThat(verify(hs, token).isValid()).isTrue();
    // Signed with the derived key, not with the raw cookie key.
    String withRawKey = Forge.hs256(Forge.json(Forge.part(token, 0)), Forge.json(Forge.part(token, 1)), appKey);
    assertThat(withRawKey).isNotEqualTo(token);
    assertThat(verify(JwtKeySet.hs256Ring(List.of(appKey)), token).isValid()).isFalse();

    JwtKeySet rotatedLater = JwtKeySet.fromKeyRing(dev.satchel.keys.KeyRing.of(
        "a brand new cookie key, 32 bytes+".getBytes(StandardCharsets.US_ASCII), appKey), JwtAlgorithm.HS256);
    assertThat(verify(rotatedLater, token).isValid()).isTrue();

    JwtKeySet enc = JwtKeySet.fromKeyRing(ring, JwtAlgorithm.DIR_A256GCM);
    String secretToken = issue(enc);
    assertThat(secretToken.split("\\.")).hasSize(5);
    assertThat(verify(enc, secretToken).isValid()).isTrue();
    assertThatThrownBy(() -> JwtKeySet.fromKeyRing(ring, JwtAlgorithm.RS256)).hasMessageContaining("shared secrets");
  }

  @Test
  void refusesDuplicateIdsAndVerifyOnlyCurrentKeys() {
    JwtKey a = JwtKey.generate(JwtAlgorithm.HS256, "same");
    JwtKey b = JwtKey.generate(JwtAlgorithm.HS256, "same");
    assertThatThrownBy(() -> JwtKeySet.of(a, b)).hasMessageContaining("'same'");
    JwtKey pub = JwtKey.generate(JwtAlgorithm.RS256, "r").publicOnly();
    assertThatThrownBy(() -> JwtKeySet.of(pub)).hasMessageContaining("cannot issue");
    assertThatThrownBy(() -> JwtIssuer.builder(JwtKeySet.verifyOnly(List.of(pub))))
        .hasMessageContaining("no current key");
    assertThatThrownBy(() -> JwtKeySet.of(a).without("same")).hasMessageContaining("current key");
    assertThatThrownBy(() -> JwtKeySet.hs256Ring(List.of())).hasMessageContaining("empty");
  }

  @Test
  void jwksRoundTripKeepsOnlyPublicSigningKeys() {
    JwtKeySet set = JwtKeySet.of(JwtKey.generate(JwtAlgorithm.RS256, "r"), JwtKey.generate(JwtAlgorithm.ES256, "e"),
        JwtKey.generate(JwtAlgorithm.EDDSA, "d"), JwtKey.generate(JwtAlgorithm.HS256, "h"),
        JwtKey.generate(JwtAlgorithm.DIR_A256GCM, "x"));
    JwtKeySet parsed = JwtKeySet.parseJwks(set.toJwks());
    assertThat(parsed.keys()).extracting(JwtKey::id).containsExactly("r", "e", "d");
    assertThat(parsed.keys()).noneMatch(JwtKey::canIssue);
    assertThat(parsed.current()).isEmpty();
  }

  @Test
  void jwksParsingSkipsWhatItCannotUse() {
    JwtKey ec = JwtKey.generate(JwtAlgorithm.ES256, "good");
    String doc = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-384\",\"kid\":\"p384\","
        + "\"x\":\"AAAA\",\"y\":\"AAAA\"},{\"kty\":\"oct\",\"k\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"},"
        + ec.toPublicJwk() + "]}";
    assertThat(JwtKeySet.parseJwks(doc).keys()).extracting(JwtKey::id).containsExactly("good");
    assertThatThrownBy(() -> JwtKeySet.parseJwks("[]")).isInstanceOf(IllegalArgumentException.class);
  }
}
