package dev.satchel.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KeyRingTest {

  private static final byte[] A = "a-first-key-a-first-key-a-first-key!".getBytes(StandardCharsets.UTF_8);
  private static final byte[] B = "b-second-key-b-second-key-b-second!!".getBytes(StandardCharsets.UTF_8);

  @Test
  void currentComesFirstThenFallbacksInOrder() {
    KeyRing ring = KeyRing.of(A, B);
    assertThat(ring.size()).isEqualTo(2);
    assertThat(ring.current()).isEqualTo(A);
    assertThat(ring.key(1)).isEqualTo(B);
    assertThat(ring.all()).containsExactly(A, B);
    assertThatThrownBy(() -> ring.key(2)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void isImmutableAgainstCallerArraysAndReturnedCopies() {
    byte[] input = A.clone();
    KeyRing ring = KeyRing.of(input);
    input[0] = 0;
    ring.current()[1] = 0;
    ring.all().get(0)[2] = 0;
    assertThat(ring.current()).isEqualTo(A);
  }

  @Test
  void rejectsEmptyAndNullKeysNamingTheIndex() {
    assertThatThrownBy(() -> KeyRing.of(A, new byte[0])).hasMessage("key 1 is empty");
    assertThatThrownBy(() -> KeyRing.of((byte[]) null)).hasMessage("key 0 is null");
  }

  @Test
  void toStringNeverPrintsKeyMaterial() {
    KeyRing ring = KeyRing.of(A, B).derive("satchel.test");
    String s = ring.toString();
    assertThat(s).isEqualTo("KeyRing[2 keys, derived for 'satchel.test']");
    assertThat(s).doesNotContain(new String(A, StandardCharsets.UTF_8).substring(0, 8));
    assertThat(s).doesNotContain(HexFormat.of().formatHex(ring.current()).substring(0, 8));
  }

  @Test
  void deriveIsHkdfSha256PerKeyInTheSameOrder() {
    KeyRing ring = KeyRing.of(A, B);
    KeyRing derived = ring.derive("satchel.session.signed");
    assertThat(derived.size()).isEqualTo(2);
    byte[] info = "satchel.session.signed".getBytes(StandardCharsets.UTF_8);
    assertThat(derived.key(0)).isEqualTo(Hkdf.derive(null, A, info, 32));
    assertThat(derived.key(1)).isEqualTo(Hkdf.derive(null, B, info, 32));
    // Deterministic across calls, so every process derives the same keys.
    assertThat(ring.derive("satchel.session.signed").all()).containsExactlyElementsOf(derived.all());
  }

  @Test
  void differentPurposesGiveUnrelatedKeys() {
    KeyRing ring = KeyRing.of(A);
    assertThat(ring.derive("satchel.session.signed").current())
        .isNotEqualTo(ring.derive("satchel.session.encrypted").current())
        .isNotEqualTo(A)
        .hasSize(32);
  }

  @Test
  void generateMakesRandom32ByteKeys() {
    assertThat(KeyRing.generate().current()).hasSize(32).isNotEqualTo(KeyRing.generate().current());
  }
}
