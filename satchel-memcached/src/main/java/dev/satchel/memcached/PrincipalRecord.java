package dev.satchel.memcached;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The index of one principal's sessions, kept in one Memcached item because Memcached cannot enumerate keys.
 *
 * <p>Text, one line per entry: the first line is {@code until} (the epoch second the item must live to: no member
 * session expires later), then {@code <storageKey> <addedAtEpochMilli>} per session. {@code addedAt} is when a writer
 * last vouched for the entry; an entry whose session is gone or belongs to someone else is pruned only once it is
 * older than a grace period, so a prune racing a CREATE (index entry written first, session item a moment later)
 * never drops the new session's entry.
 */
final class PrincipalRecord {

  private long until;
  private final Map<String, Long> entries;

  private PrincipalRecord(long until, Map<String, Long> entries) {
    this.until = until;
    this.entries = entries;
  }

  /** A record with no sessions. */
  static PrincipalRecord empty() {
    return new PrincipalRecord(0, new LinkedHashMap<>());
  }

  /** Reads an item; an unreadable one counts as empty (it is rewritten whole on the next index write). */
  static PrincipalRecord decode(byte[] bytes) {
    PrincipalRecord record = empty();
    if (bytes == null) {
      return record;
    }
    String[] lines = new String(bytes, StandardCharsets.US_ASCII).split("\n");
    try {
      record.until = Long.parseLong(lines[0].trim());
      for (int i = 1; i < lines.length; i++) {
        int space = lines[i].indexOf(' ');
        if (space > 0) {
          record.entries.put(lines[i].substring(0, space), Long.parseLong(lines[i].substring(space + 1).trim()));
        }
      }
    } catch (NumberFormatException e) {
      return empty();
    }
    return record;
  }

  /** The item's bytes. */
  byte[] encode() {
    StringBuilder sb = new StringBuilder(24 + entries.size() * 60).append(until).append('\n');
    entries.forEach((key, added) -> sb.append(key).append(' ').append(added).append('\n'));
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** The storage keys listed. */
  Collection<String> keys() {
    return entries.keySet();
  }

  /** When a writer last vouched for this entry (epoch millis), or 0 when absent. */
  long addedAt(String storageKey) {
    return entries.getOrDefault(storageKey, 0L);
  }

  /** The epoch second this item must live to. */
  long until() {
    return until;
  }

  /** Adds or refreshes an entry and makes the item live at least to {@code untilEpochSecond}. */
  void put(String storageKey, long nowMillis, long untilEpochSecond) {
    entries.put(storageKey, nowMillis);
    until = Math.max(until, untilEpochSecond);
  }

  /** Drops these entries; true when any was there. */
  boolean removeAll(Collection<String> storageKeys) {
    return entries.keySet().removeAll(storageKeys);
  }

  /** True when no session is listed. */
  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** How many sessions are listed. */
  int size() {
    return entries.size();
  }
}
