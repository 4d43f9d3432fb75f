package dev.satchel.store;

import java.util.Map;
import java.util.Objects;

/**
 * A session as a store returns it.
 *
 * @param attributes attribute name to JSON text, as saved
 * @param metadata timestamps, expiry and principal
 */
public record StoredSession(Map<String, String> attributes, SessionMetadata metadata) {

  public StoredSession {
    attributes = Map.copyOf(Objects.requireNonNull(attributes, "attributes"));
    Objects.requireNonNull(metadata, "metadata");
  }
}
