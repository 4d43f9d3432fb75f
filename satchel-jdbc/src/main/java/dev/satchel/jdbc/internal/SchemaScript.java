package dev.satchel.jdbc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Loads a shipped {@code schema-<dialect>.sql} resource and splits it into statements. */
public final class SchemaScript {

  private SchemaScript() {}

  /** The resource path of a dialect's script, e.g. {@code dev/satchel/jdbc/schema-h2.sql}. */
  public static String resourceName(String dialectName) {
    return "dev/satchel/jdbc/schema-" + dialectName + ".sql";
  }

  /** The script's raw text, as shipped (default prefix). */
  public static String load(String dialectName) {
    String name = resourceName(dialectName);
    try (InputStream in = SchemaScript.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Schema script " + name + " is missing from the satchel-jdbc jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + name, e);
    }
  }

  /**
   * Splits a script into statements: drops {@code --} comment lines and cuts at each ';' ending a line. The shipped
   * scripts keep to that shape, so no SQL lexer is needed.
   */
  public static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      if (trimmed.endsWith(";")) {
        current.append(trimmed, 0, trimmed.length() - 1);
        out.add(current.toString().strip());
        current.setLength(0);
      } else {
        current.append(trimmed).append('\n');
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }
}
