package dev.satchel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class Base64UrlTest {

  @Property
  void unsignedNumbersRoundTripAsMinimalBigEndianBase64Url(@ForAll @LongRange(min = 0, max = Base64Url.MAX_UNSIGNED) long v) {
    byte[] buf = new byte[16];
    int end = Base64Url.writeUnsigned(v, buf, 3);
    assertThat(Base64Url.readUnsigned(buf, 3, end)).isEqualTo(v);
    // Same text as the JDK encoder gives for the minimal big-endian bytes (what itsdangerous writes).
    byte[] be = ByteBuffer.allocate(8).putLong(v).array();
    int skip = 0;
    while (skip < 7 && be[skip] == 0) {
      skip++;
    }
    String jdk = Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOfRange(be, skip, 8));
    assertThat(new String(buf, 3, end - 3, StandardCharsets.US_ASCII)).isEqualTo(jdk);
  }

  @Property
  void validationMatchesWhatTheJdkDecoderAccepts(@ForAll byte[] text) {
    boolean jdkAccepts;
    try {
      Base64.getUrlDecoder().decode(text);
      jdkAccepts = !new String(text, StandardCharsets.ISO_8859_1).contains("=");
    } catch (IllegalArgumentException e) {
      jdkAccepts = false;
    }
    assertThat(Base64Url.isValid(text, 0, text.length)).isEqualTo(jdkAccepts);
  }

  @Property
  void encodedLengthIsWhatTheJdkWrites(@ForAll byte[] data) {
    assertThat(Base64Url.encodedLength(data.length))
        .isEqualTo(Base64.getUrlEncoder().withoutPadding().encode(data).length);
  }
}
