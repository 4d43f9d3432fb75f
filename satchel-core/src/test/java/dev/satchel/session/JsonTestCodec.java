package dev.satchel.session;

import dev.satchel.json.SessionJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * An UNSIGNED codec for testing the lifecycle alone: {@code epochSeconds.keyIndex.base64url(json)}. Real codecs
 * (signed, encrypted, Flask, JWT) are tested on their own.
 */
final class JsonTestCodec implements SessionCodec {

  int keyIndexToReport;

  @Override
  public String encode(Map<String, Object> attributes, Instant now) {
    return now.getEpochSecond() + "." + keyIndexToReport + "."
        + Base64.getUrlEncoder().withoutPadding().encodeToString(SessionJson.writeBytes(attributes));
  }

  @Override
  public DecodeResult decode(String cookieValue, Instant now) {
    String[] parts = cookieValue.split("\\.", 3);
    if (parts.length != 3) {
      return DecodeResult.rejected(DecodeResult.Reason.MALFORMED, "parts");
    }
    try {
      long ts = Long.parseLong(parts[0]);
      int key = Integer.parseInt(parts[1]);
      byte[] json = Base64.getUrlDecoder().decode(parts[2].getBytes(StandardCharsets.US_ASCII));
      return SessionJson.readMap(json)
          .<DecodeResult>map(m -> new DecodeResult.Decoded(m, Instant.ofEpochSecond(ts), key))
          .orElse(DecodeResult.rejected(DecodeResult.Reason.BAD_PAYLOAD, "json"));
    } catch (IllegalArgumentException e) {
      return DecodeResult.rejected(DecodeResult.Reason.MALFORMED, e.getMessage());
    }
  }
}
