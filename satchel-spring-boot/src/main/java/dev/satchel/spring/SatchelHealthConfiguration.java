package dev.satchel.spring;

import dev.satchel.session.SessionManager;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/** The {@code satchel} health indicator, when Actuator is present ({@code management.health.satchel.enabled}). */
@AutoConfiguration(after = SatchelAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(SessionManager.class)
@ConditionalOnProperty(prefix = "management.health.satchel", name = "enabled", matchIfMissing = true)
public class SatchelHealthConfiguration {

  /** Reports whether the session store answers. */
  @Bean
  @ConditionalOnMissingBean(name = "satchelHealthIndicator")
  public SatchelHealthIndicator satchelHealthIndicator(SessionManager manager) {
    return new SatchelHealthIndicator(manager);
  }
}
