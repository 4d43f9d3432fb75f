package dev.satchel.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.satchel.store.SessionStoreException;
import dev.satchel.store.SessionStoreUnavailableException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InternalsTest {

  @Test
  void redactsPasswordsInEveryUrlForm() {
    assertThat(Failures.redact("jdbc:postgresql://db/app?user=app&password=s3cret&ssl=true"))
        .isEqualTo("jdbc:postgresql://db/app?user=app&password=***&ssl=true");
    assertThat(Failures.redact("jdbc:h2:tcp://db/app;USER=sa;PASSWORD=s3cret;MODE=x"))
        .isEqualTo("jdbc:h2:tcp://db/app;USER=sa;PASSWORD=***;MODE=x");
    assertThat(Failures.redact("jdbc:mariadb://app:s3cret@db:3306/app")).isEqualTo("jdbc:mariadb://app:***@db:3306/app");
    assertThat(Failures.redact("jdbc:mysql://db/app?pwd=s3cret")).doesNotContain("s3cret");
    assertThat(Failures.redact("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x");
  }

  @Test
  void networkFailuresAreUnavailabilityAndSqlErrorsAreNot() {
    Failures failures = new Failures("jdbc:h2:mem:x", "connectionTimeout 1000 ms");
    assertThat(failures.translate("load", new SQLTransientConnectionException("pool timeout")))
        .isInstanceOf(SessionStoreUnavailableException.class).hasMessageContaining("jdbc:h2:mem:x")
        .hasMessageContaining("connectionTimeout 1000 ms").hasMessageContaining("load");
    assertThat(failures.translate("save", new SQLException("gone", "08006")))
        .isInstanceOf(SessionStoreUnavailableException.class);
    assertThat(failures.translate("save", new SQLException("broken", "90067", new ConnectException("refused"))))
        .isInstanceOf(SessionStoreUnavailableException.class);
    assertThat(failures.translate("save", new SQLException("no such table", "42P01")))
        .isExactlyInstanceOf(SessionStoreException.class).hasMessageContaining("42P01");
    assertThat(Failures.isRetryable(new SQLException("deadlock", "40P01"))).isTrue();
    assertThat(Failures.isRetryable(new SQLException("deadlock", "40001", 1213))).isTrue();
    assertThat(Failures.isRetryable(new SQLException("syntax", "42000"))).isFalse();
  }

  @Test
  void dialectsAreFoundFromUrlsAndProductNames() {
    assertThat(Dialect.forUrl("jdbc:h2:mem:x")).get().extracting(Dialect::name).isEqualTo("h2");
    assertThat(Dialect.forUrl("JDBC:POSTGRESQL://db/app")).get().extracting(Dialect::name).isEqualTo("postgresql");
    assertThat(Dialect.forUrl("jdbc:mysql://db/app")).get().extracting(Dialect::name).isEqualTo("mariadb");
    assertThat(Dialect.forUrl("jdbc:oracle:thin:@db")).isEmpty();
    assertThat(Dialect.forProduct("PostgreSQL")).get().extracting(Dialect::name).isEqualTo("postgresql");
    assertThat(Dialect.forProduct("MariaDB")).get().extracting(Dialect::name).isEqualTo("mariadb");
    assertThat(Dialect.forProduct("MySQL")).get().extracting(Dialect::name).isEqualTo("mariadb");
    assertThat(Dialect.forProduct("H2")).get().extracting(Dialect::name).isEqualTo("h2");
    assertThat(Dialect.forProduct("Oracle")).isEmpty();
  }

  @Test
  void mysqlGetsItsOwnBinaryCollation() {
    Dialect maria = new MariaDbDialect();
    String script = SchemaScript.load("mariadb");
    assertThat(maria.adaptScript(script, "MariaDB")).contains("utf8mb4_nopad_bin");
    assertThat(maria.adaptScript(script, "MySQL")).contains("utf8mb4_0900_bin").doesNotContain("utf8mb4_nopad_bin");
  }

  @Test
  void driverTimeoutsAreSetInEachDriversUnits() {
    assertThat(new PostgresDialect().timeoutProperties(Duration.ofMillis(500), Duration.ofMillis(2500)))
        .containsEntry("connectTimeout", "1").containsEntry("socketTimeout", "3");
    assertThat(new MariaDbDialect().timeoutProperties(Duration.ofMillis(500), Duration.ofMillis(2500)))
        .containsEntry("connectTimeout", "500").containsEntry("socketTimeout", "2500");
  }

  @Test
  void everyShippedScriptSplitsIntoTheCreateStatements() {
    for (String dialect : List.of("h2", "postgresql", "mariadb")) {
      List<String> statements = SchemaScript.statements(SchemaScript.load(dialect));
      assertThat(statements).as(dialect).allMatch(s -> s.startsWith("CREATE ") && s.contains("IF NOT EXISTS"));
      assertThat(String.join("\n", statements)).as(dialect).contains("satchel_sessions").contains("satchel_attributes")
          .contains("ON DELETE CASCADE");
    }
    assertThat(SchemaScript.statements("-- c\nCREATE A;\n\nCREATE B\n  (x);\n")).containsExactly("CREATE A",
        "CREATE B\n(x)");
  }

  @Test
  void tablePrefixesAreSafeIdentifiers() {
    assertThat(Tables.withPrefix("app_").sessions()).isEqualTo("app_sessions");
    for (String bad : new String[] {"", "App_", "1app", "app-", "app; DROP TABLE x", "a".repeat(33)}) {
      assertThatThrownBy(() -> Tables.withPrefix(bad)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Table prefix");
    }
  }

  @Test
  void devicesAreCutAndCleanedNeverRejected() {
    assertThat(Limits.device(null)).isNull();
    assertThat(Limits.device("a\0b")).isEqualTo("a\uFFFDb");
    assertThat(Limits.device("x\uD800y")).isEqualTo("x\uFFFDy");
    String pairAtTheCut = "a".repeat(511) + "🎉";
    assertThat(Limits.device(pairAtTheCut)).isEqualTo("a".repeat(511));
  }

  @Test
  void microsecondsRoundTripAndRoundDown() {
    Instant t = Instant.parse("2026-03-01T10:00:00.123456789Z");
    assertThat(Micros.toInstant(Micros.of(t))).isEqualTo(Instant.parse("2026-03-01T10:00:00.123456Z"));
    Instant before1970 = Instant.parse("1969-12-31T23:59:59.999999Z");
    assertThat(Micros.toInstant(Micros.of(before1970))).isEqualTo(before1970);
  }
}
