package dev.satchel.flask;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Flask-Login's remember-me cookie ({@code remember_token}): {@code user_id|hex(HMAC-SHA512(SECRET_KEY, user_id))}.
 *
 * <p>As in Flask-Login, the HMAC key is the raw {@code SECRET_KEY} (no salt, no derivation) and a text key is
 * encoded as Latin-1, not UTF-8. Verification is constant-time and tries the current key, then fallbacks.
 * Immutable and thread-safe.
 */
public final class FlaskLoginRememberCookie {

  /** Flask-Login's default cookie name ({@code REMEMBER_COOKIE_NAME}). */
  public static final String DEFAULT_COOKIE_NAME = "remember_token";

  private static final String MAC = "HmacSHA512";
  private final List<Mac> macs;

  private FlaskLoginRememberCookie(List<byte[]> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no secret key given");
    }
    List<Mac> list = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      byte[] key = keys.get(i);
      if (key == null || key.length == 0) {
        throw new IllegalArgumentException("secret key #" + i + " is empty: Flask-Login needs a SECRET_KEY");
      }
      try {
        Mac mac = Mac.getInstance(MAC);
        mac.init(new SecretKeySpec(key, MAC));
        list.add(mac);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA512 is not available in this JDK", e);
      }
    }
    this.macs = List.copyOf(list);
  }

  /** For these keys as bytes, newest (Flask's {@code SECRET_KEY}) first. */
  public static FlaskLoginRememberCookie of(List<byte[]> secretKeysNewestFirst) {
    return new FlaskLoginRememberCookie(List.copyOf(secretKeysNewestFirst));
  }

  /**
   * For a text {@code SECRET_KEY} (and fallbacks, newest first), encoded as Latin-1 as Flask-Login does.
   *
   * @throws IllegalArgumentException if a key has a character Latin-1 cannot hold (Flask-Login fails on it too)
   */
  public static FlaskLoginRememberCookie of(String secretKey, String... fallbackKeysNewestFirst) {
    List<byte[]> keys = new ArrayList<>();
    keys.add(latin1(Objects.requireNonNull(secretKey, "secretKey")));
    for (String f : fallbackKeysNewestFirst) {
      keys.add(latin1(Objects.requireNonNull(f, "fallback key")));
    }
    return new FlaskLoginRememberCookie(keys);
  }

  private static byte[] latin1(String key) {
    for (int i = 0; i < key.length(); i++) {
      if (key.charAt(i) > 0xff) {
        throw new IllegalArgumentException("SECRET_KEY has a character beyond Latin-1 at index " + i
            + ": Flask-Login encodes text keys as Latin-1; pass the key as bytes instead");
      }
    }
    return key.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The cookie value for a user id (Flask-Login writes {@code str(user_id)}). */
  public String encode(String userId) {
    Objects.requireNonNull(userId, "userId");
    return userId + "|" + digest(macs.get(0), userId);
  }

  /** The user id in a genuine cookie value; empty when it is malformed or its digest does not match. */
  public Optional<String> decode(String cookieValue) {
    if (cookieValue == null) {
      return Optional.empty();
    }
    int cut = cookieValue.lastIndexOf('|');
    if (cut < 0) {
      return Optional.empty();
    }
    String userId = cookieValue.substring(0, cut);
    byte[] given = cookieValue.substring(cut + 1).getBytes(StandardCharsets.UTF_8);
    for (Mac mac : macs) {
      byte[] expected = digest(mac, userId).getBytes(StandardCharsets.US_ASCII);
      if (MessageDigest.isEqual(expected, given)) {
        return Optional.of(userId);
      }
    }
    return Optional.empty();
  }

  private static String digest(Mac prototype, String userId) {
    Mac mac;
    try {
      mac = (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("this JDK's Mac cannot be cloned", e);
    }
    return HexFormat.of().formatHex(mac.doFinal(userId.getBytes(StandardCharsets.UTF_8)));
  }
}
