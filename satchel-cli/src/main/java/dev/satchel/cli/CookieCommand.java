package dev.satchel.cli;

import dev.satchel.json.SessionJson;
import dev.satchel.keys.KeyRing;
import dev.satchel.session.DecodeResult;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code satchel cookie decode|encode}. */
@Command(name = "cookie", mixinStandardHelpOptions = true,
    description = "Read what a session cookie holds, or make one.",
    subcommands = {CookieCommand.Decode.class, CookieCommand.Encode.class})
final class CookieCommand {

  static Duration maxAge(String text) {
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new CliException(ExitCode.USAGE, "--max-age must be an ISO-8601 duration such as P31D or PT1H, was '"
          + text + "'");
    }
  }

  /** {@code satchel cookie decode COOKIE}. */
  @Command(name = "decode", mixinStandardHelpOptions = true,
      description = "Verify a session cookie and print its session as JSON, with the key that verified it, its "
          + "age and its expiry.")
  static final class Decode implements Callable<Integer> {

    @Parameters(paramLabel = "COOKIE", description = "The cookie value (what follows 'session=').")
    String cookie;

    @Option(names = "--format", defaultValue = "satchel",
        description = "satchel (signed, default), encrypted, flask or jwt.")
    String format;

    @Mixin
    KeyOptions keyOptions;

    @Option(names = "--no-verify", description = "Show a signed cookie's content WITHOUT checking its signature "
        + "(labelled unverified; anyone can forge it). Needs no key.")
    boolean noVerify;

    @Option(names = "--max-age", defaultValue = "P31D", description = "Oldest cookie accepted (default ${DEFAULT-VALUE}).")
    String maxAge;

    @Override
    public Integer call() {
      CookieFormat cookieFormat = CookieFormat.parse(format);
      String value = stripName(cookie.strip());
      Instant now = Instant.now();
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("format", cookieFormat.name().toLowerCase(java.util.Locale.ROOT));
      if (noVerify) {
        CookieFormat.Peek peek = cookieFormat.peek(value);
        out.put("verified", false);
        out.put("warning", "UNVERIFIED: the signature was not checked; anyone can forge this content");
        if (peek.claimedIssuedAt() != null) {
          out.put("claimedIssuedAt", peek.claimedIssuedAt().toString());
        }
        out.put("session", peek.session());
        System.out.println(Output.json(out));
        return ExitCode.OK;
      }
      KeyRing keys = keyOptions.ring();
      Duration max = maxAge(maxAge);
      DecodeResult result = cookieFormat.codec(keys, max).decode(value, now);
      if (result instanceof DecodeResult.Rejected rejected) {
        throw new CliException(ExitCode.BAD_COOKIE, "cookie not accepted: "
            + rejected.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " ("
            + rejected.detail() + ")");
      }
      DecodeResult.Decoded decoded = (DecodeResult.Decoded) result;
      out.put("verified", true);
      out.put("key", decoded.keyIndex() == 0 ? "current" : "fallback " + decoded.keyIndex());
      out.put("issuedAt", decoded.issuedAt().toString());
      out.put("ageSeconds", Duration.between(decoded.issuedAt(), now).getSeconds());
      out.put("expiresAt", decoded.issuedAt().plus(max).toString());
      out.put("session", decoded.attributes());
      System.out.println(Output.json(out));
      return ExitCode.OK;
    }

    /** Accepts "session=VALUE" pasted from a Cookie header too. */
    private static String stripName(String value) {
      int eq = value.indexOf('=');
      return eq > 0 && eq < 64 && value.substring(0, eq).matches("[A-Za-z0-9_-]+") && value.length() > eq + 1
          && !value.endsWith("=") ? value.substring(eq + 1) : value;
    }
  }

  /** {@code satchel cookie encode --json '{...}'}. */
  @Command(name = "encode", mixinStandardHelpOptions = true,
      description = "Make a session cookie holding the given JSON object (for tests and migrations).")
  static final class Encode implements Callable<Integer> {

    @Option(names = "--json", required = true, paramLabel = "JSON", description = "The session, a JSON object.")
    String json;

    @Option(names = "--format", defaultValue = "satchel",
        description = "satchel (signed, default), encrypted, flask or jwt.")
    String format;

    @Mixin
    KeyOptions keyOptions;

    @Option(names = "--timestamp", paramLabel = "EPOCH_SECONDS",
        description = "The issue time to stamp (default: now); fixed timestamps give reproducible cookies.")
    Long timestamp;

    @Option(names = "--max-age", defaultValue = "P31D", description = "Maximum age (JWT exp; default ${DEFAULT-VALUE}).")
    String maxAge;

    @Override
    public Integer call() {
      CookieFormat cookieFormat = CookieFormat.parse(format);
      Map<String, Object> session = SessionJson.readMap(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))
          .orElseThrow(() -> new CliException(ExitCode.USAGE, "--json must be a JSON object, e.g. '{\"user\":\"alice\"}'"));
      KeyRing keys = keyOptions.ring();
      Instant at = timestamp == null ? Instant.now() : Instant.ofEpochSecond(timestamp);
      try {
        System.out.println(cookieFormat.codec(keys, maxAge(maxAge)).encode(session, at));
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCode.BAD_COOKIE, "cannot encode the session: " + e.getMessage());
      }
      return ExitCode.OK;
    }
  }
}
