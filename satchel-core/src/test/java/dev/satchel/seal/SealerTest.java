package dev.satchel.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.satchel.keys.KeyRing;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SealerTest {

  private static final KeyRing OLD = KeyRing.generate().derive("test.seal");
  private static final KeyRing NEW = KeyRing.generate().derive("test.seal");
  private static final byte[] MSG = "{\"user\":42}".getBytes(StandardCharsets.UTF_8);

  private static KeyRing ring(KeyRing... rings) {
    byte[][] keys = new byte[rings.length][];
    for (int i = 0; i < rings.length; i++) {
      keys[i] = rings[i].current();
    }
    return KeyRing.of(keys[0], java.util.Arrays.copyOfRange(keys, 1, keys.length));
  }

  @Test
  void roundTripsAndNeverRepeatsANonce() {
    Sealer sealer = Sealer.of(NEW);
    String a = sealer.seal(MSG, "session");
    String b = sealer.seal(MSG, "session");
    assertThat(a).isNotEqualTo(b).matches("[A-Za-z0-9_-]+");
    assertThat(sealer.unseal(a, "session")).isInstanceOfSatisfying(Unsealed.Opened.class, o -> {
      assertThat(o.plaintext()).isEqualTo(MSG);
      assertThat(o.keyIndex()).isZero();
    });
    assertThat(sealer.unseal(sealer.seal(new byte[0]))).isInstanceOfSatisfying(Unsealed.Opened.class,
        o -> assertThat(o.plaintext()).isEmpty());
  }

  @Test
  void layoutIsVersionKeyIdNonceCiphertextTag() {
    byte[] raw = Base64.getUrlDecoder().decode(Sealer.of(NEW).seal(MSG));
    assertThat(raw).hasSize(1 + 4 + 12 + MSG.length + 16);
    assertThat(raw[0]).isEqualTo((byte) 1);
    int id = ((raw[1] & 0xff) << 24) | ((raw[2] & 0xff) << 16) | ((raw[3] & 0xff) << 8) | (raw[4] & 0xff);
    assertThat(id).isEqualTo(Sealer.keyId(NEW.current()));
    // The key id does not depend on the key's position in the ring.
    byte[] rotated = Base64.getUrlDecoder().decode(Sealer.of(ring(OLD, NEW)).seal(MSG));
    assertThat(java.util.Arrays.copyOfRange(rotated, 1, 5)).isNotEqualTo(java.util.Arrays.copyOfRange(raw, 1, 5));
  }

  @Test
  void associatedDataBindsTheToken() {
    Sealer sealer = Sealer.of(NEW);
    String token = sealer.seal(MSG, "session");
    assertThat(sealer.unseal(token, "prefs")).isInstanceOf(Unsealed.Tampered.class);
    assertThat(sealer.unseal(token)).isInstanceOf(Unsealed.Tampered.class);
  }

  @Test
  void rotationPicksTheKeyByIdUntilTheFallbackIsRemoved() {
    String old = Sealer.of(OLD).seal(MSG);
    Unsealed u = Sealer.of(ring(NEW, OLD)).unseal(old);
    assertThat(u).isInstanceOfSatisfying(Unsealed.Opened.class, o -> {
      assertThat(o.plaintext()).isEqualTo(MSG);
      assertThat(o.keyIndex()).isEqualTo(1);
      assertThat(o.sealedWithFallbackKey()).isTrue();
    });
    assertThat(Sealer.of(NEW).unseal(old)).isInstanceOf(Unsealed.UnknownKey.class);
  }

  @Test
  void everyFlippedBitIsRefused() {
    Sealer sealer = Sealer.of(NEW);
    byte[] raw = Base64.getUrlDecoder().decode(sealer.seal(MSG, "s"));
    for (int i = 0; i < raw.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] t = raw.clone();
        t[i] ^= (byte) (1 << bit);
        Unsealed u = sealer.unseal(Base64.getUrlEncoder().withoutPadding().encodeToString(t), "s");
        assertThat(u).as("byte %d bit %d", i, bit).isNotInstanceOf(Unsealed.Opened.class);
        if (i == 0) {
          assertThat(u).isInstanceOf(Unsealed.Malformed.class);
        } else if (i < 5) {
          assertThat(u).isInstanceOf(Unsealed.UnknownKey.class);
        } else {
          assertThat(u).isInstanceOf(Unsealed.Tampered.class);
        }
      }
    }
  }

  @Test
  void malformedTokensSayWhy() {
    Sealer sealer = Sealer.of(NEW);
    String token = sealer.seal(MSG);
    assertThat(sealer.unseal(token.substring(0, 40))).isInstanceOfSatisfying(Unsealed.Malformed.class,
        m -> assertThat(m.detail()).startsWith("too short"));
    assertThat(sealer.unseal(token + "=")).isEqualTo(new Unsealed.Malformed("not base64url"));
    assertThat(sealer.unseal("é" + token)).isEqualTo(new Unsealed.Malformed("not base64url"));
    assertThat(sealer.unseal("€" + token.substring(1))).isEqualTo(new Unsealed.Malformed("not base64url"));
    assertThat(sealer.unseal((String) null)).isInstanceOf(Unsealed.Malformed.class);
    assertThat(sealer.unseal(token.substring(0, token.length() - 1))).isNotInstanceOf(Unsealed.Opened.class);
  }

  @Test
  void keysMustBe32BytesSoItIsAes256() {
    assertThatThrownBy(() -> Sealer.of(KeyRing.of(new byte[16])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be 32 bytes (AES-256), key 0 has 16")
        .hasMessageContaining("derive");
  }
}
