package dev.satchel.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyTextTest {

  @Test
  void decodesEachPrefixedForm() {
    byte[] expected = {(byte) 0xfb, (byte) 0xff, 0x00, 0x10};
    assertThat(KeyText.parse("base64:+/8AEA==")).isEqualTo(expected);
    assertThat(KeyText.parse("base64:+/8AEA")).isEqualTo(expected);
    assertThat(KeyText.parse("base64url:-_8AEA")).isEqualTo(expected);
    assertThat(KeyText.parse("hex:fbff0010")).isEqualTo(expected);
    assertThat(KeyText.parse("hex:FBFF0010")).isEqualTo(expected);
  }

  @Test
  void anythingElseIsRawUtf8LikeFlask() {
    assertThat(KeyText.parse("  dev ")).isEqualTo("dev".getBytes(StandardCharsets.UTF_8));
    assertThat(KeyText.parse("Base64:abc")).isEqualTo("Base64:abc".getBytes(StandardCharsets.UTF_8));
    assertThat(KeyText.parse("clé")).isEqualTo("clé".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void badEncodingNamesThePrefixButNeverTheKey() {
    assertThatThrownBy(() -> KeyText.parse("hex:zzsecretzz"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key starts with 'hex:' but the rest is not valid hex")
        .message().doesNotContain("zzsecretzz");
    assertThatThrownBy(() -> KeyText.parse("base64:***")).hasMessageContaining("not valid base64");
    assertThatThrownBy(() -> KeyText.parse("base64:")).hasMessageContaining("empty");
    assertThatThrownBy(() -> KeyText.parse("   ")).hasMessage("key is empty");
  }

  @Test
  void formatRoundTripsAndGenerateIs32RandomBytes() {
    byte[] key = KeyText.generate();
    assertThat(key).hasSize(32).isNotEqualTo(KeyText.generate());
    assertThat(KeyText.format(key)).startsWith("base64:").hasSize(7 + 44);
    assertThat(KeyText.parse(KeyText.format(key))).isEqualTo(key);
  }
}
