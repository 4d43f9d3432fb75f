package dev.satchel.flask;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * One long-lived Python process running {@code flask/flask_helper.py} with the real Flask, answering JSON-lines
 * requests, so thousands of interop checks take seconds.
 */
final class FlaskHelperProcess implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process process;
  private final BufferedWriter in;
  private final BufferedReader out;

  private FlaskHelperProcess(Process process) {
    this.process = process;
    this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /**
   * Starts the helper with a Python that can import Flask: {@code -Dsatchel.flask.python} or
   * {@code SATCHEL_FLASK_PYTHON} when set, then Debian's {@code /usr/bin/python3}, then {@code python3} on the PATH. Without one the calling test is skipped visibly, or fails when {@code CI=true}.
   */
  static FlaskHelperProcess start() throws IOException {
    Optional<String> python = findPython();
    if (python.isEmpty()) {
      String message = "No Python with Flask found (tried /usr/bin/python3 and python3 on PATH):"
          + " install python3-flask to run the Flask interop tests";
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(message);
      }
      Assumptions.abort(message);
    }
    Path script;
    try {
      script = Path.of(FlaskHelperProcess.class.getResource("/flask/flask_helper.py").toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    Process p = new ProcessBuilder(python.get(), "-u", "-W", "ignore", script.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    return new FlaskHelperProcess(p);
  }

  private static Optional<String> findPython() {
    List<String> candidates = new ArrayList<>();
    // An explicit interpreter (e.g. a virtualenv with another Flask version) wins.
    String chosen = System.getProperty("satchel.flask.python", System.getenv("SATCHEL_FLASK_PYTHON"));
    if (chosen != null && !chosen.isBlank()) {
      candidates.add(chosen);
    }
    if (Files.isExecutable(Path.of("/usr/bin/python3"))) {
      candidates.add("/usr/bin/python3");
    }
    candidates.add("python3");
    for (String candidate : candidates) {
      try {
        Process p = new ProcessBuilder(candidate, "-c", "import flask, itsdangerous")
            .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return Optional.of(candidate);
        }
      } catch (IOException e) {
        // not on this machine: try the next one
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** A new request object for {@code op}. */
  static ObjectNode request(String op) {
    return JSON.createObjectNode().put("op", op);
  }

  /** Sends one request and waits for its answer; a Python-side exception fails the test with its trace. */
  JsonNode call(ObjectNode request) throws IOException {
    in.write(JSON.writeValueAsString(request));
    in.write('\n');
    in.flush();
    String line = out.readLine();
    if (line == null) {
      throw new IOException("Flask helper exited (status " + (process.isAlive() ? "alive" : process.exitValue()) + ")");
    }
    JsonNode answer = JSON.readTree(line);
    if (answer.has("fatal")) {
      Assertions.fail("Flask helper failed: " + answer.get("fatal").asText() + "\n" + answer.path("trace").asText());
    }
    return answer;
  }

  @Override
  public void close() throws IOException {
    in.close();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroy();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroy();
    }
  }
}
