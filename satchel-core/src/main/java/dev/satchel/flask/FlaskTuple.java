package dev.satchel.flask;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.RandomAccess;

/**
 * A Python tuple: an immutable list that the Flask codec writes with the {@code " t"} tag instead of as a plain
 * array. It is a {@link List}, so it equals any list with the same elements.
 */
public final class FlaskTuple extends AbstractList<Object> implements RandomAccess {

  private final List<Object> items;

  private FlaskTuple(List<Object> items) {
    this.items = items;
  }

  /** A tuple of these items (nulls allowed, as in Python). */
  public static FlaskTuple of(Object... items) {
    return new FlaskTuple(Collections.unmodifiableList(new ArrayList<>(Arrays.asList(items))));
  }

  /** A tuple holding a copy of these items. */
  public static FlaskTuple copyOf(Collection<?> items) {
    if (items instanceof FlaskTuple tuple) {
      return tuple;
    }
    return new FlaskTuple(Collections.unmodifiableList(new ArrayList<>(items)));
  }

  @Override
  public Object get(int index) {
    return items.get(index);
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public String toString() {
    return "FlaskTuple" + items;
  }
}
