package dev.satchel.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** URI parsing and builder validation; nothing here connects. */
class RedisSessionStoreBuilderTest {

  @Test
  void standaloneTlsAndSentinelUris() {
    RedisUris.Parsed plain = RedisUris.parse("redis://localhost:6380/2");
    assertThat(plain.cluster()).isFalse();
    assertThat(plain.uris()).singleElement().satisfies(u -> {
      assertThat(u.getHost()).isEqualTo("localhost");
      assertThat(u.getPort()).isEqualTo(6380);
      assertThat(u.getDatabase()).isEqualTo(2);
    });
    assertThat(RedisUris.parse("rediss://:secret@cache.example:6379").uris().get(0).isSsl()).isTrue();
    RedisURI sentinel = RedisUris.parse("redis-sentinel://s1:26379,s2:26379/0#mymaster").uris().get(0);
    assertThat(sentinel.getSentinels()).hasSize(2);
    assertThat(sentinel.getSentinelMasterId()).isEqualTo("mymaster");
  }

  @Test
  void clusterSeedsFromTheClusterSchemeOrSeveralHosts() {
    RedisUris.Parsed seeds = RedisUris.parse("redis-cluster://user:pw@n1:7000,n2:7001,n3:7002");
    assertThat(seeds.cluster()).isTrue();
    assertThat(seeds.uris()).extracting(RedisURI::getHost).containsExactly("n1", "n2", "n3");
    assertThat(seeds.uris()).extracting(RedisURI::getPort).containsExactly(7000, 7001, 7002);
    assertThat(seeds.uris()).allSatisfy(u -> {
      assertThat(u.getUsername()).isEqualTo("user");
      assertThat(new String(u.getPassword())).isEqualTo("pw");
    });
    assertThat(RedisUris.parse("rediss-cluster://n1:7000").uris().get(0).isSsl()).isTrue();
    assertThat(RedisUris.parse("redis://n1:7000,n2:7000").cluster()).isTrue();
  }

  @Test
  void badUrisNameTheUriButNeverThePassword() {
    assertThatThrownBy(() -> RedisSessionStore.builder("localhost:6379"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no scheme");
    assertThatThrownBy(() -> RedisSessionStore.builder("memcached://u:hunter2@host:11211"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported scheme 'memcached'")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> RedisSessionStore.builder("redis-cluster://:hunter2@n1:7000,,n2"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty host")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> RedisSessionStore.builder("redis://:hunter2@"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("hunter2");
  }

  @Test
  void builderRejectsSettingsThatWouldBreakTheStore() {
    RedisSessionStore.Builder b = RedisSessionStore.builder("redis://localhost");
    assertThatThrownBy(() -> b.keyPrefix("app{1}:")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'app{1}:'").hasMessageContaining("hash slots");
    assertThatThrownBy(() -> b.keyPrefix("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.commandTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("commandTimeout");
    assertThatThrownBy(() -> b.connectTimeout(Duration.ofMillis(-5))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connectTimeout");
    assertThatThrownBy(() -> b.maxValueBytes(3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxValueBytes");
    assertThatThrownBy(() -> RedisSessionStore.builder("redis-sentinel://s1:26379#m").cluster(true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keysOfOneSessionShareOneHashTagAndIndexesShareAnother() {
    KeyLayout keys = new KeyLayout("app:");
    assertThat(keys.session("abc")).isEqualTo("app:s:{abc}");
    assertThat(keys.globalIndexes()).containsExactly("app:{i}:exp", "app:{i}:keys", "app:{i}:owners");
    assertThat(keys.principal("bob")).isEqualTo("app:p:bob");
  }
}
