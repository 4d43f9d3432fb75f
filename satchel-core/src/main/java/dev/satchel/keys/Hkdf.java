package dev.satchel.keys;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF-SHA256 (RFC 5869) on top of the JDK's HmacSHA256: extract-then-expand, nothing else. */
final class Hkdf {

  static final int HASH_LEN = 32;
  private static final String HMAC = "HmacSHA256";

  private Hkdf() {}

  /** RFC 5869 §2.2: PRK = HMAC(salt, IKM); an empty or null salt means HashLen zero bytes. */
  static byte[] extract(byte[] salt, byte[] ikm) {
    byte[] effectiveSalt = salt == null || salt.length == 0 ? new byte[HASH_LEN] : salt;
    Mac mac = mac(effectiveSalt);
    return mac.doFinal(ikm);
  }

  /** RFC 5869 §2.3: OKM = T(1) | T(2) | ... truncated to {@code length} bytes. */
  static byte[] expand(byte[] prk, byte[] info, int length) {
    if (length < 1 || length > 255 * HASH_LEN) {
      throw new IllegalArgumentException("HKDF output length must be 1.." + 255 * HASH_LEN + ", got " + length);
    }
    Mac mac = mac(prk);
    byte[] okm = new byte[length];
    byte[] t = new byte[0];
    int written = 0;
    for (int i = 1; written < length; i++) {
      mac.update(t);
      mac.update(info == null ? new byte[0] : info);
      mac.update((byte) i);
      t = mac.doFinal();
      int n = Math.min(t.length, length - written);
      System.arraycopy(t, 0, okm, written, n);
      written += n;
    }
    return okm;
  }

  /** Extract and expand in one call. */
  static byte[] derive(byte[] salt, byte[] ikm, byte[] info, int length) {
    return expand(extract(salt, ikm), info, length);
  }

  private static Mac mac(byte[] key) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac;
    } catch (GeneralSecurityException e) {
      // Every Java SE runtime must provide HmacSHA256; reaching this means a broken JDK.
      throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
    }
  }
}
