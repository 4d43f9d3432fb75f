package dev.satchel.json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Snapshots and comparisons of decoded session values, so a session knows at the end of a request whether a value
 * it handed out was changed in place, without writing JSON twice on every request.
 *
 * <p>Decoded values are immutable scalars (String, Number, Boolean, UUID, Instant...), {@code byte[]}, lists and
 * maps; only the last three can change in place, so only they are copied.
 */
public final class JsonValues {

  private JsonValues() {}

  /** A copy deep enough that no in-place change to {@code value} can reach it. */
  public static Object snapshot(Object value) {
    if (value == null || isPlainScalar(value)) {
      return value;
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
      for (Map.Entry<?, ?> e : map.entrySet()) {
        copy.put(e.getKey(), snapshot(e.getValue()));
      }
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object item : list) {
        copy.add(snapshot(item));
      }
      return copy;
    }
    if (value instanceof byte[] bytes) {
      return bytes.clone();
    }
    return value;
  }

  /** A snapshot of every value of a session map. */
  public static Map<String, Object> snapshotAll(Map<String, Object> attributes) {
    Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, attributes.size() * 2));
    for (Map.Entry<String, Object> e : attributes.entrySet()) {
      copy.put(e.getKey(), snapshot(e.getValue()));
    }
    return copy;
  }

  /**
   * A snapshot of every value of {@code attributes} that may be {@code attributes} itself: when no value in it can
   * change in place (only scalars, as in most sessions) the map is its own snapshot, and a copy per request is saved.
   * Only for a map that nobody changes afterwards, such as a freshly decoded one the session took a copy of.
   */
  public static Map<String, Object> snapshotAllReusing(Map<String, Object> attributes) {
    return allImmutable(attributes) ? attributes : snapshotAll(attributes);
  }

  /** True when no value of {@code attributes} can change in place: no map, list or byte array among them. */
  public static boolean allImmutable(Map<String, Object> attributes) {
    for (Object value : attributes.values()) {
      if (value != null && !isPlainScalar(value)
          && (value instanceof Map || value instanceof List || value instanceof byte[])) {
        return false;
      }
    }
    return true;
  }

  /**
   * True for the final classes most session values have. An exact class compare is one instruction, where on JDK 17 a
   * failed {@code instanceof Map} or {@code instanceof List} scans all the interfaces of the value's class; measured
   * with async-profiler, those misses were the larger part of the per-request cost of these methods in a server.
   */
  private static boolean isPlainScalar(Object value) {
    Class<?> c = value.getClass();
    return c == String.class || c == Integer.class || c == Long.class || c == Boolean.class || c == Double.class;
  }

  /** Structural equality as JSON sees it: byte arrays by content, numbers by type and value. */
  public static boolean same(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a != null && isPlainScalar(a)) {
      return a.equals(b);
    }
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      if (ma.size() != mb.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : ma.entrySet()) {
        if (!mb.containsKey(e.getKey()) || !same(e.getValue(), mb.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> la && b instanceof List<?> lb) {
      if (la.size() != lb.size()) {
        return false;
      }
      Iterator<?> ia = la.iterator();
      Iterator<?> ib = lb.iterator();
      while (ia.hasNext()) {
        if (!same(ia.next(), ib.next())) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof byte[] ba && b instanceof byte[] bb) {
      return Arrays.equals(ba, bb);
    }
    return Objects.equals(a, b);
  }
}
