package dev.satchel.cli;

/** The documented exit codes of every satchel command (docs/cli.md). */
final class ExitCode {
  /** Success. */
  static final int OK = 0;
  /** An unexpected failure. */
  static final int FAILURE = 1;
  /** The command line itself is wrong (unknown option, missing argument). */
  static final int USAGE = 2;
  /** A key is missing, unreadable or unusable. */
  static final int BAD_KEY = 3;
  /** A cookie did not verify or decode, or a value could not be encoded. */
  static final int BAD_COOKIE = 4;
  /** The session store could not be reached. */
  static final int STORE_UNAVAILABLE = 5;
  /** The session asked for does not exist. */
  static final int NOT_FOUND = 6;

  private ExitCode() {}
}
