package dev.satchel.flask;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.satchel.session.DecodeResult;
import java.time.Instant;
import java.util.Map;

/** Fuzzes the decode path: whatever arrives, a result comes back, never an exception. */
class FlaskSessionCodecFuzzTest {

  private static final FlaskSessionCodec CODEC = FlaskSessionCodec.builder("dev").build();
  private static final Instant T = Instant.ofEpochSecond(1700000000);
  private static final ItsDangerousTimestampSigner SIGNER = new ItsDangerousTimestampSigner(
      ItsDangerousSigner.builder("dev").salt("cookie-session").keyDerivation(KeyDerivation.HMAC).build());

  @FuzzTest(maxDuration = "20s")
  void decodeNeverThrows(FuzzedDataProvider data) {
    boolean signIt = data.consumeBoolean();
    String text = data.consumeRemainingAsString();
    // Signing the fuzzed payload reaches the base64, zlib and JSON layers behind the signature check.
    String cookie = signIt ? SIGNER.sign(text, T) : text;
    DecodeResult result = CODEC.decode(cookie, T);
    assertThat(result).isNotNull();
    if (result instanceof DecodeResult.Decoded decoded) {
      // Whatever was read must be writable again.
      assertThat(CODEC.encode(decoded.attributes(), T)).isNotNull();
    }
  }

  @FuzzTest(maxDuration = "20s")
  void taggedJsonReadsOrRefusesCleanly(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    Object value;
    try {
      value = TaggedJson.flask().loads(text);
    } catch (IllegalArgumentException expected) {
      return;
    }
    if (value instanceof Map<?, ?> || value instanceof java.util.List<?>) {
      String again = TaggedJson.flask().dumps(value);
      assertThat(RandomSessions.deepEquals(TaggedJson.flask().loads(again), value)).as(again).isTrue();
    }
  }
}
