package dev.satchel.demo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The reliability suite's CI subset (concurrency on Redis with 16 clients, the attack catalogue, the bot flood);
 * {@code -Dreliability.mode=quick|full} runs everything, as {@code reliability/run} does.
 */
class ReliabilityIT {

  @Test
  void everyWantIsMet() throws Exception {
    dev.satchel.demo.ServicesAccess.require("Redis", 6379);
    String mode = System.getProperty("reliability.mode", "ci");
    ReliabilityRun run = new ReliabilityRun(mode);
    try {
      run.runAll();
    } finally {
      run.report.write(Path.of(System.getProperty("reliability.out", "target/reliability/scenarios.md")));
    }
    assertThat(run.report.missed()).as("wants not met").isEmpty();
  }
}
