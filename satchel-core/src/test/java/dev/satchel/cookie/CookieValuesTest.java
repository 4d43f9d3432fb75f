package dev.satchel.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Encoding helpers: RFC 4648 vectors, and every output usable as an unquoted cookie value. */
class CookieValuesTest {

  @Test
  void base64UrlRfc4648Vectors() {
    String[][] vectors = {{"", ""}, {"f", "Zg"}, {"fo", "Zm8"}, {"foo", "Zm9v"}, {"foob", "Zm9vYg"},
        {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"}};
    for (String[] v : vectors) {
      assertThat(CookieValues.base64UrlEncode(v[0])).isEqualTo(v[1]);
      assertThat(CookieValues.base64UrlDecodeToString(v[1])).contains(v[0]);
    }
    assertThat(CookieValues.base64UrlDecodeToString("Zm8=")).contains("fo");
  }

  @Test
  void base64UrlUsesTheUrlAlphabet() {
    byte[] bytes = {(byte) 0xfb, (byte) 0xff, (byte) 0xbf};
    assertThat(CookieValues.base64UrlEncode(bytes)).isEqualTo("-_-_");
    assertThat(CookieValues.base64UrlDecode("-_-_")).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
    assertThat(CookieValues.base64UrlDecode("+/+/")).isEmpty();
  }

  @Test
  void base64UrlDecodeRefusesGarbageWithoutThrowing() {
    assertThat(CookieValues.base64UrlDecode(null)).isEmpty();
    assertThat(CookieValues.base64UrlDecode("a")).isEmpty();
    assertThat(CookieValues.base64UrlDecode("Zm=9v")).isEmpty();
    assertThat(CookieValues.base64UrlDecode("Zm 9v")).isEmpty();
    // Valid base64url, but not UTF-8.
    assertThat(CookieValues.base64UrlDecodeToString(CookieValues.base64UrlEncode(new byte[] {(byte) 0xff}))).isEmpty();
  }

  @Test
  void percentEncodingKeepsUnreservedAndEncodesUtf8() {
    assertThat(CookieValues.percentEncode("abc-._~XYZ09")).isEqualTo("abc-._~XYZ09");
    assertThat(CookieValues.percentEncode("a b;c,d\"e\\f%")).isEqualTo("a%20b%3Bc%2Cd%22e%5Cf%25");
    assertThat(CookieValues.percentEncode("\u2603")).isEqualTo("%E2%98%83");
    assertThat(CookieValues.percentEncode("\r\n")).isEqualTo("%0D%0A");
    assertThat(CookieValues.percentDecode("a%20b%3bc")).contains("a b;c");
    assertThat(CookieValues.percentDecode("%E2%98%83")).contains("\u2603");
    assertThat(CookieValues.percentDecode("plain")).contains("plain");
  }

  @Test
  void percentDecodeRefusesGarbageWithoutThrowing() {
    assertThat(CookieValues.percentDecode(null)).isEmpty();
    assertThat(CookieValues.percentDecode("%")).isEmpty();
    assertThat(CookieValues.percentDecode("%4")).isEmpty();
    assertThat(CookieValues.percentDecode("%zz")).isEmpty();
    assertThat(CookieValues.percentDecode("%FF")).isEmpty();
  }

  @Test
  void encodedValuesAreAcceptedByTheStrictBuilder() {
    String nasty = "caf\u00e9; Path=/\r\nSet-Cookie: x=\"y\", \\ \u0000 \ud83c\udf6a";
    Cookie p = Cookie.builder("p", CookieValues.percentEncode(nasty)).build();
    Cookie b = Cookie.builder("b", CookieValues.base64UrlEncode(nasty)).build();
    RequestCookies back = RequestCookies.parse("p=" + p.value() + "; b=" + b.value());
    assertThat(CookieValues.percentDecode(back.get("p"))).contains(nasty);
    assertThat(CookieValues.base64UrlDecode(back.get("b")))
        .hasValueSatisfying(x -> assertThat(new String(x, StandardCharsets.UTF_8)).isEqualTo(nasty));
  }
}
