package dev.satchel.spring;

import dev.satchel.redis.RedisSessionStore;
import dev.satchel.store.SessionStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/** The Redis store for {@code satchel.store=redis}, when satchel-redis is on the classpath. */
@AutoConfiguration(before = SatchelAutoConfiguration.class)
@ConditionalOnClass(RedisSessionStore.class)
@ConditionalOnProperty(prefix = "satchel", name = "store", havingValue = "redis")
public class SatchelRedisStoreConfiguration {

  /** The Redis session store; it connects on first use, so the application starts while Redis is still starting. */
  @Bean
  @ConditionalOnMissingBean(SessionStore.class)
  public RedisSessionStore satchelRedisSessionStore(SatchelProperties properties) {
    SatchelProperties.Redis redis = properties.redis();
    RedisSessionStore.Builder builder = RedisSessionStore.builder(redis.uri()).keyPrefix(redis.keyPrefix());
    if (redis.commandTimeout() != null) {
      builder.commandTimeout(redis.commandTimeout());
    }
    if (redis.connectTimeout() != null) {
      builder.connectTimeout(redis.connectTimeout());
    }
    return builder.build();
  }
}
