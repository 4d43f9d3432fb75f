package dev.satchel.spring;

import dev.satchel.servlet.scenario.ScenarioServlets;
import jakarta.servlet.ServletRegistration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;

/** The scenario servlets with the store the starter configures from properties. */
@SpringBootConfiguration
@EnableAutoConfiguration
class SpringScenarioApplicationWithoutStore {

  @Bean
  ServletContextInitializer scenarioServlets() {
    return context -> ScenarioServlets.all().forEach((path, servlet) -> {
      ServletRegistration.Dynamic registration = context.addServlet("scenario" + path, servlet);
      registration.addMapping(path);
      registration.setAsyncSupported(true);
    });
  }
}
