package dev.satchel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** keygen, encode and decode through the real jar, for every format. */
class CliCookieIT {

  @ParameterizedTest
  @ValueSource(strings = {"satchel", "encrypted", "flask", "jwt"})
  void keygenEncodeDecodeRoundTrip(String format) {
    Cli.Result keygen = Cli.run("keygen");
    assertThat(keygen.exitCode()).isZero();
    String key = keygen.out().strip();
    assertThat(key).startsWith("base64:").hasSize("base64:".length() + 44);

    Cli.Result encoded = Cli.run("cookie", "encode", "--format", format, "--key", key,
        "--json", "{\"user\":\"alice\",\"roles\":[\"admin\"],\"n\":42}");
    assertThat(encoded.exitCode()).as(encoded.err()).isZero();
    String cookie = encoded.out().strip();

    Cli.Result decoded = Cli.run("cookie", "decode", cookie, "--format", format, "--key", key);
    assertThat(decoded.exitCode()).as(decoded.err()).isZero();
    assertThat(decoded.out()).contains("\"verified\" : true").contains("\"key\" : \"current\"")
        .contains("\"user\" : \"alice\"").contains("\"admin\"").contains("42").contains("expiresAt");

    Cli.Result wrongKey = Cli.run("cookie", "decode", cookie, "--format", format,
        "--key", Cli.run("keygen").out().strip());
    assertThat(wrongKey.exitCode()).isEqualTo(4);
    assertThat(wrongKey.out()).isEmpty();
    assertThat(wrongKey.err().strip()).startsWith("satchel: cookie not accepted").doesNotContain("\n");
  }

  @Test
  void aFallbackKeyIsNamed() {
    String oldKey = Cli.run("keygen").out().strip();
    String newKey = Cli.run("keygen", "--format", "hex").out().strip();
    assertThat(newKey).startsWith("hex:");
    String cookie = Cli.run("cookie", "encode", "--key", oldKey, "--json", "{\"a\":1}").out().strip();
    Cli.Result decoded = Cli.run("cookie", "decode", cookie, "--key", newKey, "--key", oldKey);
    assertThat(decoded.out()).contains("\"key\" : \"fallback 1\"");
  }

  @Test
  void noVerifyShowsTheContentLabelledUnverified() {
    String key = Cli.run("keygen").out().strip();
    String cookie = Cli.run("cookie", "encode", "--key", key, "--json", "{\"user\":\"alice\"}").out().strip();
    Cli.Result peek = Cli.run("cookie", "decode", cookie, "--no-verify");
    assertThat(peek.exitCode()).isZero();
    assertThat(peek.out()).contains("\"verified\" : false").contains("UNVERIFIED").contains("alice");

    Cli.Result encrypted = Cli.run("cookie", "decode", Cli.run("cookie", "encode", "--format", "encrypted",
        "--key", key, "--json", "{\"a\":1}").out().strip(), "--format", "encrypted", "--no-verify");
    assertThat(encrypted.exitCode()).isEqualTo(4);
    assertThat(encrypted.err()).contains("cannot be read without its key");
  }

  @Test
  void fixedTimestampsGiveReproducibleCookiesAndExpiryIsEnforced() {
    String key = "base64:" + "A".repeat(43) + "=";
    List<String> args = List.of("cookie", "encode", "--key", key, "--timestamp", "1700000000", "--json", "{\"a\":1}");
    String first = Cli.run(args.toArray(String[]::new)).out();
    assertThat(Cli.run(args.toArray(String[]::new)).out()).isEqualTo(first);
    Cli.Result expired = Cli.run("cookie", "decode", first.strip(), "--key", key);
    assertThat(expired.exitCode()).isEqualTo(4);
    assertThat(expired.err()).contains("expired");
  }

  @Test
  void errorsAreOneLineWithDocumentedCodes() {
    Cli.Result noKey = Cli.run("cookie", "decode", "abc");
    assertThat(noKey.exitCode()).isEqualTo(3);
    assertThat(noKey.err()).contains("satchel keygen");
    Cli.Result badKey = Cli.run("cookie", "decode", "abc", "--key", "base64:!!!");
    assertThat(badKey.exitCode()).isEqualTo(3);
    Cli.Result badFormat = Cli.run("cookie", "decode", "abc", "--format", "xml", "--key", "k");
    assertThat(badFormat.exitCode()).isEqualTo(2);
    Cli.Result garbage = Cli.run("cookie", "decode", "garbage!", "--key", Cli.run("keygen").out().strip());
    assertThat(garbage.exitCode()).isEqualTo(4);
    Cli.Result unknown = Cli.run("frobnicate");
    assertThat(unknown.exitCode()).isEqualTo(2);
    for (Cli.Result r : List.of(noKey, badKey, badFormat, garbage, unknown)) {
      assertThat(r.err().strip()).startsWith("satchel: ").doesNotContain("\n").doesNotContain("Exception");
    }
  }

  @Test
  void everyCommandHasHelpAndCompletionIsGenerated() {
    for (List<String> command : List.<List<String>>of(List.of(), List.of("keygen"), List.of("cookie"), List.of("cookie", "decode"),
        List.of("cookie", "encode"), List.of("sessions"), List.of("sessions", "list"), List.of("sessions", "show"),
        List.of("sessions", "revoke"), List.of("sessions", "revoke-user"), List.of("sessions", "count"),
        List.of("sessions", "sweep"))) {
      List<String> withHelp = new java.util.ArrayList<>(command);
      withHelp.add("--help");
      String[] args = withHelp.toArray(String[]::new);
      Cli.Result help = Cli.run(args);
      assertThat(help.exitCode()).as(String.join(" ", args)).isZero();
      assertThat(help.out()).contains("Usage: satchel");
    }
    Cli.Result completion = Cli.run("generate-completion");
    assertThat(completion.exitCode()).isZero();
    assertThat(completion.out()).contains("complete").contains("satchel");
  }
}
