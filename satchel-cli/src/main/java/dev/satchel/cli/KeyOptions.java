package dev.satchel.cli;

import dev.satchel.keys.KeyRing;
import dev.satchel.keys.KeyText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The --key / --key-file options every cookie command shares, read like SATCHEL_SECRET_KEY(_FILE). */
final class KeyOptions {

  @Option(names = "--key", paramLabel = "KEY",
      description = "A secret key (base64:..., base64url:..., hex:... or raw text, as in SATCHEL_SECRET_KEY). "
          + "Repeat for fallback keys, current first. Default: $SATCHEL_SECRET_KEY.")
  List<String> keys = new ArrayList<>();

  @Option(names = "--key-file", paramLabel = "FILE",
      description = "A file with one key a line, current first (as SATCHEL_SECRET_KEY_FILE).")
  Path keyFile;

  /** The keys, newest first. */
  KeyRing ring() {
    List<String> texts = new ArrayList<>(keys);
    if (keyFile != null) {
      try {
        for (String line : Files.readAllLines(keyFile, StandardCharsets.UTF_8)) {
          if (!line.isBlank() && !line.strip().startsWith("#")) {
            texts.add(line);
          }
        }
      } catch (IOException e) {
        throw new CliException(ExitCode.BAD_KEY, "cannot read key file " + keyFile + ": " + e.getMessage());
      }
    }
    if (texts.isEmpty()) {
      String env = System.getenv("SATCHEL_SECRET_KEY");
      if (env == null || env.isBlank()) {
        throw new CliException(ExitCode.BAD_KEY,
            "no key: pass --key KEY or --key-file FILE, or set SATCHEL_SECRET_KEY (make one with: satchel keygen)");
      }
      texts.add(env);
      String fallbacks = System.getenv("SATCHEL_SECRET_KEY_FALLBACKS");
      if (fallbacks != null) {
        for (String f : fallbacks.split(",")) {
          if (!f.isBlank()) {
            texts.add(f);
          }
        }
      }
    }
    List<byte[]> bytes = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      try {
        bytes.add(KeyText.parse(texts.get(i)));
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCode.BAD_KEY, "key " + (i + 1) + " is unusable: " + e.getMessage());
      }
    }
    return KeyRing.of(bytes);
  }
}
