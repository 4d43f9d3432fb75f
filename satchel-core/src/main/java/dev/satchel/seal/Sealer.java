package dev.satchel.seal;

import dev.satchel.keys.KeyRing;
import dev.satchel.internal.Base64Url;
import dev.satchel.internal.Pool;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts and authenticates bytes into a base64url token: AES-256-GCM, a random 96-bit nonce per token, a 128-bit
 * tag, and a key id so rotation works.
 *
 * <p>Token (before base64url): {@code version(1) = 0x01 | keyId(4) | nonce(12) | ciphertext | tag(16)}. The key id
 * is the first 4 bytes of HMAC-SHA256(key, "satchel.seal.key-id"): stable for a key, independent of its position in
 * the ring, and revealing nothing about it. Unsealing picks the key by id and never tries keys blindly. The version
 * and key id are authenticated (part of the GCM associated data), together with the caller's associated data, which
 * binds a token to its use: a token sealed for cookie "session" does not open as cookie "prefs".
 *
 * <p>Keys must be 32 bytes: pass a derived ring ({@code keys.derive("myapp.encryption")}). Immutable and thread-safe.
 */
public final class Sealer {

  private static final byte VERSION = 1;
  private static final int KEY_ID_BYTES = 4;
  private static final int HEADER_BYTES = 1 + KEY_ID_BYTES;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int TAG_BYTES = TAG_BITS / 8;
  /** Bytes a token adds to its plaintext. */
  public static final int OVERHEAD = HEADER_BYTES + NONCE_BYTES + TAG_BYTES;

  private static final byte[] NO_AAD = new byte[0];
  private static final Unsealed UNKNOWN_KEY = new Unsealed.UnknownKey();
  private static final Unsealed TAMPERED = new Unsealed.Tampered();

  private final SecretKeySpec[] keys;
  private final int[] keyIds;
  private final Pool<Lease> pool = new Pool<>(Lease::new);

  /** A cipher and a random generator for one thread at a time. */
  private static final class Lease {
    final Cipher cipher;
    final SecureRandom random;
    /**
     * Nonces drawn from the SecureRandom 64 at a time: one generator call instead of 64 (it dominated the cost of a
     * seal). Safe to keep ahead of time because nonces are public: every token carries its own in clear.
     */
    final byte[] nonces = new byte[NONCE_BYTES * 64];
    int nextNonce = nonces.length;

    /** Copies a fresh random nonce to {@code dst[at]}. */
    void nonce(byte[] dst, int at) {
      if (nextNonce == nonces.length) {
        random.nextBytes(nonces);
        nextNonce = 0;
      }
      System.arraycopy(nonces, nextNonce, dst, at, NONCE_BYTES);
      // Wiped once used, so a nonce can never be handed out twice even if this code is changed carelessly.
      java.util.Arrays.fill(nonces, nextNonce, nextNonce + NONCE_BYTES, (byte) 0);
      nextNonce += NONCE_BYTES;
    }

    Lease() {
      try {
        cipher = Cipher.getInstance("AES/GCM/NoPadding");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES/GCM/NoPadding is not available in this JDK", e);
      }
      random = newRandom();
    }
  }

  private Sealer(KeyRing ring) {
    int n = ring.size();
    keys = new SecretKeySpec[n];
    keyIds = new int[n];
    for (int i = 0; i < n; i++) {
      byte[] k = ring.key(i);
      if (k.length != 32) {
        throw new IllegalArgumentException("Sealer keys must be 32 bytes (AES-256), key " + i + " has " + k.length
            + "; derive them: keys.derive(\"<purpose>\")");
      }
      keys[i] = new SecretKeySpec(k, "AES");
      keyIds[i] = keyId(k);
    }
  }

  /** A sealer encrypting with key 0 of {@code keys} and opening tokens of any of them. */
  public static Sealer of(KeyRing keys) {
    return new Sealer(Objects.requireNonNull(keys, "keys"));
  }

  /** Seals {@code plaintext} with no associated data. */
  public String seal(byte[] plaintext) {
    return seal(plaintext, 0, plaintext.length, NO_AAD);
  }

  /** Seals {@code plaintext}, bound to {@code associatedData} (which is authenticated, not stored). */
  public String seal(byte[] plaintext, String associatedData) {
    return seal(plaintext, 0, plaintext.length, associatedData.getBytes(StandardCharsets.UTF_8));
  }

  /** Seals {@code plaintext[offset, offset + length)}, bound to {@code associatedData}. */
  public String seal(byte[] plaintext, int offset, int length, byte[] associatedData) {
    Objects.checkFromIndexSize(offset, length, plaintext.length);
    byte[] raw = new byte[OVERHEAD + length];
    raw[0] = VERSION;
    writeInt(raw, 1, keyIds[0]);
    Lease lease = pool.acquire();
    try {
      lease.nonce(raw, HEADER_BYTES);
      Cipher c = lease.cipher;
      c.init(Cipher.ENCRYPT_MODE, keys[0], new GCMParameterSpec(TAG_BITS, raw, HEADER_BYTES, NONCE_BYTES));
      c.updateAAD(raw, 0, HEADER_BYTES);
      c.updateAAD(associatedData);
      c.doFinal(plaintext, offset, length, raw, HEADER_BYTES + NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      // Only a broken JDK or a programming error gets here: the key, nonce and buffers are all well-formed.
      throw new IllegalStateException("AES-GCM encryption failed", e);
    } finally {
      pool.release(lease);
    }
    byte[] out = new byte[Base64Url.encodedLength(raw.length)];
    Base64Url.ENCODER.encode(raw, out);
    return new String(out, StandardCharsets.ISO_8859_1);
  }

  /** Opens a token sealed with no associated data. */
  public Unsealed unseal(String token) {
    return unseal(token, NO_AAD);
  }

  /** Opens a token sealed with {@code associatedData}. */
  public Unsealed unseal(String token, String associatedData) {
    return unseal(token, associatedData.getBytes(StandardCharsets.UTF_8));
  }

  /** Opens a token sealed with {@code associatedData}; never throws for bad input. */
  public Unsealed unseal(String token, byte[] associatedData) {
    if (token == null) {
      return new Unsealed.Malformed("no value");
    }
    byte[] ascii = token.getBytes(StandardCharsets.ISO_8859_1);
    if (!Base64Url.isValid(ascii, 0, ascii.length) || hasNonLatin1(token, ascii)) {
      return new Unsealed.Malformed("not base64url");
    }
    byte[] raw = Base64Url.DECODER.decode(ascii);
    if (raw.length < OVERHEAD) {
      return new Unsealed.Malformed("too short: " + raw.length + " bytes, a sealed token has at least " + OVERHEAD);
    }
    if (raw[0] != VERSION) {
      return new Unsealed.Malformed("unknown format version " + (raw[0] & 0xff));
    }
    int id = readInt(raw, 1);
    boolean known = false;
    for (int i = 0; i < keys.length; i++) {
      if (keyIds[i] == id) {
        known = true;
        byte[] plain = open(raw, keys[i], associatedData);
        if (plain != null) {
          return new Unsealed.Opened(plain, i);
        }
      }
    }
    return known ? TAMPERED : UNKNOWN_KEY;
  }

  /** The plaintext, or null when authentication fails. */
  private byte[] open(byte[] raw, SecretKeySpec key, byte[] associatedData) {
    Lease lease = pool.acquire();
    try {
      Cipher c = lease.cipher;
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, HEADER_BYTES, NONCE_BYTES));
      c.updateAAD(raw, 0, HEADER_BYTES);
      c.updateAAD(associatedData);
      int start = HEADER_BYTES + NONCE_BYTES;
      byte[] plain = new byte[raw.length - start - TAG_BYTES];
      c.doFinal(raw, start, raw.length - start, plain, 0);
      return plain;
    } catch (AEADBadTagException e) {
      // The JCE reports a failed tag only by exception; it becomes a result here.
      return null;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    } finally {
      pool.release(lease);
    }
  }

  /** The key id of a 32-byte key, as {@link Sealer} writes it. */
  static int keyId(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return readInt(mac.doFinal("satchel.seal.key-id".getBytes(StandardCharsets.US_ASCII)), 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
    }
  }

  private static boolean hasNonLatin1(String token, byte[] ascii) {
    // getBytes(ISO_8859_1) turns characters above U+00FF into '?', which is not base64url: already refused.
    return ascii.length != token.length();
  }

  private static SecureRandom newRandom() {
    try {
      // DRBG instances are independent (NativePRNG shares one lock process-wide), so pooled leases never contend.
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }

  private static void writeInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  private static int readInt(byte[] b, int at) {
    return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
  }
}
