package dev.satchel.flask;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Random session data in the shape the Flask codec reads back (tuples as {@link FlaskTuple}, dates to the second),
 * plus the neutral typed description the Python helper builds Python values from.
 */
final class RandomSessions {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] TAG_KEYS = {" t", " b", " m", " u", " d", " di"};
  private final SplittableRandom random;

  RandomSessions(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A session: a few top-level keys, nested values, now and then one long repetitive string that compresses. */
  Map<String, Object> session() {
    Map<String, Object> session = new LinkedHashMap<>();
    int n = 1 + random.nextInt(8);
    for (int i = 0; i < n; i++) {
      session.put(key(), value(0));
    }
    if (random.nextInt(4) == 0) {
      session.put("big", "lorem ipsum ".repeat(20 + random.nextInt(200)));
    }
    return session;
  }

  private String key() {
    if (random.nextInt(10) == 0) {
      return TAG_KEYS[random.nextInt(TAG_KEYS.length)];
    }
    return string(12);
  }

  Object value(int depth) {
    int kind = random.nextInt(depth > 3 ? 12 : 16);
    switch (kind) {
      case 0: return null;
      case 1: return random.nextBoolean();
      case 2: return string(30);
      case 3: return integer();
      case 4: return floating();
      case 5: return bytes();
      case 6: return new UUID(random.nextLong(), random.nextLong());
      case 7: return new FlaskMarkup("<b>" + string(10) + "</b>");
      case 8:
        // Years 100..9999: Flask itself reads years below 100 back as 1969..2068 (see HttpDateTest).
        return Instant.ofEpochSecond(random.nextLong(-59011459200L, 253402300800L));
      case 9: return string(5);
      case 10: return integer();
      case 11: return floating();
      case 12: {
        List<Object> items = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
          items.add(value(depth + 1));
        }
        return FlaskTuple.copyOf(items);
      }
      case 13: {
        List<Object> items = new ArrayList<>();
        for (int i = random.nextInt(6); i > 0; i--) {
          items.add(value(depth + 1));
        }
        return items;
      }
      default: {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = random.nextInt(5); i > 0; i--) {
          map.put(key(), value(depth + 1));
        }
        return map;
      }
    }
  }

  private Object integer() {
    switch (random.nextInt(5)) {
      case 0: return random.nextInt(-1000, 1000);
      case 1: return random.nextInt();
      case 2: {
        long v = random.nextLong();
        return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v;
      }
      case 3: return random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
      default: {
        BigInteger big = new BigInteger(64 + random.nextInt(300), new java.util.Random(random.nextLong()));
        return random.nextBoolean() ? big.add(BigInteger.ONE.shiftLeft(64)) : big.add(BigInteger.ONE.shiftLeft(64)).negate();
      }
    }
  }

  double floating() {
    switch (random.nextInt(6)) {
      case 0: {
        double v = Double.longBitsToDouble(random.nextLong());
        return Double.isNaN(v) ? Double.NaN : v;
      }
      case 1: return random.nextInt(-100000, 100000) / 1000.0;
      case 2: return Math.pow(10, random.nextInt(-330, 310)) * (random.nextBoolean() ? 1 : -1);
      case 3: {
        double[] specials = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
            Double.MAX_VALUE, Double.MIN_NORMAL, 1e16, 1e15, 1e-5, 1e-4, 0.1, 9007199254740993.0};
        return specials[random.nextInt(specials.length)];
      }
      case 4: return random.nextDouble() * Math.pow(2, random.nextInt(-1074, 1000));
      default: return (double) random.nextLong();
    }
  }

  private byte[] bytes() {
    byte[] b = new byte[random.nextInt(40)];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) random.nextInt(256);
    }
    return b;
  }

  /** Unicode of every kind: ASCII, quotes, controls, DEL, Latin-1, BMP above the surrogates, astral, lone surrogates. */
  String string(int maxLength) {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(maxLength + 1);
    for (int i = 0; i < n; i++) {
      switch (random.nextInt(10)) {
        case 0: s.append((char) random.nextInt(0, 0x20)); break;
        case 1: s.append("\"\\/\u007f\u2028\u2029".charAt(random.nextInt(6))); break;
        case 2: s.appendCodePoint(random.nextInt(0x80, 0x800)); break;
        case 3: s.appendCodePoint(random.nextInt(0xE000, 0x10000)); break;
        case 4: s.appendCodePoint(random.nextInt(0x10000, 0x110000)); break;
        case 5: s.appendCodePoint(random.nextInt(0x800, 0xD800)); break;
        case 6:
          // A lone surrogate, never next to its partner kind (Python would merge an escaped pair on reading).
          s.append(random.nextBoolean() ? '\uD83D' : '\uDE00').append('x');
          break;
        default: s.append((char) random.nextInt(0x20, 0x7f));
      }
    }
    return s.toString();
  }

  /** The neutral description of a Java value, as the helper expects it. */
  static JsonNode describe(Object v) {
    if (v == null) {
      return NODES.nullNode();
    }
    if (v instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    ObjectNode d = NODES.objectNode();
    if (v instanceof String s) {
      d.put("t", "str").set("v", codePoints(s));
    } else if (v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
      d.put("t", "int").put("v", v.toString());
    } else if (v instanceof Double x) {
      d.put("t", "float").put("v", HexFormat.of().toHexDigits(Double.doubleToRawLongBits(x)));
    } else if (v instanceof FlaskTuple t) {
      d.put("t", "tuple").set("v", list(t));
    } else if (v instanceof List<?> l) {
      d.put("t", "list").set("v", list(l));
    } else if (v instanceof Map<?, ?> m) {
      ArrayNode entries = NODES.arrayNode();
      m.forEach((k, val) -> entries.add(NODES.arrayNode().add(codePoints((String) k)).add(describe(val))));
      d.put("t", "dict").set("v", entries);
    } else if (v instanceof byte[] b) {
      d.put("t", "bytes").put("v", HexFormat.of().formatHex(b));
    } else if (v instanceof FlaskMarkup m) {
      d.put("t", "markup").set("v", codePoints(m.html()));
    } else if (v instanceof UUID u) {
      d.put("t", "uuid").put("v", u.toString().replace("-", ""));
    } else if (v instanceof Instant i) {
      d.put("t", "datetime").put("v", i.getEpochSecond());
    } else {
      throw new IllegalArgumentException("cannot describe " + v.getClass());
    }
    return d;
  }

  private static ArrayNode list(List<?> l) {
    ArrayNode a = NODES.arrayNode();
    l.forEach(x -> a.add(describe(x)));
    return a;
  }

  private static ArrayNode codePoints(String s) {
    ArrayNode a = NODES.arrayNode();
    s.codePoints().forEach(a::add);
    return a;
  }

  /** Equality that compares byte arrays by content (List/Map equality covers the rest, Double by bits). */
  static boolean deepEquals(Object a, Object b) {
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (!x.keySet().equals(y.keySet())) {
        return false;
      }
      for (Object k : x.keySet()) {
        if (!deepEquals(x.get(k), y.get(k))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!deepEquals(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    return java.util.Objects.equals(a, b);
  }
}
