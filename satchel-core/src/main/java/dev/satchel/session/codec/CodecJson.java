package dev.satchel.session.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.satchel.json.SessionJson;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON for the codecs, on Jackson's streaming API: the same bytes and the same Java values as {@link SessionJson},
 * without building a serializer or deserialization context per call (half the cost of a session round trip).
 *
 * <p>Writing handles the JSON-native types (String, Integer, Long, Boolean, null, List, Map with String keys) itself
 * and hands any other value to the shared mapper, so records, {@code java.time} values and the rest are written
 * exactly as {@link SessionJson#writeBytes} writes them. Reading builds what Jackson's untyped reading builds:
 * LinkedHashMap, ArrayList, String, Integer/Long/BigInteger, Double, Boolean, null.
 */
final class CodecJson {

  /** Returned by {@link #read} when the bytes are not one complete JSON value. */
  static final Object NOT_JSON = new Object();
  /** Stands for a JSON {@code null} root, which is JSON but not a session. */
  static final Object JSON_NULL = new Object();

  private static final JsonFactory FACTORY = SessionJson.mapper().getFactory();

  private CodecJson() {}

  /**
   * The attributes as UTF-8 JSON, preceded by {@code prefix} zero bytes the caller fills in (the encrypted codec's
   * issue time), in an array of exactly the needed length.
   *
   * @throws IllegalArgumentException if a value cannot be written as JSON (the message names its type)
   */
  static byte[] write(Map<String, Object> attributes, int prefix) {
    byte[] plain = PlainJsonWriter.write(attributes, prefix);
    if (plain != null) {
      return plain;
    }
    return writeWithJackson(attributes, prefix);
  }

  /** The general path: Jackson's generator, with the shared mapper for values that are not JSON-native. */
  static byte[] writeWithJackson(Map<String, Object> attributes, int prefix) {
    ExactBytes out = new ExactBytes(prefix);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      writeMap(g, attributes);
    } catch (IOException | RuntimeException e) {
      // Same message as SessionJson.writeBytes: produce it from there rather than a second wording.
      SessionJson.writeBytes(attributes);
      throw new IllegalArgumentException("Session cannot be written as JSON: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  private static void writeMap(JsonGenerator g, Map<?, ?> map) throws IOException {
    for (Object key : map.keySet()) {
      if (!(key instanceof String)) {
        SessionJson.mapper().writeValue(g, map); // unusual keys: let Jackson apply its key rules
        return;
      }
    }
    g.writeStartObject();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      g.writeFieldName((String) e.getKey());
      writeValue(g, e.getValue());
    }
    g.writeEndObject();
  }

  private static void writeValue(JsonGenerator g, Object v) throws IOException {
    if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v == null) {
      g.writeNull();
    } else if (v instanceof List<?> list) {
      g.writeStartArray();
      for (Object item : list) {
        writeValue(g, item);
      }
      g.writeEndArray();
    } else if (v instanceof Map<?, ?> m) {
      writeMap(g, m);
    } else {
      SessionJson.mapper().writeValue(g, v);
    }
  }

  /** The value in {@code json[offset, offset + length)}; {@link #NOT_JSON} for anything but one complete value. */
  static Object read(byte[] json, int offset, int length) {
    return PlainJsonReader.read(json, offset, length);
  }

  /** Reading with Jackson's streaming parser: the reference {@link PlainJsonReader} is tested against. */
  static Object readWithJackson(byte[] json, int offset, int length) {
    try (JsonParser p = FACTORY.createParser(json, offset, length)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return NOT_JSON;
      }
      Object value = readValue(p, t);
      if (p.nextToken() != null) {
        return NOT_JSON; // trailing content
      }
      return value == null ? JSON_NULL : value;
    } catch (IOException | RuntimeException e) {
      return NOT_JSON;
    }
  }

  private static Object readValue(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT: {
        Map<String, Object> m = new LinkedHashMap<>();
        for (JsonToken k = p.nextToken(); k == JsonToken.FIELD_NAME; k = p.nextToken()) {
          String name = p.currentName();
          m.put(name, readValue(p, p.nextToken()));
        }
        return m;
      }
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
          list.add(readValue(p, v));
        }
        return list;
      }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getNumberValue(); // Integer, Long or BigInteger by size, as untyped Jackson reading gives
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IOException("unexpected token " + t);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asSession(Object parsed) {
    return parsed instanceof Map ? (Map<String, Object>) parsed : null;
  }

  /**
   * Collects output into one array of exactly the written size plus a reserved prefix. Jackson buffers internally
   * and usually writes once, so this is normally a single allocation.
   */
  private static final class ExactBytes extends OutputStream {
    private byte[] buf;
    private int count;

    ExactBytes(int prefix) {
      this.buf = new byte[prefix];
      this.count = prefix;
    }

    @Override
    public void write(int b) {
      ensure(1);
      buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, buf, count, len);
      count += len;
    }

    private void ensure(int more) {
      if (count + more > buf.length) {
        buf = Arrays.copyOf(buf, count + more);
      }
    }

    byte[] toByteArray() {
      return count == buf.length ? buf : Arrays.copyOf(buf, count);
    }
  }
}
