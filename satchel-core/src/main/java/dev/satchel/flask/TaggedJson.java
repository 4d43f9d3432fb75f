package dev.satchel.flask;

import dev.satchel.flask.internal.PythonJsonReader;
import dev.satchel.flask.internal.PythonJsonWriter;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Flask's tagged JSON ({@code flask.json.tag}), byte for byte: what Flask's session stores, with the types plain
 * JSON lacks wrapped in one-key objects ({@code " t"} tuple, {@code " b"} bytes, {@code " m"} Markup, {@code " u"}
 * UUID, {@code " d"} datetime, {@code " di"} a dict that looks like a tag).
 *
 * <p>Output equals Python's {@code json.dumps(tagged, separators=(",", ":"), sort_keys=True, ensure_ascii=True)},
 * which is what Flask's app JSON provider does inside a request. Java to Flask:
 * <ul>
 *   <li>{@code String}, {@code Boolean}, {@code null}, integers (any size) and doubles as JSON, floats printed like
 *       Python's {@code repr}; {@code BigDecimal} as its string (as Flask writes {@code Decimal});</li>
 *   <li>{@code Map} with String keys as an object; {@code List}/{@code Collection}/arrays as a list;</li>
 *   <li>{@link FlaskTuple} (and lists under keys named by {@link Builder#tupleKeys}) as a tuple;</li>
 *   <li>{@code byte[]}, {@code UUID}, {@link FlaskMarkup}, {@code Instant}/{@code ZonedDateTime}/{@code OffsetDateTime}
 *       with their tags (dates to the whole second, in UTC);</li>
 *   <li>anything else through {@link dev.satchel.json.SessionJson} (a record becomes an object).</li>
 * </ul>
 * Flask to Java: objects as {@code LinkedHashMap}, lists as {@code ArrayList}, tuples as {@code ArrayList} (or
 * {@link FlaskTuple} when asked), integers as Integer/Long/BigInteger, floats as Double, bytes as {@code byte[]},
 * UUID as {@code UUID}, Markup as {@link FlaskMarkup}, datetimes as {@code Instant} (the offset is not kept; Flask
 * always writes GMT; an unreadable date is null, as in Flask). Immutable and thread-safe.
 */
public final class TaggedJson {

  private static final TaggedJson FLASK = builder().build();

  private final PythonJsonWriter writer;
  private final boolean tags;
  private final boolean tuplesAsFlaskTuple;
  private final Set<String> tupleKeys;
  private final Set<String> tupleListKeys;

  private TaggedJson(PythonJsonWriter writer, boolean tags, boolean tuplesAsFlaskTuple, Set<String> tupleKeys,
      Set<String> tupleListKeys) {
    this.writer = writer;
    this.tags = tags;
    this.tuplesAsFlaskTuple = tuplesAsFlaskTuple;
    this.tupleKeys = tupleKeys;
    this.tupleListKeys = tupleListKeys;
  }

  /** Flask's session JSON with Satchel's defaults: {@code _flashes} entries written as tuples, tuples read as lists. */
  public static TaggedJson flask() {
    return FLASK;
  }

  /** A builder starting from {@link #flask()}'s settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** itsdangerous's own JSON ({@code _CompactJSON}): no tags, keys in map order, non-ASCII written as UTF-8. */
  static TaggedJson itsDangerousCompact() {
    return new TaggedJson(new PythonJsonWriter(false, false, false, Set.of(), Set.of()), false, false, Set.of(),
        Set.of());
  }

  /**
   * Writes a value as Flask does.
   *
   * @throws IllegalArgumentException naming a value that cannot be written (a non-String map key, a date outside
   *     years 1 to 9999, an integer over 4300 digits, nesting deeper than 500)
   */
  public String dumps(Object value) {
    return writer.write(value);
  }

  /**
   * Reads Flask's tagged JSON.
   *
   * @throws IllegalArgumentException if it is not JSON Python would read, or a tag holds the wrong kind of value
   */
  public Object loads(String json) {
    Objects.requireNonNull(json, "json");
    try {
      return parse(json);
    } catch (PythonJsonReader.JsonSyntaxException e) {
      throw new IllegalArgumentException("Not Flask tagged JSON: " + e.getMessage(), e);
    }
  }

  /** Reads without wrapping the failure: the codecs turn it into a result. */
  Object parse(String json) {
    return PythonJsonReader.read(json, tags, tuplesAsFlaskTuple);
  }

  @Override
  public String toString() {
    return "TaggedJson{tags=" + tags + ", tupleKeys=" + tupleKeys + ", tupleListKeys=" + tupleListKeys
        + ", tuplesAsFlaskTuple=" + tuplesAsFlaskTuple + "}";
  }

  /** Configures which lists become tuples. */
  public static final class Builder {
    private Set<String> tupleKeys = Set.of();
    private Set<String> tupleListKeys = Set.of("_flashes");
    private boolean tuplesAsFlaskTuple;

    Builder() {}

    /** Top-level session keys whose list value is written as a tuple. */
    public Builder tupleKeys(String... keys) {
      this.tupleKeys = keySet(keys);
      return this;
    }

    /**
     * Top-level session keys whose value is a list of lists, each inner list written as a tuple. Default
     * {@code _flashes}: Flask stores flashed messages as a list of {@code (category, message)} tuples.
     */
    public Builder tupleListKeys(String... keys) {
      this.tupleListKeys = keySet(keys);
      return this;
    }

    /** Read tuples as {@link FlaskTuple} (a read-only list that writes back as a tuple) instead of ArrayList. */
    public Builder readTuplesAsFlaskTuple(boolean enabled) {
      this.tuplesAsFlaskTuple = enabled;
      return this;
    }

    /** The configured Flask JSON. */
    public TaggedJson build() {
      return new TaggedJson(new PythonJsonWriter(true, true, true, tupleKeys, tupleListKeys), true,
          tuplesAsFlaskTuple, tupleKeys, tupleListKeys);
    }

    private static Set<String> keySet(String... keys) {
      for (int i = 0; i < keys.length; i++) {
        Objects.requireNonNull(keys[i], "key #" + i);
      }
      return Set.copyOf(new LinkedHashSet<>(Arrays.asList(keys)));
    }
  }
}
