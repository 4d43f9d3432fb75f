package dev.satchel.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValuesTest {

  @Test
  void aMapOfScalarsIsItsOwnSnapshot() {
    Map<String, Object> scalars = new LinkedHashMap<>();
    scalars.put("user", "alice");
    scalars.put("counter", 3);
    scalars.put("big", 1L << 40);
    scalars.put("admin", true);
    scalars.put("ratio", 0.5);
    scalars.put("price", new BigDecimal("9.99"));
    scalars.put("nothing", null);
    assertThat(JsonValues.snapshotAllReusing(scalars)).isSameAs(scalars);
    assertThat(JsonValues.snapshotAllReusing(Map.of())).isEqualTo(Map.of());
  }

  @Test
  void aMapHoldingAnythingMutableIsCopiedDeeply() {
    List<Object> roles = new ArrayList<>(List.of("admin"));
    Map<String, Object> nested = new LinkedHashMap<>(Map.of("theme", "dark"));
    byte[] bytes = {1, 2};
    for (Object mutable : new Object[] {roles, nested, bytes}) {
      Map<String, Object> attributes = new LinkedHashMap<>();
      attributes.put("user", "alice");
      attributes.put("value", mutable);
      Map<String, Object> snapshot = JsonValues.snapshotAllReusing(attributes);
      assertThat(snapshot).isNotSameAs(attributes);
      assertThat(snapshot.get("value")).isNotSameAs(mutable);
      assertThat(JsonValues.same(attributes, snapshot)).isTrue();
    }
    Map<String, Object> attributes = new LinkedHashMap<>(Map.of("roles", roles));
    Map<String, Object> snapshot = JsonValues.snapshotAllReusing(attributes);
    roles.add("editor"); // changed in place, as application code may do with a list taken from the session
    assertThat(JsonValues.same(attributes, snapshot)).isFalse();
  }

  @Test
  void sameComparesScalarsByTypeAndValue() {
    assertThat(JsonValues.same("a", "a")).isTrue();
    assertThat(JsonValues.same(new String("a"), "a")).isTrue();
    assertThat(JsonValues.same(1, 1L)).isFalse(); // JSON writes both as 1, but the session changed type
    assertThat(JsonValues.same(1, 2)).isFalse();
    assertThat(JsonValues.same(true, "true")).isFalse();
    assertThat(JsonValues.same("a", null)).isFalse();
    assertThat(JsonValues.same(null, "a")).isFalse();
    assertThat(JsonValues.same(null, null)).isTrue();
    assertThat(JsonValues.same("x", List.of("x"))).isFalse();
    assertThat(JsonValues.same(List.of("x"), "x")).isFalse();
    assertThat(JsonValues.same(new BigDecimal("1.0"), new BigDecimal("1.0"))).isTrue();
  }

  @Test
  void sameComparesContainersStructurally() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("roles", List.of("admin", 1));
    a.put("bytes", new byte[] {1, 2});
    a.put("prefs", Map.of("theme", "dark"));
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("roles", new ArrayList<>(List.of("admin", 1)));
    b.put("bytes", new byte[] {1, 2});
    b.put("prefs", new LinkedHashMap<>(Map.of("theme", "dark")));
    assertThat(JsonValues.same(a, b)).isTrue();
    b.put("prefs", Map.of("theme", "light"));
    assertThat(JsonValues.same(a, b)).isFalse();
    b.put("prefs", Map.of("theme", "dark"));
    b.put("bytes", new byte[] {1, 3});
    assertThat(JsonValues.same(a, b)).isFalse();
    b.put("bytes", new byte[] {1, 2});
    b.put("roles", List.of("admin", 1L));
    assertThat(JsonValues.same(a, b)).isFalse();
  }

  @Test
  void snapshotLeavesScalarsAloneAndCopiesContainers() {
    assertThat(JsonValues.snapshot("alice")).isSameAs("alice");
    Integer three = 3;
    assertThat(JsonValues.snapshot(three)).isSameAs(three);
    List<Object> list = new ArrayList<>(List.of(new ArrayList<>(List.of("x"))));
    Object copy = JsonValues.snapshot(list);
    assertThat(copy).isEqualTo(list).isNotSameAs(list);
    assertThat(((List<?>) copy).get(0)).isNotSameAs(list.get(0));
  }
}
