package dev.satchel.memcached;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.StoredSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One session as one Memcached item: metadata plus every attribute, as UTF-8 JSON.
 *
 * <p>Layout: {@code {"c":created,"a":lastAccess,"e":expires,"p":principal,"d":device,"i":indexedUntil,
 * "attrs":{name: "json text"}}}. Instants are ISO-8601 text so they round-trip exactly; attribute values are kept as
 * JSON <em>strings holding the text</em>, because the SPI promises the exact text back (spacing, key order, number
 * spelling), which re-parsing embedded JSON would not keep. {@code i} is the epoch second up to which the
 * principal's index record is known to outlive this session (see {@link PrincipalRecord}).
 */
record SessionRecord(SessionMetadata metadata, Map<String, String> attributes, long indexedUntil) {

  private static final JsonFactory JSON = new JsonFactory();

  SessionRecord {
    Objects.requireNonNull(metadata, "metadata");
    attributes = Map.copyOf(attributes);
  }

  /** The record a CREATE writes. */
  static SessionRecord created(SessionChanges changes) {
    return new SessionRecord(changes.metadata(), changes.upserts(), 0);
  }

  /** This record with one request's delta applied (metadata replaced, upserts written, removals dropped). */
  SessionRecord apply(SessionChanges changes) {
    Map<String, String> next = changes.replaceAll() ? new HashMap<>() : new HashMap<>(attributes);
    for (String name : changes.removals()) {
      next.remove(name);
    }
    next.putAll(changes.upserts());
    return new SessionRecord(changes.metadata(), next, indexedUntil);
  }

  /** This record with one attribute set ({@code json} null: removed) and new metadata. */
  SessionRecord withAttribute(String name, String json, SessionMetadata newMetadata) {
    Map<String, String> next = new HashMap<>(attributes);
    if (json == null) {
      next.remove(name);
    } else {
      next.put(name, json);
    }
    return new SessionRecord(newMetadata, next, indexedUntil);
  }

  /** A copy that remembers how long the principal's index record is known to live. */
  SessionRecord withIndexedUntil(long epochSecond) {
    return new SessionRecord(metadata, attributes, epochSecond);
  }

  /** The session as the SPI returns it. */
  StoredSession toStoredSession() {
    return new StoredSession(attributes, metadata);
  }

  /** The item's bytes. */
  byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("c", metadata.createdAt().toString());
      g.writeStringField("a", metadata.lastAccessedAt().toString());
      g.writeStringField("e", metadata.expiresAt().toString());
      if (metadata.principal() != null) {
        g.writeStringField("p", metadata.principal());
      }
      if (metadata.device() != null) {
        g.writeStringField("d", metadata.device());
      }
      g.writeNumberField("i", indexedUntil);
      g.writeObjectFieldStart("attrs");
      for (Map.Entry<String, String> e : attributes.entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  /** Reads an item; null when it is not a session record of ours (foreign or damaged data under the prefix). */
  static SessionRecord decode(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    String created = null;
    String accessed = null;
    String expires = null;
    String principal = null;
    String device = null;
    long indexedUntil = 0;
    Map<String, String> attributes = null;
    try (JsonParser p = JSON.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "c" -> created = text(p, value);
          case "a" -> accessed = text(p, value);
          case "e" -> expires = text(p, value);
          case "p" -> principal = text(p, value);
          case "d" -> device = text(p, value);
          case "i" -> {
            if (value != JsonToken.VALUE_NUMBER_INT) {
              return null;
            }
            indexedUntil = p.getLongValue();
          }
          case "attrs" -> {
            if (value != JsonToken.START_OBJECT) {
              return null;
            }
            attributes = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String name = p.currentName();
              if (p.nextToken() != JsonToken.VALUE_STRING) {
                return null;
              }
              attributes.put(name, p.getText());
            }
          }
          default -> p.skipChildren();
        }
      }
      if (created == null || accessed == null || expires == null || attributes == null) {
        return null;
      }
      SessionMetadata metadata = new SessionMetadata(Instant.parse(created), Instant.parse(accessed),
          Instant.parse(expires), principal, device);
      return new SessionRecord(metadata, attributes, indexedUntil);
    } catch (IOException | DateTimeParseException e) {
      return null;
    }
  }

  private static String text(JsonParser p, JsonToken token) throws IOException {
    return token == JsonToken.VALUE_STRING ? p.getText() : null;
  }
}
