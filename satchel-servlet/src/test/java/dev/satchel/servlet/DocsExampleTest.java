package dev.satchel.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.satchel.servlet.example.AccountServlet;
import dev.satchel.servlet.example.SatchelSetup;
import dev.satchel.servlet.scenario.Browser;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** The servlet example of docs/integrations.md: the code in the docs is this compiled code, and it works. */
class DocsExampleTest {

  private static final Path EXAMPLE = Path.of("src/test/java/dev/satchel/servlet/example");
  private static final Path DOC = Path.of("../docs/integrations.md");

  @Test
  void theDocumentedCodeIsTheCompiledExample() throws IOException {
    String doc = Files.readString(DOC);
    String compiled = Files.readString(EXAMPLE.resolve("SatchelSetup.java"))
        + Files.readString(EXAMPLE.resolve("AccountServlet.java"));
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(doc.substring(0,
        doc.indexOf("## Spring Boot")));
    while (m.find()) {
      blocks.add(m.group(1));
    }
    assertThat(blocks).as("the servlet section shows the example").hasSizeGreaterThanOrEqualTo(2);
    for (String block : blocks) {
      for (String line : block.split("\n")) {
        if (!line.isBlank() && !line.startsWith("import ") && !line.startsWith("package ")) {
          assertThat(compiled).as("docs line not in the compiled example: %s", line).contains(line);
        }
      }
    }
  }

  @Test
  void theExampleLogsInAndOutOnARealServer() throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addEventListener(new SatchelSetup());
    context.addServlet(AccountServlet.class, "/account/*");
    server.setHandler(context);
    server.start();
    try {
      Browser b = new Browser(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"));
      String page = b.get("/account/").body();
      assertThat(page).contains("Hello stranger");
      assertThat(b.post("/account/login", Map.of("user", "<b>ann</b>")).status())
          .as("no CSRF token").isEqualTo(403);
      Browser.Response login = b.post("/account/login", Map.of("user", "<b>ann</b>", "csrf_token", token(page)));
      assertThat(login.status()).isEqualTo(302);
      page = b.get("/account/").body();
      assertThat(page).contains("Welcome, &lt;b&gt;ann&lt;/b&gt;").contains("Hello &lt;b&gt;ann&lt;/b&gt;");
      b.post("/account/logout", Map.of("csrf_token", token(page)));
      assertThat(b.get("/account/").body()).contains("Successfully logged out").contains("Hello stranger");
    } finally {
      server.stop();
    }
  }

  private static String token(String page) {
    Matcher m = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"").matcher(page);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
