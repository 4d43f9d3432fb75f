package dev.satchel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CLI against real Flask: it reads what Flask wrote, and Flask accepts what it writes. */
class CliFlaskIT {

  static final String SECRET = "flask-and-satchel-share-this-secret-0123456789";
  static final String SCRIPT = """
      import json, sys
      from flask import Flask, session
      app = Flask(__name__)
      app.secret_key = sys.argv[2]
      @app.route("/")
      def index():
          return json.dumps({"user": session.get("user"), "roles": session.get("roles")})
      if sys.argv[1] == "dumps":
          s = app.session_interface.get_signing_serializer(app)
          print(s.dumps(json.loads(sys.argv[3])))
      else:
          client = app.test_client(use_cookies=False)
          print(client.get("/", headers={"Cookie": "session=" + sys.argv[3]}).get_data(as_text=True))
      """;

  static String python;

  @BeforeAll
  static void findFlask() {
    for (String candidate : List.of("/usr/bin/python3", "python3")) {
      if (run(candidate, "-c", "import flask").startsWith("0:")) {
        python = candidate;
        return;
      }
    }
    if ("true".equals(System.getenv("CI"))) {
      throw new IllegalStateException("CI=true but no python3 can import flask (apt-get install python3-flask)");
    }
    Assumptions.abort("SKIPPED: no python3 with Flask (apt-get install python3-flask)");
  }

  static String run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(60, TimeUnit.SECONDS);
      return p.exitValue() + ":" + out.strip();
    } catch (IOException | InterruptedException e) {
      return "-1:" + e;
    }
  }

  static String flask(String mode, String arg) {
    String result = run(python, "-c", SCRIPT, mode, SECRET, arg);
    assertThat(result).as("python: " + result).startsWith("0:");
    return result.substring(2);
  }

  @Test
  void decodesACookieMadeByFlask() {
    String cookie = flask("dumps", "{\"user\": \"alice\", \"roles\": [\"admin\"], \"note\": \"caf\\u00e9 \\ud83d\\ude00\"}");
    Cli.Result decoded = Cli.run("cookie", "decode", cookie, "--format", "flask", "--key", SECRET);
    assertThat(decoded.exitCode()).as(decoded.err()).isZero();
    assertThat(decoded.out()).contains("\"verified\" : true").contains("\"user\" : \"alice\"")
        .contains("caf\u00e9 \ud83d\ude00");
  }

  @Test
  void flaskAcceptsACookieMadeByTheCli() {
    Cli.Result encoded = Cli.run("cookie", "encode", "--format", "flask", "--key", SECRET,
        "--json", "{\"user\":\"bob\",\"roles\":[\"dev\",\"ops\"]}");
    assertThat(encoded.exitCode()).as(encoded.err()).isZero();
    assertThat(flask("view", encoded.out().strip())).isEqualTo("{\"user\": \"bob\", \"roles\": [\"dev\", \"ops\"]}");
  }
}
