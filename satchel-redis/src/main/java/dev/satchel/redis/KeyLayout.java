package dev.satchel.redis;

/**
 * Names of every key the store writes, all under one prefix.
 *
 * <p>A session's hash is {@code <prefix>s:{<storageKey>}}: the braces are a Redis Cluster hash tag, so every command
 * about one session addresses one slot. The global indexes share the tag {@code {i}} so one script can update them
 * together; a principal's index {@code <prefix>p:<principal>} is a key of its own (any slot).
 */
final class KeyLayout {

  private final String prefix;
  private final String expiryIndex;
  private final String keyIndex;
  private final String ownerIndex;

  KeyLayout(String prefix) {
    this.prefix = prefix;
    this.expiryIndex = prefix + "{i}:exp";
    this.keyIndex = prefix + "{i}:keys";
    this.ownerIndex = prefix + "{i}:owners";
  }

  String prefix() {
    return prefix;
  }

  /** The hash holding one session's attributes and metadata. */
  String session(String storageKey) {
    return prefix + "s:{" + storageKey + "}";
  }

  /** Sorted set: the storage keys of one principal's sessions, scored by expiry (epoch microseconds). */
  String principal(String principal) {
    return prefix + "p:" + principal;
  }

  /** Sorted set: every session's storage key scored by expiry (epoch microseconds); drives count and sweep. */
  String expiryIndex() {
    return expiryIndex;
  }

  /** Sorted set, all scores 0: every storage key in lexical order; drives list paging. */
  String keyIndex() {
    return keyIndex;
  }

  /** Hash: storage key to principal, so a sweep can clean principal indexes after Redis expired the session. */
  String ownerIndex() {
    return ownerIndex;
  }

  /**
   * The keys of a session script that also updates the indexes (everywhere but on Cluster, where they live in other
   * slots): the session hash, the three global indexes and, when there is one, the principal's index.
   */
  String[] sessionAndIndexes(String storageKey, String principal) {
    return principal == null
        ? new String[] {session(storageKey), expiryIndex, keyIndex, ownerIndex}
        : new String[] {session(storageKey), expiryIndex, keyIndex, ownerIndex, principal(principal)};
  }

  /** The three global index keys, in the order the index scripts expect them. */
  String[] globalIndexes() {
    return new String[] {expiryIndex, keyIndex, ownerIndex};
  }
}
