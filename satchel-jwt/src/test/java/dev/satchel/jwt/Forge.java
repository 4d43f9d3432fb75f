package dev.satchel.jwt;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Hand-made tokens for attack tests: what an attacker can produce without our keys. */
final class Forge {

  private Forge() {}

  static String b64(String json) {
    return b64(json.getBytes(StandardCharsets.UTF_8));
  }

  static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String json(String b64) {
    return new String(Base64.getUrlDecoder().decode(b64), StandardCharsets.UTF_8);
  }

  /** header.payload.HMAC-SHA256(secret, header.payload). */
  static String hs256(String headerJson, String payloadJson, byte[] secret) throws Exception {
    String input = b64(headerJson) + "." + b64(payloadJson);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
  }

  /** Replaces one part (0 header, 1 payload, 2 signature) of a compact token. */
  static String replacePart(String token, int index, String newPart) {
    String[] parts = token.split("\\.", -1);
    parts[index] = newPart;
    return String.join(".", parts);
  }

  static String part(String token, int index) {
    return token.split("\\.", -1)[index];
  }
}
