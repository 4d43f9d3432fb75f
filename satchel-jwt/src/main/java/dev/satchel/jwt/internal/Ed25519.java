package dev.satchel.jwt.internal;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Moves Ed25519 keys between the JDK's encoded forms and the raw 32-byte values a JWK ({@code OKP}) carries.
 *
 * <p>The DER wrappers are fixed-length for Ed25519 (RFC 8410), so a constant prefix is the whole encoding: no ASN.1
 * parser needed, and anything of another length is refused.
 */
public final class Ed25519 {

  private static final byte[] SPKI_PREFIX = hex("302a300506032b6570032100");
  private static final byte[] PKCS8_PREFIX = hex("302e020100300506032b657004220420");
  private static final int KEY_BYTES = 32;

  private Ed25519() {}

  /** True when the JDK key is an Ed25519 key (the JDK names the algorithm "EdDSA" or "Ed25519"). */
  public static boolean isEd25519(Key key) {
    return key instanceof EdECKey ed && NamedParameterSpec.ED25519.getName().equalsIgnoreCase(ed.getParams().getName());
  }

  /** The 32-byte public key ({@code x} in a JWK). */
  public static byte[] rawPublic(PublicKey key) {
    byte[] der = key.getEncoded();
    if (!isEd25519(key) || der == null || der.length != SPKI_PREFIX.length + KEY_BYTES
        || !Arrays.equals(der, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
      throw new IllegalArgumentException("Not an Ed25519 public key: " + key.getAlgorithm());
    }
    return Arrays.copyOfRange(der, SPKI_PREFIX.length, der.length);
  }

  /** The 32-byte private key seed ({@code d} in a JWK). */
  public static byte[] rawPrivate(PrivateKey key) {
    if (!(key instanceof EdECPrivateKey ed) || !isEd25519(key)) {
      throw new IllegalArgumentException("Not an Ed25519 private key: " + key.getAlgorithm());
    }
    return ed.getBytes().orElseThrow(() -> new IllegalArgumentException("Ed25519 private key is not extractable"));
  }

  /** A JDK public key from its 32 raw bytes. */
  public static PublicKey publicKey(byte[] x) {
    requireLength(x, "x");
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(concat(SPKI_PREFIX, x)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("Invalid Ed25519 public key: " + e.getMessage(), e);
    }
  }

  /** A JDK private key from its 32-byte seed. */
  public static PrivateKey privateKey(byte[] d) {
    requireLength(d, "d");
    try {
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, d)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("Invalid Ed25519 private key: " + e.getMessage(), e);
    }
  }

  private static void requireLength(byte[] value, String name) {
    if (value == null || value.length != KEY_BYTES) {
      throw new IllegalArgumentException("Ed25519 '" + name + "' must be 32 bytes, got "
          + (value == null ? "none" : value.length));
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] hex(String s) {
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }
}
