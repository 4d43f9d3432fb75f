package dev.satchel.cli;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code satchel keygen}: a strong secret key. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
    description = "Print a new random secret key, ready for SATCHEL_SECRET_KEY.")
final class KeygenCommand implements Callable<Integer> {

  private static final SecureRandom RANDOM = new SecureRandom();

  @Option(names = "--bytes", defaultValue = "32", description = "Key size in bytes, at least 32 (default ${DEFAULT-VALUE}).")
  int bytes;

  @Option(names = "--format", defaultValue = "base64",
      description = "base64 (default, prefixed 'base64:'), base64url (prefixed) or hex (prefixed 'hex:').")
  String format;

  @Override
  public Integer call() {
    if (bytes < 32 || bytes > 1024) {
      throw new CliException(ExitCode.USAGE, "--bytes must be between 32 and 1024 (was " + bytes + ")");
    }
    byte[] key = new byte[bytes];
    RANDOM.nextBytes(key);
    String text = switch (format) {
      case "base64" -> "base64:" + Base64.getEncoder().encodeToString(key);
      case "base64url" -> "base64url:" + Base64.getUrlEncoder().withoutPadding().encodeToString(key);
      case "hex" -> "hex:" + HexFormat.of().formatHex(key);
      default -> throw new CliException(ExitCode.USAGE, "unknown --format '" + format
          + "': choose base64, base64url or hex");
    };
    System.out.println(text);
    return ExitCode.OK;
  }
}
