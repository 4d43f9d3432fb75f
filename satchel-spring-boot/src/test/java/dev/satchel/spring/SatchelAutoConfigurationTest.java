package dev.satchel.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.satchel.cookie.SameSite;
import dev.satchel.csrf.CsrfProtection;
import dev.satchel.jdbc.JdbcSessionStore;
import dev.satchel.keys.KeyText;
import dev.satchel.keys.MissingSecretKeyException;
import dev.satchel.keys.WeakSecretKeyException;
import dev.satchel.redis.RedisSessionStore;
import dev.satchel.servlet.SatchelFilter;
import dev.satchel.servlet.scenario.FlakyStore;
import dev.satchel.session.SecureMode;
import dev.satchel.session.SessionCodec;
import dev.satchel.session.SessionManager;
import dev.satchel.session.codec.SignedCookieCodec;
import dev.satchel.store.SessionStore;
import dev.satchel.store.memory.MemorySessionStore;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

class SatchelAutoConfigurationTest {

  private static final String KEY = "satchel.secret-key=" + KeyText.format(KeyText.generate());

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SatchelJdbcStoreConfiguration.class,
          SatchelRedisStoreConfiguration.class, SatchelAutoConfiguration.class,
          SatchelHealthConfiguration.class));

  @Test
  void cookieSessionsSignedWithTheConfiguredKeyByDefault() {
    runner.withPropertyValues(KEY).run(context -> {
      assertThat(context).hasNotFailed();
      SessionManager manager = context.getBean(SessionManager.class);
      assertThat(manager.store()).isEmpty();
      assertThat(context.getBean(SessionCodec.class)).isInstanceOf(SignedCookieCodec.class);
      assertThat(context).hasSingleBean(CsrfProtection.class).doesNotHaveBean(SessionStore.class);
      assertThat(manager.cookieSettings().httpOnly()).isTrue();
      assertThat(manager.cookieSettings().sameSite()).isEqualTo(SameSite.LAX);
      assertThat(manager.cookieSettings().secure()).isEqualTo(SecureMode.AUTO);

      FilterRegistrationBean<?> registration = context.getBean("satchelFilterRegistration",
          FilterRegistrationBean.class);
      assertThat(registration.getFilter()).isInstanceOf(SatchelFilter.class);
      assertThat(registration.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE + 50);
      assertThat(registration.getUrlPatterns()).containsExactly("/*");
      assertThat(registration.isAsyncSupported()).isTrue();
      assertThat(registration.determineDispatcherTypes())
          .contains(DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ASYNC, DispatcherType.ERROR);
      assertThat(context.getBean(SatchelHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
    });
  }

  @Test
  void memoryStoreIsABeanForLogOutEverywhere() {
    runner.withPropertyValues(KEY, "satchel.store=memory").run(context -> {
      assertThat(context).hasSingleBean(MemorySessionStore.class).doesNotHaveBean(SessionCodec.class);
      SessionManager manager = context.getBean(SessionManager.class);
      assertThat(manager.store()).containsSame(context.getBean(SessionStore.class));
      assertThat(manager.invalidateAll("nobody")).isZero();
    });
  }

  @Test
  void jdbcStoreFromAUrlWhenSatchelJdbcIsPresent() {
    // A generous connection timeout: the build machine may be busy, and H2's first connection loads a lot.
    runner.withPropertyValues(KEY, "satchel.store=jdbc", "satchel.jdbc.connection-timeout=20s",
            "satchel.jdbc.url=jdbc:h2:mem:satchel_spring_" + UUID.randomUUID().toString().replace("-", ""))
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(JdbcSessionStore.class);
          SessionManager manager = context.getBean(SessionManager.class);
          assertThat(manager.store()).containsSame(context.getBean(JdbcSessionStore.class));
          var health = context.getBean(SatchelHealthIndicator.class).health();
          assertThat(health.getStatus()).as("%s", health.getDetails()).isEqualTo(Status.UP);
        });
  }

  @Test
  void jdbcStoreWithoutAnyDatabaseSaysWhatIsMissing() {
    runner.withPropertyValues("satchel.store=jdbc").run(context ->
        assertThat(context).getFailure().rootCause().hasMessageContaining("needs a DataSource"));
  }

  @Test
  void redisStoreWithoutSatchelRedisSaysWhatToAdd() {
    runner.withClassLoader(new FilteredClassLoader(RedisSessionStore.class))
        .withPropertyValues("satchel.store=redis").run(context ->
            assertThat(context).getFailure().rootCause().hasMessageContaining("satchel.store=redis")
                .hasMessageContaining("satchel-redis"));
  }

  @Test
  void jdbcStoreWithoutSatchelJdbcSaysWhatToAdd() {
    runner.withClassLoader(new FilteredClassLoader(JdbcSessionStore.class))
        .withPropertyValues("satchel.store=jdbc").run(context ->
            assertThat(context).getFailure().rootCause().hasMessageContaining("satchel-jdbc"));
  }

  @Test
  void redisStoreFromPropertiesStartsEvenWhileRedisIsDownAndReportsItDown() {
    // Port 1: nothing listens there, so this needs no Redis and shows the outage path.
    runner.withPropertyValues(KEY, "satchel.store=redis", "satchel.redis.uri=redis://127.0.0.1:1",
            "satchel.redis.key-prefix=satchel-spring-test:", "satchel.redis.connect-timeout=200ms")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(RedisSessionStore.class);
          assertThat(context.getBean(SessionManager.class).store())
              .containsSame(context.getBean(RedisSessionStore.class));
          var health = context.getBean(SatchelHealthIndicator.class).health();
          assertThat(health.getStatus()).isEqualTo(Status.DOWN);
          assertThat(health.getDetails()).containsEntry("store", "RedisSessionStore");
        });
  }

  @Test
  void theApplicationsOwnStoreWins() {
    runner.withUserConfiguration(OwnStore.class).withPropertyValues(KEY, "satchel.store=memory").run(context -> {
      assertThat(context).doesNotHaveBean(MemorySessionStore.class);
      assertThat(context.getBean(SessionManager.class).store()).containsSame(context.getBean(FlakyStore.class));
    });
  }

  @Test
  void cookieAttributesAndTimeoutsAreBound() {
    runner.withPropertyValues(KEY, "satchel.cookie.name=__Host-sid", "satchel.cookie.same-site=strict",
            "satchel.cookie.secure=always", "satchel.cookie.http-only=false", "satchel.timeout.idle=30m",
            "satchel.timeout.absolute=0", "satchel.timeout.permanent-lifetime=7d", "satchel.trusted-proxies=10.0.0.1")
        .run(context -> {
          SessionManager manager = context.getBean(SessionManager.class);
          assertThat(manager.cookieSettings().name()).isEqualTo("__Host-sid");
          assertThat(manager.cookieSettings().sameSite()).isEqualTo(SameSite.STRICT);
          assertThat(manager.cookieSettings().secure()).isEqualTo(SecureMode.ALWAYS);
          assertThat(manager.cookieSettings().httpOnly()).isFalse();
          assertThat(manager.timeouts().idle()).isEqualTo(Duration.ofMinutes(30));
          assertThat(manager.timeouts().absolute()).as("0 means no absolute limit").isNull();
          assertThat(manager.timeouts().permanentLifetime()).isEqualTo(Duration.ofDays(7));
        });
  }

  @Test
  void csrfCanBeTurnedOff() {
    runner.withPropertyValues(KEY, "satchel.csrf.enabled=false").run(context ->
        assertThat(context).hasNotFailed().doesNotHaveBean(CsrfProtection.class));
  }

  @Test
  void aWeakKeyIsRefused() {
    runner.withPropertyValues("satchel.secret-key=changeme").run(context ->
        assertThat(context).getFailure().rootCause().isInstanceOf(WeakSecretKeyException.class));
  }

  @Test
  void noKeyInProductionIsRefusedWithInstructions() {
    assumeTrue(System.getenv("SATCHEL_SECRET_KEY") == null && System.getenv("SATCHEL_SECRET_KEY_FILE") == null
        && !"development".equalsIgnoreCase(System.getenv("SATCHEL_ENV")),
        "The environment configures a Satchel key, so 'no key' cannot be tested here");
    runner.run(context -> assertThat(context).getFailure().rootCause()
        .isInstanceOf(MissingSecretKeyException.class).hasMessageContaining("SATCHEL_SECRET_KEY"));
  }

  @Test
  void serverSideSessionsNeedAKeyToo() {
    assumeTrue(System.getenv("SATCHEL_SECRET_KEY") == null && System.getenv("SATCHEL_SECRET_KEY_FILE") == null
        && !"development".equalsIgnoreCase(System.getenv("SATCHEL_ENV")),
        "The environment configures a Satchel key, so 'no key' cannot be tested here");
    runner.withPropertyValues("satchel.store=memory").run(context -> assertThat(context).getFailure().rootCause()
        .isInstanceOf(MissingSecretKeyException.class).hasMessageContaining("SATCHEL_SECRET_KEY"));
  }

  @Test
  void healthIsDownWhileTheStoreIsDown() {
    runner.withUserConfiguration(OwnStore.class).withPropertyValues(KEY).run(context -> {
      FlakyStore store = context.getBean(FlakyStore.class);
      SatchelHealthIndicator health = context.getBean(SatchelHealthIndicator.class);
      assertThat(health.health().getStatus()).isEqualTo(Status.UP);
      store.down(true);
      assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.health().getDetails()).containsEntry("store", "FlakyStore");
      store.down(false);
      assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    });
  }

  @Test
  void nothingOutsideServletWebApplications() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SatchelAutoConfiguration.class))
        .withPropertyValues(KEY)
        .run(context -> assertThat(context).doesNotHaveBean(SessionManager.class));
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnStore {
    @Bean
    FlakyStore flakyStore() {
      return new FlakyStore();
    }
  }
}
