package dev.satchel.session.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.satchel.keys.KeyRing;
import dev.satchel.seal.Sealer;
import dev.satchel.session.DecodeResult;
import dev.satchel.sign.TimestampSigner;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * Fuzzes the signed and encrypted cookie decoders: whatever arrives, a result comes back, never an exception. Half
 * the inputs are given a valid signature (or sealed with the right key), so the base64, zlib, timestamp and JSON
 * layers behind the cryptographic check are reached too.
 */
class SessionCodecFuzzTest {

  private static final KeyRing KEYS = KeyRing.of(new byte[32]);
  private static final Instant T = Instant.ofEpochSecond(1_700_000_000);
  private static final SignedCookieCodec SIGNED = SignedCookieCodec.of(KEYS);
  private static final EncryptedCookieCodec ENCRYPTED = EncryptedCookieCodec.of(KEYS);
  private static final TimestampSigner SIGNER = TimestampSigner.of(KEYS.derive(SignedCookieCodec.PURPOSE));
  private static final Sealer SEALER = Sealer.of(KEYS.derive(EncryptedCookieCodec.PURPOSE));

  @FuzzTest(maxDuration = "20s")
  void signedDecodeNeverThrows(FuzzedDataProvider data) {
    boolean signIt = data.consumeBoolean();
    String text = data.consumeRemainingAsString();
    DecodeResult result = SIGNED.decode(signIt ? SIGNER.sign(text, T) : text, T);
    assertThat(result).isNotNull();
    if (result instanceof DecodeResult.Decoded decoded) {
      // Whatever was read must be writable again, and read back the same.
      String again = SIGNED.encode(decoded.attributes(), T);
      assertThat(SIGNED.decode(again, T)).isInstanceOf(DecodeResult.Decoded.class);
    }
  }

  @FuzzTest(maxDuration = "20s")
  void encryptedDecodeNeverThrows(FuzzedDataProvider data) {
    boolean sealIt = data.consumeBoolean();
    long issued = T.getEpochSecond() - data.consumeLong(-120, 40L * 24 * 3600);
    byte[] body = data.consumeRemainingAsBytes();
    String cookie;
    if (sealIt) {
      byte[] plain = ByteBuffer.allocate(8 + body.length).putLong(issued).put(body).array();
      cookie = SEALER.seal(plain, EncryptedCookieCodec.DEFAULT_ASSOCIATED_DATA);
    } else {
      cookie = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
    DecodeResult result = ENCRYPTED.decode(cookie, T);
    assertThat(result).isNotNull();
    if (result instanceof DecodeResult.Decoded decoded) {
      assertThat(ENCRYPTED.decode(ENCRYPTED.encode(decoded.attributes(), T), T))
          .isInstanceOf(DecodeResult.Decoded.class);
    }
  }
}
