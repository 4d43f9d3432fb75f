package dev.satchel.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class KeyStrengthTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  private static Optional<String> weakness(String text) {
    return KeyStrength.weakness(text, KeyText.parse(text));
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  @RepeatedTest(20)
  void whatTheDocumentedCommandsMakeIsStrong() {
    assertThat(weakness(KeyText.format(random(32)))).isEmpty();                               // satchel keygen
    assertThat(weakness(Base64.getEncoder().encodeToString(random(32)))).isEmpty();           // openssl rand -base64 32
    assertThat(weakness(HexFormat.of().formatHex(random(32)))).isEmpty();                     // openssl rand -hex 32
    assertThat(weakness(Base64.getUrlEncoder().withoutPadding().encodeToString(random(32)))).isEmpty(); // token_urlsafe
    assertThat(weakness("hex:" + HexFormat.of().formatHex(random(32)))).isEmpty();
  }

  @Test
  void shortKeysAreWeakWhateverTheirForm() {
    assertThat(weakness("dev")).hasValueSatisfying(r -> assertThat(r).contains("3 bytes long"));
    assertThat(weakness("base64:" + Base64.getEncoder().encodeToString(random(31))))
        .hasValueSatisfying(r -> assertThat(r).contains("31 bytes long, at least 32"));
  }

  @Test
  void textIsCountedByItsAlphabetNotItsByteLength() {
    // 16 random bytes as hex: 32 characters, 32 bytes, but only 128 bits.
    assertThat(weakness(HexFormat.of().formatHex(random(16))))
        .hasValueSatisfying(r -> assertThat(r).contains("128 bits"));
    // 24 random bytes in base64: 32 characters of 6 bits = 192 bits.
    assertThat(weakness(Base64.getEncoder().encodeToString(random(24))))
        .hasValueSatisfying(r -> assertThat(r).contains("192 bits"));
  }

  @Test
  void placeholdersRepetitionAndLowDiversityAreWeak() {
    assertThat(weakness("changeme-changeme-changeme-changeme-changeme"))
        .hasValueSatisfying(r -> assertThat(r).contains("'changeme'"));
    assertThat(weakness("my-super-secret-key-for-the-production-server-2024"))
        .hasValueSatisfying(r -> assertThat(r).contains("'secret'"));
    assertThat(weakness("a".repeat(64))).hasValueSatisfying(r -> assertThat(r).contains("distinct"));
    assertThat(weakness("Xq7#Zp2!Lm9@Rt4$Vb1%Nc8^Kd3&Wf6*".repeat(2))).hasValueSatisfying(r -> assertThat(r).contains("repeated"));
    assertThat(weakness("hex:" + "00".repeat(32))).hasValueSatisfying(r -> assertThat(r).contains("distinct"));
    assertThat(weakness("hex:" + "00112233445566778899aabbccddeeff".repeat(2)))
        .hasValueSatisfying(r -> assertThat(r).contains("repeated"));
  }
}
