package dev.satchel.demo;

/** Lets tests in sub-packages use {@link Services}' skip-or-fail rule for local servers. */
public final class ServicesAccess {

  private ServicesAccess() {}

  /** Skips visibly when the server is unreachable; fails under CI=true. */
  public static void require(String name, int port) {
    Services.require(name, port);
  }
}
