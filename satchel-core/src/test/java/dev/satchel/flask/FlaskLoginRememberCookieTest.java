package dev.satchel.flask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Vectors computed the way Flask-Login's {@code encode_cookie} does ({@code hmac.new(key, id, sha512).hexdigest()}). */
class FlaskLoginRememberCookieTest {

  private static final String SEVEN = "7|cd92df2b260070a304680dc94d71608c71cc13debf69a48e6ad3bd0855f9630b7cf0bbbcc3b9e791"
      + "c3cc85f5ad25ecc8818725e00c57ef0bd3d51148cd0cc7d7";

  @Test
  void encodesAndDecodesLikeFlaskLogin() {
    FlaskLoginRememberCookie cookie = FlaskLoginRememberCookie.of("dev");
    assertThat(cookie.encode("7")).isEqualTo(SEVEN);
    assertThat(cookie.decode(SEVEN)).contains("7");
  }

  @Test
  void textKeysAreLatin1AndUserIdsUtf8() {
    String expected = "é|a0be34ee19ccb54d02af49085d5272c7793098f18478dab9ac6e0128209ddd372d78c40ddcd18e93a95de5e28829bd4d"
        + "9dc3fddda1a7c5d2cebd43b74b35b2a1";
    assertThat(FlaskLoginRememberCookie.of("kéy").encode("é")).isEqualTo(expected);
    assertThat(FlaskLoginRememberCookie.of(List.of("kéy".getBytes(StandardCharsets.ISO_8859_1))).decode(expected))
        .contains("é");
    assertThatThrownBy(() -> FlaskLoginRememberCookie.of("key€")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Latin-1");
  }

  @Test
  void refusesTamperedMalformedAndForeignCookies() {
    FlaskLoginRememberCookie cookie = FlaskLoginRememberCookie.of("dev");
    assertThat(cookie.decode("8" + SEVEN.substring(1))).isEmpty();
    assertThat(cookie.decode(SEVEN.toUpperCase())).isEmpty();
    assertThat(cookie.decode(SEVEN.substring(0, SEVEN.length() - 1))).isEmpty();
    assertThat(cookie.decode("7")).isEmpty();
    assertThat(cookie.decode("")).isEmpty();
    assertThat(cookie.decode(null)).isEmpty();
    assertThat(FlaskLoginRememberCookie.of("other").decode(SEVEN)).isEmpty();
  }

  @Test
  void userIdMayContainTheSeparatorBecauseTheLastOneCounts() {
    FlaskLoginRememberCookie cookie = FlaskLoginRememberCookie.of("dev");
    assertThat(cookie.decode(cookie.encode("a|b"))).contains("a|b");
  }

  @Test
  void fallbackKeysVerifyButNeverSign() {
    FlaskLoginRememberCookie rotated = FlaskLoginRememberCookie.of("new", "dev");
    assertThat(rotated.decode(SEVEN)).contains("7");
    assertThat(rotated.encode("7")).isNotEqualTo(SEVEN).isEqualTo(FlaskLoginRememberCookie.of("new").encode("7"));
  }
}
