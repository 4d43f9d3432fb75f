package dev.satchel.keys;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The application's secret keys: one current key that signs and encrypts, and fallback keys, newest first, that
 * still verify and decrypt during a rotation. Immutable; every accessor hands out copies.
 *
 * <p>Index 0 is the current key, 1.. the fallbacks. {@link #toString()} never prints key material.
 */
public final class KeyRing {

  /** Output length of {@link #derive(String)}: 32 bytes, the size of an HMAC-SHA256 or AES-256 key. */
  public static final int DERIVED_KEY_BYTES = 32;

  private final byte[][] keys;
  private final String description;

  private KeyRing(byte[][] keys, String description) {
    this.keys = keys;
    this.description = description;
  }

  /**
   * A ring from raw key bytes, current key first. Strength is not checked here (tests and interop vectors use short
   * keys); {@link #fromEnvironment()} is where production rules apply.
   *
   * @throws IllegalArgumentException if a key is null or empty
   */
  public static KeyRing of(byte[] current, byte[]... fallbacks) {
    Objects.requireNonNull(fallbacks, "fallbacks");
    byte[][] keys = new byte[1 + fallbacks.length][];
    keys[0] = checked(current, 0);
    for (int i = 0; i < fallbacks.length; i++) {
      keys[i + 1] = checked(fallbacks[i], i + 1);
    }
    return new KeyRing(keys, "");
  }

  /** A ring from raw keys in a list, current key first. */
  public static KeyRing of(List<byte[]> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a key ring needs at least one key");
    }
    return of(keys.get(0), keys.subList(1, keys.size()).toArray(new byte[0][]));
  }

  /** A ring with one new random 256-bit key; handy for tests and single-process tools. */
  public static KeyRing generate() {
    return of(KeyText.generate());
  }

  /**
   * Loads the keys from the process environment and the user's home directory; see {@link
   * #fromEnvironment(Map, Path)}.
   */
  public static KeyRing fromEnvironment() {
    return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /**
   * Loads the keys from {@code env}: {@code SATCHEL_SECRET_KEY} (+ {@code SATCHEL_SECRET_KEY_FALLBACKS},
   * comma-separated) or {@code SATCHEL_SECRET_KEY_FILE} (one key a line, current first). Unless {@code SATCHEL_ENV}
   * is {@code development}, a missing or weak key fails with a {@link SecretKeyException} saying how to make one. In
   * development mode, with no key configured, a generated key is shared through
   * {@code $SATCHEL_HOME/dev-secret-key} or {@code <homeDirectory>/.satchel/dev-secret-key}.
   *
   * @throws SecretKeyException (or its subtypes) if the configuration cannot be used
   */
  public static KeyRing fromEnvironment(Map<String, String> env, Path homeDirectory) {
    return EnvironmentKeys.load(env, homeDirectory);
  }

  /**
   * Per-purpose keys: HKDF-SHA256 (no salt, info = the UTF-8 {@code purpose}, 32 bytes) applied to every key of the
   * ring in order, so key {@code i} of the result is derived from key {@code i} here and rotation keeps working.
   */
  public KeyRing derive(String purpose) {
    Objects.requireNonNull(purpose, "purpose");
    if (purpose.isEmpty()) {
      throw new IllegalArgumentException("purpose must not be empty");
    }
    byte[] info = purpose.getBytes(StandardCharsets.UTF_8);
    byte[][] derived = new byte[keys.length][];
    for (int i = 0; i < keys.length; i++) {
      derived[i] = Hkdf.derive(null, keys[i], info, DERIVED_KEY_BYTES);
    }
    return new KeyRing(derived, description + (description.isEmpty() ? "" : ", ") + "derived for '" + purpose + "'");
  }

  /** The current key (a copy): the one that signs and encrypts. */
  public byte[] current() {
    return keys[0].clone();
  }

  /** Key {@code index} (a copy): 0 is current, 1.. are fallbacks newest first. */
  public byte[] key(int index) {
    Objects.checkIndex(index, keys.length);
    return keys[index].clone();
  }

  /** Every key (copies), current first, then fallbacks newest first. */
  public List<byte[]> all() {
    List<byte[]> copies = new ArrayList<>(keys.length);
    for (byte[] k : keys) {
      copies.add(k.clone());
    }
    return Collections.unmodifiableList(copies);
  }

  /** How many keys: 1 + the number of fallbacks. */
  public int size() {
    return keys.length;
  }

  /** Says how many keys and how they were made, never their bytes. */
  @Override
  public String toString() {
    return "KeyRing[" + keys.length + (keys.length == 1 ? " key" : " keys")
        + (description.isEmpty() ? "" : ", " + description) + "]";
  }

  private static byte[] checked(byte[] key, int index) {
    if (key == null) {
      throw new IllegalArgumentException("key " + index + " is null");
    }
    if (key.length == 0) {
      throw new IllegalArgumentException("key " + index + " is empty");
    }
    return key.clone();
  }
}
