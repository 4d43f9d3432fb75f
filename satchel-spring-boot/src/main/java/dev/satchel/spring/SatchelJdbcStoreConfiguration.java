package dev.satchel.spring;

import dev.satchel.jdbc.JdbcSessionStore;
import dev.satchel.store.SessionStore;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The JDBC store for {@code satchel.store=jdbc}, when satchel-jdbc is on the classpath: on the application's
 * {@link DataSource}, or on a pool of its own from {@code satchel.jdbc.url}.
 */
@AutoConfiguration(before = SatchelAutoConfiguration.class,
    afterName = "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration")
@ConditionalOnClass(JdbcSessionStore.class)
@ConditionalOnProperty(prefix = "satchel", name = "store", havingValue = "jdbc")
public class SatchelJdbcStoreConfiguration {

  /** The JDBC session store. */
  @Bean
  @ConditionalOnMissingBean(SessionStore.class)
  public JdbcSessionStore satchelJdbcSessionStore(SatchelProperties properties,
      ObjectProvider<DataSource> dataSource) {
    SatchelProperties.Jdbc jdbc = properties.jdbc();
    JdbcSessionStore.Builder builder = JdbcSessionStore.builder()
        .tablePrefix(jdbc.tablePrefix())
        .createSchema(jdbc.createSchema());
    if (jdbc.connectionTimeout() != null) {
      builder.connectionTimeout(jdbc.connectionTimeout());
    }
    if (jdbc.url() != null && !jdbc.url().isBlank()) {
      builder.jdbcUrl(jdbc.url()).username(jdbc.username()).password(jdbc.password());
    } else {
      DataSource ds = dataSource.getIfUnique();
      if (ds == null) {
        throw new IllegalStateException("satchel.store=jdbc needs a DataSource bean (spring.datasource.*) or "
            + "satchel.jdbc.url");
      }
      builder.dataSource(ds);
    }
    return builder.build();
  }
}
