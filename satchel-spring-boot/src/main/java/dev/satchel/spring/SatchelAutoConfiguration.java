package dev.satchel.spring;

import dev.satchel.csrf.CsrfProtection;
import dev.satchel.keys.KeyRing;
import dev.satchel.servlet.SatchelFilter;
import dev.satchel.session.SessionCodec;
import dev.satchel.session.SessionManager;
import dev.satchel.session.codec.SignedCookieCodec;
import dev.satchel.store.SessionStore;
import dev.satchel.store.memory.MemorySessionStore;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * Satchel for Spring Boot servlet applications: a {@link SessionManager} built from {@code satchel.*} properties,
 * the {@link SatchelFilter} registered early in the chain, the {@link SessionStore} as a bean (for "log out
 * everywhere"), and a health indicator for the store when Actuator is present. Every bean backs off when the
 * application defines its own.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SatchelFilter.class)
@EnableConfigurationProperties(SatchelProperties.class)
public class SatchelAutoConfiguration {

  /** The memory store, for {@code satchel.store=memory}. */
  @Bean
  @ConditionalOnMissingBean(SessionStore.class)
  @ConditionalOnProperty(prefix = "satchel", name = "store", havingValue = "memory")
  public MemorySessionStore satchelMemorySessionStore() {
    return MemorySessionStore.create();
  }

  /** The signed cookie codec, for cookie sessions (the default). */
  @Bean
  @ConditionalOnMissingBean({SessionCodec.class, SessionStore.class})
  @ConditionalOnProperty(prefix = "satchel", name = "store", havingValue = "cookie", matchIfMissing = true)
  public SessionCodec satchelSessionCodec(SatchelProperties properties) {
    return SignedCookieCodec.of(keyRing(properties));
  }

  /** The session manager every request goes through. */
  @Bean
  @ConditionalOnMissingBean
  public SessionManager satchelSessionManager(SatchelProperties properties, ObjectProvider<SessionStore> store,
      ObjectProvider<SessionCodec> codec) {
    SessionManager.Builder builder = SessionManager.builder()
        .cookie(properties.cookie().toSettings())
        .idleTimeout(properties.timeout().idle())
        .absoluteTimeout(noLimitIfZero(properties.timeout().absolute()))
        .permanentLifetime(properties.timeout().permanentLifetime())
        .refreshAfter(properties.timeout().refreshAfter())
        .trustedProxies(properties.trustedProxies());
    SessionStore theStore = store.getIfUnique();
    if (theStore != null) {
      // The keys sign the CSRF secret of visitors with nothing stored, so they never grow the store.
      return builder.store(theStore).keys(keyRing(properties)).build();
    }
    if (properties.store() != SatchelProperties.StoreType.COOKIE) {
      throw new IllegalStateException("satchel.store=" + properties.store().name().toLowerCase()
          + " but there is no SessionStore bean. " + switch (properties.store()) {
            case JDBC -> "Add the dev.satchel:satchel-jdbc dependency and a DataSource (or satchel.jdbc.url).";
            case REDIS -> "Add the dev.satchel:satchel-redis dependency (satchel.redis.uri says where Redis is).";
            default -> "Define a SessionStore bean.";
          });
    }
    SessionCodec theCodec = codec.getIfUnique();
    if (theCodec == null) {
      throw new IllegalStateException("Cookie sessions need one SessionCodec bean (found none or several).");
    }
    return builder.codec(theCodec).build();
  }

  /** CSRF protection ({@code satchel.csrf.enabled}, on by default); also renders tokens for templates. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "satchel.csrf", name = "enabled", havingValue = "true", matchIfMissing = true)
  public CsrfProtection satchelCsrfProtection(SatchelProperties properties) {
    CsrfProtection csrf = CsrfProtection.defaults();
    return properties.csrf().trustedOrigins().isEmpty() ? csrf
        : csrf.withTrustedOrigins(properties.csrf().trustedOrigins());
  }

  /** Registers the filter on every path, for requests, async dispatches and error pages. */
  @Bean
  @ConditionalOnMissingBean(name = "satchelFilterRegistration")
  public FilterRegistrationBean<SatchelFilter> satchelFilterRegistration(SatchelProperties properties,
      SessionManager manager, ObjectProvider<CsrfProtection> csrf, ObjectProvider<HttpSessionListener> listeners,
      ObjectProvider<HttpSessionIdListener> idListeners) {
    SatchelFilter.Builder filter = SatchelFilter.builder(manager);
    CsrfProtection protection = csrf.getIfUnique();
    if (protection == null) {
      filter.noCsrf();
    } else {
      filter.csrf(protection).csrfExempt(properties.csrf().exemptPaths().toArray(String[]::new));
    }
    listeners.orderedStream().forEach(filter::sessionListener);
    idListeners.orderedStream().forEach(filter::sessionIdListener);
    FilterRegistrationBean<SatchelFilter> registration = new FilterRegistrationBean<>(filter.build());
    registration.setName("satchelFilter");
    registration.setOrder(properties.filterOrder());
    registration.setAsyncSupported(true);
    registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ASYNC,
        DispatcherType.ERROR);
    registration.addUrlPatterns("/*");
    return registration;
  }

  /** The key ring: {@code satchel.secret-key} if set, else the environment (SATCHEL_SECRET_KEY...). */
  static KeyRing keyRing(SatchelProperties properties) {
    String key = properties.secretKey();
    if (key == null || key.isBlank()) {
      return KeyRing.fromEnvironment();
    }
    // Through the environment loader, so a property key obeys the same strength and rotation rules.
    Map<String, String> env = new HashMap<>(System.getenv());
    env.remove("SATCHEL_SECRET_KEY_FILE");
    env.remove("SATCHEL_SECRET_KEY_FALLBACKS");
    env.put("SATCHEL_SECRET_KEY", key.trim());
    if (!properties.fallbackSecretKeys().isEmpty()) {
      env.put("SATCHEL_SECRET_KEY_FALLBACKS", String.join(",", properties.fallbackSecretKeys()));
    }
    return KeyRing.fromEnvironment(env, Path.of(System.getProperty("user.home")));
  }

  private static Duration noLimitIfZero(Duration d) {
    return d == null || d.isZero() ? null : d;
  }
}
