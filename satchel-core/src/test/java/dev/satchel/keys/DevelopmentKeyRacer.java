package dev.satchel.keys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** A separate JVM for {@link DevelopmentKeyTest}: waits for the start file, loads the key, prints it in hex. */
public final class DevelopmentKeyRacer {

  private DevelopmentKeyRacer() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Path go = Path.of(args[1]);
    // Warm the class loading up before the race so all processes reach the critical section together.
    KeyText.generate();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!Files.exists(go) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    System.out.println(HexFormat.of().formatHex(DevelopmentKey.loadOrCreate(dir).current()));
  }
}
