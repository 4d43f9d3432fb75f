package dev.satchel.spring;

import dev.satchel.servlet.scenario.FlakyStore;
import dev.satchel.servlet.scenario.ScenarioServlets;
import jakarta.servlet.ServletRegistration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;

/** The scenario application as a Spring Boot app: the same servlets, Satchel configured by the starter. */
@SpringBootConfiguration
@EnableAutoConfiguration
class SpringScenarioApplication {

  /** The store, switchable off to test outages; the starter picks it up instead of its own. */
  @Bean
  FlakyStore flakyStore() {
    return new FlakyStore();
  }

  @Bean
  ServletContextInitializer scenarioServlets() {
    return context -> ScenarioServlets.all().forEach((path, servlet) -> {
      ServletRegistration.Dynamic registration = context.addServlet("scenario" + path, servlet);
      registration.addMapping(path);
      registration.setAsyncSupported(true);
    });
  }
}
