package dev.satchel.seal;

import java.util.Objects;

/** What {@link Sealer#unseal} found: the plaintext, or exactly why not. */
public sealed interface Unsealed {

  /** True only for {@link Opened}. */
  default boolean isOpened() {
    return this instanceof Opened;
  }

  /** Authentic plaintext. {@code keyIndex} 0 is the current key; above 0, re-seal with the current one. */
  record Opened(byte[] plaintext, int keyIndex) implements Unsealed {
    public Opened {
      Objects.requireNonNull(plaintext, "plaintext");
    }

    /** True when a fallback key opened it, so it should be re-sealed with the current key. */
    public boolean sealedWithFallbackKey() {
      return keyIndex > 0;
    }
  }

  /** Not a sealed token at all (bad base64, too short, unknown format version). */
  record Malformed(String detail) implements Unsealed {}

  /** Well-formed, but its key id matches no key of the ring (the key was retired, or another app sealed it). */
  record UnknownKey() implements Unsealed {}

  /** The key is known but authentication failed: ciphertext, nonce, key id or associated data were altered. */
  record Tampered() implements Unsealed {}
}
