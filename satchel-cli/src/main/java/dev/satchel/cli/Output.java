package dev.satchel.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.satchel.json.SessionJson;

/** JSON as the commands print it: pretty, ISO dates, the session mapping Satchel uses everywhere. */
final class Output {

  private Output() {}

  static String json(Object value) {
    try {
      return SessionJson.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new CliException(ExitCode.FAILURE, "cannot print the result as JSON: " + e.getOriginalMessage());
    }
  }
}
