package dev.satchel.demo.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a run measured: Markdown sections for docs/reliability.md, and every "want" with whether it was met. */
final class Report {

  /** One target from the issue and what the run found. */
  record Want(String what, boolean met, String found) {}

  private final StringBuilder markdown = new StringBuilder();
  final List<Want> wants = new ArrayList<>();

  void section(String title) {
    markdown.append("\n## ").append(title).append("\n\n");
  }

  void line(String text) {
    markdown.append(text).append('\n');
  }

  void want(String what, boolean met, String found) {
    wants.add(new Want(what, met, found));
    System.out.println((met ? "[met]    " : "[MISSED] ") + what + ": " + found);
  }

  List<Want> missed() {
    return wants.stream().filter(w -> !w.met()).toList();
  }

  /** Writes the sections and a summary table of the wants. */
  void write(Path file) throws IOException {
    StringBuilder out = new StringBuilder("\n## Wants\n\n| want | met | found |\n|---|---|---|\n");
    for (Want w : wants) {
      out.append("| ").append(w.what()).append(" | ").append(w.met() ? "yes" : "**no**").append(" | ")
          .append(w.found().replace("|", "\\|")).append(" |\n");
    }
    out.append(markdown);
    Files.createDirectories(file.getParent());
    Files.writeString(file, out);
  }
}
