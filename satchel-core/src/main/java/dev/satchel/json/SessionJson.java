package dev.satchel.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one JSON mapping every Satchel codec and store shares, so a value written by one is read the same by all.
 *
 * <p>Session values are JSON: strings, numbers, booleans, null, lists and maps, plus anything Jackson can turn into
 * them (records, POJOs, {@code java.time} values as ISO-8601 strings, {@code UUID} as its string, {@code byte[]} as
 * base64). Reading never instantiates a class named by the input: polymorphic typing is off, so a crafted payload
 * cannot choose what gets built (the flaw Java serialization and default typing share).
 */
public final class SessionJson {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private SessionJson() {}

  /** The shared mapper; treat it as read-only. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Writes one value as compact JSON. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Session value of type " + typeName(value)
          + " cannot be written as JSON: " + e.getOriginalMessage()
          + ". Store strings, numbers, booleans, lists, maps or records of those.", e);
    }
  }

  /**
   * Fails now, with the message {@link #write} gives, when {@code value} cannot be written as JSON. Strings, whole
   * numbers, booleans and null always can: they skip Jackson, which costs more than the rest of a small request.
   */
  public static void requireWritable(Object value) {
    if (value == null || value instanceof String || value instanceof Integer || value instanceof Long
        || value instanceof Boolean) {
      return;
    }
    write(value);
  }

  /** Writes a session map as compact JSON bytes (UTF-8). */
  public static byte[] writeBytes(Map<String, Object> attributes) {
    try {
      return MAPPER.writeValueAsBytes(attributes);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Session cannot be written as JSON: " + e.getOriginalMessage()
          + ". Store strings, numbers, booleans, lists, maps or records of those.", e);
    }
  }

  /** Reads one JSON value into plain Java values (String, Integer/Long/BigInteger, Double, Boolean, List, Map). */
  public static Optional<Object> read(String json) {
    try {
      return Optional.ofNullable(MAPPER.readValue(json, Object.class));
    } catch (JsonProcessingException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Reads a JSON object; empty when the input is not one (garbage never throws). */
  public static Optional<Map<String, Object>> readMap(byte[] json) {
    try {
      return Optional.ofNullable(MAPPER.readValue(json, MAP));
    } catch (java.io.IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Converts a stored value to the type the caller asks for (a map to a record, a string to a UUID...). */
  public static <T> T convert(Object value, Class<T> type) {
    if (value == null || type.isInstance(value)) {
      return type.cast(value);
    }
    try {
      return MAPPER.convertValue(value, type);
    } catch (IllegalArgumentException e) {
      throw new ClassCastException("Session value of type " + typeName(value) + " cannot be read as "
          + type.getName() + ": " + e.getMessage());
    }
  }

  /** Converts a stored value to a generic type, e.g. {@code new TypeReference<List<Role>>() {}}. */
  public static <T> T convert(Object value, TypeReference<T> type) {
    if (value == null) {
      return null;
    }
    try {
      return MAPPER.convertValue(value, type);
    } catch (IllegalArgumentException e) {
      throw new ClassCastException("Session value of type " + typeName(value) + " cannot be read as "
          + type.getType().getTypeName() + ": " + e.getMessage());
    }
  }

  private static String typeName(Object value) {
    return value == null ? "null" : value.getClass().getName();
  }
}
