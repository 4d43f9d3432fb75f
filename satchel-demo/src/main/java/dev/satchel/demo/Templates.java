package dev.satchel.demo;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/** Renders the demo's Pebble templates (HTML-escaped by default). */
final class Templates {

  private final PebbleEngine engine;

  Templates() {
    ClasspathLoader loader = new ClasspathLoader();
    loader.setPrefix("templates/");
    loader.setSuffix(".peb");
    engine = new PebbleEngine.Builder().loader(loader).strictVariables(false).build();
  }

  String render(String name, Map<String, Object> model) {
    PebbleTemplate template = engine.getTemplate(name);
    StringWriter out = new StringWriter();
    try {
      template.evaluate(out, model);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
