package dev.satchel.spring.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.servlet.scenario.Browser;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The Spring Boot example of docs/integrations.md: the documented code is this compiled code, and it works. */
@SpringBootTest(classes = ExampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"satchel.store=memory", "satchel.csrf.exempt-paths=/api/*",
        "satchel.secret-key=base64:EbawM8qvAehIzpEdE6yO4nn2i3jfPUoW9FFCmqHgGFs=" /* a test key: server-side sessions need one too */})
class ExampleApplicationTest {

  @LocalServerPort
  int port;

  @Test
  void theDocumentedCodeIsTheCompiledExample() throws IOException {
    String doc = Files.readString(Path.of("../docs/integrations.md"));
    String spring = doc.substring(doc.indexOf("## Spring Boot"));
    int end = spring.indexOf("\n## ", 3);
    spring = end < 0 ? spring : spring.substring(0, end);
    String compiled = Files.readString(Path.of("src/test/java/dev/satchel/spring/example/AccountController.java"));
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(spring);
    int blocks = 0;
    while (m.find()) {
      blocks++;
      for (String line : m.group(1).split("\n")) {
        if (!line.isBlank() && !line.startsWith("import ") && !line.startsWith("package ")) {
          assertThat(compiled).as("docs line not in the compiled example: %s", line).contains(line);
        }
      }
    }
    assertThat(blocks).isPositive();
  }

  @Test
  void loginWhoamiAndLogOutEverywhere() {
    URI base = URI.create("http://127.0.0.1:" + port + "/");
    Browser laptop = new Browser(base);
    Browser phone = new Browser(base);
    for (Browser b : new Browser[] {laptop, phone}) {
      String token = token(b.get("/whoami").body());
      assertThat(b.post("/login", Map.of("user", "ann")).status()).as("no CSRF token").isEqualTo(403);
      assertThat(b.post("/login", Map.of("user", "ann", "csrf_token", token)).status()).isEqualTo(303);
      assertThat(b.get("/whoami").body()).startsWith("ann;");
    }
    String token = token(laptop.get("/whoami").body());
    Browser.Response ended = laptop.post("/logout-everywhere", Map.of(), "X-CSRF-Token", token);
    assertThat(ended.body()).isEqualTo("ended 2 sessions");
    assertThat(phone.get("/whoami").body()).startsWith("stranger;");
    assertThat(laptop.get("/whoami").body()).startsWith("stranger;");
  }

  @Test
  void flashAttributesOfARedirectSurviveInTheSatchelSession() {
    Browser b = new Browser(URI.create("http://127.0.0.1:" + port + "/"));
    String token = token(b.get("/whoami").body());
    Browser.Response saved = b.post("/profile", Map.of("csrf_token", token));
    assertThat(saved.status()).isEqualTo(302);
    assertThat(b.get("/profile").body()).isEqualTo("profile: Profile saved");
    assertThat(b.get("/profile").body()).as("shown once").isEqualTo("profile");
  }

  private static String token(String body) {
    Matcher m = Pattern.compile("token (\\S+)").matcher(body);
    assertThat(m.find()).as(body).isTrue();
    return m.group(1);
  }
}
