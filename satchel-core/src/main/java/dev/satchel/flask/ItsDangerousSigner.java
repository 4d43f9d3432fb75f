package dev.satchel.flask;

import dev.satchel.session.DecodeResult.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * itsdangerous's {@code Signer}: appends {@code sep + base64url(HMAC(derived key, value))} to a value and checks it,
 * trying the current key first and then each fallback key.
 *
 * <p>Immutable and thread-safe. The base layer under {@link ItsDangerousTimestampSigner} and
 * {@link ItsDangerousSerializer}.
 */
public final class ItsDangerousSigner {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

  private final byte[] salt;
  private final KeyDerivation keyDerivation;
  private final HashAlgorithm digest;
  private final char separator;
  /** One initialised prototype per key, newest first; cloned per use because a Mac is not thread-safe. */
  private final List<Mac> macs;

  private ItsDangerousSigner(Builder b) {
    this.salt = b.salt;
    this.keyDerivation = b.keyDerivation;
    this.digest = b.digest;
    this.separator = b.separator;
    List<Mac> list = new ArrayList<>(b.keys.size());
    for (byte[] key : b.keys) {
      list.add(initMac(deriveKey(key)));
    }
    this.macs = List.copyOf(list);
  }

  /** A builder for these secret keys, newest (current) first; the rest are fallbacks accepted when verifying. */
  public static Builder builder(List<byte[]> secretKeysNewestFirst) {
    return new Builder(secretKeysNewestFirst);
  }

  /** A builder for a text secret key (UTF-8, as itsdangerous encodes {@code str} keys) and fallbacks, newest first. */
  public static Builder builder(String secretKey, String... fallbackKeysNewestFirst) {
    return new Builder(utf8Keys(secretKey, fallbackKeysNewestFirst));
  }

  static List<byte[]> utf8Keys(String secretKey, String... fallbacks) {
    Objects.requireNonNull(secretKey, "secretKey");
    List<byte[]> keys = new ArrayList<>();
    keys.add(secretKey.getBytes(StandardCharsets.UTF_8));
    for (String f : fallbacks) {
      keys.add(Objects.requireNonNull(f, "fallback key").getBytes(StandardCharsets.UTF_8));
    }
    return keys;
  }

  /** The signing key itsdangerous derives from a secret key and this salt. */
  byte[] deriveKey(byte[] secretKey) {
    try {
      switch (keyDerivation) {
        case CONCAT: {
          MessageDigest md = MessageDigest.getInstance(digest.digestName());
          md.update(salt);
          return md.digest(secretKey);
        }
        case DJANGO_CONCAT: {
          MessageDigest md = MessageDigest.getInstance(digest.digestName());
          md.update(salt);
          md.update("signer".getBytes(StandardCharsets.US_ASCII));
          return md.digest(secretKey);
        }
        case HMAC: {
          Mac mac = Mac.getInstance(digest.macName());
          mac.init(new SecretKeySpec(secretKey, digest.macName()));
          return mac.doFinal(salt);
        }
        case NONE:
          return secretKey.clone();
        default:
          throw new IllegalStateException("unknown key derivation " + keyDerivation);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(digest + " is not available in this JDK", e);
    }
  }

  private Mac initMac(byte[] key) {
    try {
      Mac mac = Mac.getInstance(digest.macName());
      mac.init(new SecretKeySpec(key, digest.macName()));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(digest + " is not available in this JDK", e);
    }
  }

  private static Mac copy(Mac prototype) {
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("this JDK's Mac cannot be cloned", e);
    }
  }

  /** The separator between value and signature. */
  public char separator() {
    return separator;
  }

  /** The base64url signature of {@code value} with the current key. */
  public String signature(String value) {
    byte[] mac = copy(macs.get(0)).doFinal(value.getBytes(StandardCharsets.UTF_8));
    return B64.encodeToString(mac);
  }

  /** {@code value + sep + signature}. */
  public String sign(String value) {
    return value + separator + signature(value);
  }

  /**
   * Which key signed {@code value}: 0 for the current one, 1.. for fallbacks, -1 for none, -2 when
   * {@code signature} is not base64url.
   */
  int verify(String value, String signature) {
    byte[] given;
    try {
      given = B64_DECODER.decode(signature);
    } catch (IllegalArgumentException e) {
      return -2;
    }
    byte[] data = value.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < macs.size(); i++) {
      byte[] expected = copy(macs.get(i)).doFinal(data);
      // Constant-time, so the time taken reveals nothing about how much of a forged signature was right.
      if (MessageDigest.isEqual(expected, given)) {
        return i;
      }
    }
    return -1;
  }

  /** Checks {@code value + sep + signature} and returns the value; never throws for bad input. */
  public LoadResult<String> unsign(String signedValue) {
    if (signedValue == null) {
      return new LoadResult.Failed<>(Reason.MALFORMED, "no value");
    }
    int cut = signedValue.lastIndexOf(separator);
    if (cut < 0) {
      return new LoadResult.Failed<>(Reason.MALFORMED, "no '" + separator + "' found in value");
    }
    String value = signedValue.substring(0, cut);
    int key = verify(value, signedValue.substring(cut + 1));
    if (key == -2) {
      return new LoadResult.Failed<>(Reason.MALFORMED, "signature is not base64url");
    }
    if (key < 0) {
      return new LoadResult.Failed<>(Reason.BAD_SIGNATURE, "signature does not match any key");
    }
    return new LoadResult.Loaded<>(value, null, key);
  }

  /** Configures a signer; defaults are itsdangerous's: salt {@code itsdangerous.Signer}, django-concat, SHA-1. */
  public static final class Builder {
    private final List<byte[]> keys;
    private byte[] salt = "itsdangerous.Signer".getBytes(StandardCharsets.US_ASCII);
    private KeyDerivation keyDerivation = KeyDerivation.DJANGO_CONCAT;
    private HashAlgorithm digest = HashAlgorithm.SHA1;
    private char separator = '.';

    Builder(List<byte[]> keysNewestFirst) {
      Objects.requireNonNull(keysNewestFirst, "secretKeys");
      if (keysNewestFirst.isEmpty()) {
        throw new IllegalArgumentException("secretKeys is empty: give at least the current secret key");
      }
      List<byte[]> copy = new ArrayList<>();
      for (int i = 0; i < keysNewestFirst.size(); i++) {
        byte[] key = keysNewestFirst.get(i);
        if (key == null || key.length == 0) {
          throw new IllegalArgumentException("secret key #" + i + " is " + (key == null ? "null" : "empty")
              + ": Flask and itsdangerous need a non-empty SECRET_KEY");
        }
        copy.add(key.clone());
      }
      this.keys = copy;
    }

    /** The salt (namespace) as text, UTF-8 encoded like itsdangerous does. */
    public Builder salt(String salt) {
      return salt(Objects.requireNonNull(salt, "salt").getBytes(StandardCharsets.UTF_8));
    }

    /** The salt as bytes. */
    public Builder salt(byte[] salt) {
      this.salt = Objects.requireNonNull(salt, "salt").clone();
      return this;
    }

    /** How the signing key is derived from secret key and salt. */
    public Builder keyDerivation(KeyDerivation keyDerivation) {
      this.keyDerivation = Objects.requireNonNull(keyDerivation, "keyDerivation");
      return this;
    }

    /** The hash for derivation and HMAC. */
    public Builder digest(HashAlgorithm digest) {
      this.digest = Objects.requireNonNull(digest, "digest");
      return this;
    }

    /** The separator; like itsdangerous, refuses characters that can occur in base64url. */
    public Builder separator(char separator) {
      if (Character.isLetterOrDigit(separator) && separator < 128 || separator == '-' || separator == '_'
          || separator == '=' || separator > 126 || separator < 33) {
        throw new IllegalArgumentException("separator '" + separator + "' may occur in the signature itself:"
            + " use a printable ASCII character other than letters, digits and '-_='");
      }
      this.separator = separator;
      return this;
    }

    /** The signer. */
    public ItsDangerousSigner build() {
      return new ItsDangerousSigner(this);
    }
  }

  @Override
  public String toString() {
    return "ItsDangerousSigner{salt=" + new String(salt, StandardCharsets.UTF_8) + ", keyDerivation="
        + keyDerivation + ", digest=" + digest + ", keys=" + macs.size() + "}";
  }
}
