package dev.satchel.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.satchel.keys.KeyRing;
import dev.satchel.servlet.scenario.Browser;
import dev.satchel.servlet.scenario.ScenarioServlets;
import dev.satchel.session.SessionManager;
import dev.satchel.session.codec.SignedCookieCodec;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.net.URI;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** The web.xml way: a no-argument filter configured from a context attribute and init parameters. */
class WebXmlConfigurationTest {

  @Test
  void initParametersConfigureCsrf() throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.setAttribute(SatchelFilter.MANAGER_ATTRIBUTE,
        SessionManager.builder().codec(SignedCookieCodec.of(KeyRing.generate())).build());
    FilterHolder filter = new FilterHolder(SatchelFilter.class);
    filter.setInitParameter("csrf-exempt", " /api/* , /hook ");
    context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
    ScenarioServlets.all().forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));
    server.setHandler(context);
    server.start();
    try {
      Browser b = new Browser(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"));
      assertThat(b.post("/api/echo", Map.of()).status()).isEqualTo(200);
      assertThat(b.post("/transfer", Map.of()).status()).isEqualTo(403);
    } finally {
      server.stop();
    }
  }

  @Test
  void csrfCanBeTurnedOffByInitParameter() throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.setAttribute(SatchelFilter.MANAGER_ATTRIBUTE,
        SessionManager.builder().codec(SignedCookieCodec.of(KeyRing.generate())).build());
    FilterHolder filter = new FilterHolder(SatchelFilter.class);
    filter.setInitParameter("csrf", "false");
    context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
    ScenarioServlets.all().forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));
    server.setHandler(context);
    server.start();
    try {
      Browser b = new Browser(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"));
      assertThat(b.post("/transfer", Map.of("amount", "5")).body()).isEqualTo("transferred 5");
    } finally {
      server.stop();
    }
  }

  @Test
  void withoutAManagerInitSaysWhatToDo() {
    ServletContext servletContext = new ServletContextHandler("/").getServletContext();
    FilterConfig config = new FilterConfig() {
      @Override
      public String getFilterName() {
        return "satchel";
      }

      @Override
      public ServletContext getServletContext() {
        return servletContext;
      }

      @Override
      public String getInitParameter(String name) {
        return null;
      }

      @Override
      public Enumeration<String> getInitParameterNames() {
        return Collections.emptyEnumeration();
      }
    };
    assertThatThrownBy(() -> new SatchelFilter().init(config)).isInstanceOf(ServletException.class)
        .hasMessageContaining(SatchelFilter.MANAGER_ATTRIBUTE).hasMessageContaining("SatchelFilter.builder");
  }
}
