package dev.satchel.cli;

import dev.satchel.store.SessionStoreException;
import dev.satchel.store.SessionStoreUnavailableException;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code satchel}: make keys, look inside cookies, and administer stored sessions without writing code. Every error
 * is one line on stderr and a documented exit code ({@link ExitCode}).
 */
@Command(name = "satchel", mixinStandardHelpOptions = true, version = "satchel 0.1.0",
    description = "Keys, cookies and stored sessions for Satchel applications.",
    subcommands = {KeygenCommand.class, CookieCommand.class, SessionsCommand.class,
        AutoComplete.GenerateCompletion.class})
public final class SatchelCli {

  private SatchelCli() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs one command line and returns its exit code. */
  static int run(String... args) {
    CommandLine cli = new CommandLine(new SatchelCli());
    cli.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
    // Cookie values, tokens and keys may start with '-' (base64url): read them as values, not unknown options.
    cli.setUnmatchedOptionsAllowedAsOptionParameters(true);
    cli.setUnmatchedOptionsArePositionalParams(true);
    cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
      if (e instanceof CliException c) {
        return fail(c.getMessage(), c.exitCode());
      }
      if (e instanceof SessionStoreUnavailableException u) {
        return fail("store unreachable: " + u.getMessage(), ExitCode.STORE_UNAVAILABLE);
      }
      if (e instanceof SessionStoreException s) {
        return fail("store error: " + s.getMessage(), ExitCode.FAILURE);
      }
      return fail(e.getClass().getSimpleName() + ": " + e.getMessage(), ExitCode.FAILURE);
    });
    cli.setParameterExceptionHandler((e, a) -> {
      System.err.println("satchel: " + e.getMessage() + " (try --help)");
      return ExitCode.USAGE;
    });
    return cli.execute(args);
  }

  private static int fail(String message, int code) {
    System.err.println("satchel: " + message);
    return code;
  }
}
