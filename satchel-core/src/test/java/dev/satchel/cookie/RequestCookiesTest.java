package dev.satchel.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request side: parsing {@code Cookie} headers as browsers send them, with Werkzeug's cases. */
class RequestCookiesTest {

  @Test
  void rfc6265Example() {
    RequestCookies c = RequestCookies.parse("SID=31d4d96e407aad42; lang=en-US");
    assertThat(c.get("SID")).isEqualTo("31d4d96e407aad42");
    assertThat(c.get("lang")).isEqualTo("en-US");
    assertThat(c.names()).containsExactly("SID", "lang");
    assertThat(c.size()).isEqualTo(2);
    assertThat(c.truncated()).isFalse();
  }

  @Test
  void werkzeugParseCookie() {
    // test_parse_cookie, except the pair b="\";": Werkzeug honours ';' inside quotes, this parser never does
    // (see cookieSandwichIsNotPossible), so b is the unwrapped "\" and the lone '"' is a name without a value.
    RequestCookies c = RequestCookies.parse("dismiss-top=6; CP=null*; PHPSESSID=0a539d42abc001cdc762809248d4beed;"
        + "a=42; b=\"\\\";\"; ; fo234{=bar;blub=Blah; \"__Secure-c\"=d;"
        + "==__Host-eq=bad;__Host-eq=good;");
    assertThat(c.get("CP")).isEqualTo("null*");
    assertThat(c.get("PHPSESSID")).isEqualTo("0a539d42abc001cdc762809248d4beed");
    assertThat(c.get("a")).isEqualTo("42");
    assertThat(c.get("dismiss-top")).isEqualTo("6");
    assertThat(c.get("b")).isEqualTo("\\");
    assertThat(c.get("fo234{")).isEqualTo("bar");
    assertThat(c.get("blub")).isEqualTo("Blah");
    assertThat(c.get("\"__Secure-c\"")).isEqualTo("d");
    assertThat(c.get("__Secure-c")).isNull();
    // A nameless pair whose value looks like a prefixed cookie must not become that cookie.
    assertThat(c.getAll("__Host-eq")).containsExactly("good");
  }

  @Test
  void werkzeugBadCookies() {
    RequestCookies c = RequestCookies.parse("first=IamTheFirst ; a=1; oops ; a=2 ;second = andMeTwo;");
    assertThat(c.get("first")).isEqualTo("IamTheFirst");
    assertThat(c.getAll("a")).containsExactly("1", "2");
    assertThat(c.get("a")).isEqualTo("1");
    assertThat(c.get("oops")).isEqualTo("");
    assertThat(c.get("second")).isEqualTo("andMeTwo");
    assertThat(c.names()).containsExactly("first", "a", "oops", "second");
    assertThat(c.size()).isEqualTo(5);
  }

  @Test
  void werkzeugEmptyKeysAreIgnored() {
    RequestCookies c = RequestCookies.parse("spam=ham; duck=mallard; ; ");
    assertThat(c.names()).containsExactly("spam", "duck");
  }

  @Test
  void werkzeugQuotingAndEscapes() {
    assertThat(RequestCookies.parse("foo=?foo; Path=/").get("foo")).isEqualTo("?foo");
    assertThat(RequestCookies.parse("foo=\"foo\\054bar\"").get("foo")).isEqualTo("foo,bar");
    // test_parse_set_cookie_directive
    RequestCookies c = RequestCookies.parse("foo=\"?foo\"; version=\"0.1\";");
    assertThat(c.get("foo")).isEqualTo("?foo");
    assertThat(c.get("version")).isEqualTo("0.1");
    // test_cookie_unicode_dumping: Werkzeug writes a snowman as octal UTF-8 escapes.
    assertThat(RequestCookies.parse("foo=\"\\342\\230\\203\"").get("foo")).isEqualTo("\u2603");
    // test_cookie_unicode_keys
    assertThat(RequestCookies.parse("f\u00f6=\"f\\303\\266\"").get("f\u00f6")).isEqualTo("f\u00f6");
  }

  @Test
  void quotedValuesAreUnwrappedOnlyWhenWhollyQuoted() {
    assertThat(RequestCookies.parse("a=\"b\"").get("a")).isEqualTo("b");
    assertThat(RequestCookies.parse("a=\"\"").get("a")).isEqualTo("");
    assertThat(RequestCookies.parse("a=\"").get("a")).isEqualTo("\"");
    assertThat(RequestCookies.parse("a=\"b").get("a")).isEqualTo("\"b");
    assertThat(RequestCookies.parse("a=b\"").get("a")).isEqualTo("b\"");
    assertThat(RequestCookies.parse("a= \" b \" ").get("a")).isEqualTo(" b ");
    assertThat(RequestCookies.parse("a=\"x\\\"y\\\\z\"").get("a")).isEqualTo("x\"y\\z");
  }

  @Test
  void cookieSandwichIsNotPossible() {
    // The attacker controls "a" and "z" and wants the HttpOnly "session" reflected inside "a".
    RequestCookies c = RequestCookies.parse("$Version=1; a=\"start; session=secret; z=end\"");
    assertThat(c.get("a")).isEqualTo("\"start");
    assertThat(c.get("session")).isEqualTo("secret");
    assertThat(c.get("z")).isEqualTo("end\"");
  }

  @Test
  void whitespaceAndSeparators() {
    RequestCookies c = RequestCookies.parse("  a = 1 ;b=2;\tc\t=\t3\t;;;d=4=5; e=");
    assertThat(c.get("a")).isEqualTo("1");
    assertThat(c.get("b")).isEqualTo("2");
    assertThat(c.get("c")).isEqualTo("3");
    assertThat(c.get("d")).isEqualTo("4=5");
    assertThat(c.get("e")).isEqualTo("");
    assertThat(c.names()).containsExactly("a", "b", "c", "d", "e");
  }

  @Test
  void repeatedNamesKeepOrderAndFirstWins() {
    RequestCookies c = RequestCookies.parse("sid=specific; other=1; sid=general");
    assertThat(c.get("sid")).isEqualTo("specific");
    assertThat(c.first("sid")).contains("specific");
    assertThat(c.getAll("sid")).containsExactly("specific", "general");
    assertThat(c.getAll("missing")).isEmpty();
    assertThat(c.first("missing")).isEmpty();
    assertThat(c.get("missing")).isNull();
    assertThat(c.contains("other")).isTrue();
    assertThat(c.names()).containsExactly("sid", "other");
  }

  @Test
  void severalHeadersAreReadInOrder() {
    RequestCookies c = RequestCookies.parse(Arrays.asList("a=1; b=2", null, "a=3"));
    assertThat(c.getAll("a")).containsExactly("1", "3");
    assertThat(c.get("b")).isEqualTo("2");
    assertThat(RequestCookies.parse((List<String>) null).size()).isZero();
  }

  @Test
  void nullAndEmptyGiveNoCookies() {
    assertThat(RequestCookies.parse((String) null)).isEqualTo(RequestCookies.empty());
    assertThat(RequestCookies.parse("")).isEqualTo(RequestCookies.empty());
    assertThat(RequestCookies.parse(" ; ;= ; =x").size()).isZero();
    assertThat(RequestCookies.empty().names()).isEmpty();
    assertThat(RequestCookies.empty().get("a")).isNull();
  }

  @Test
  void pairCountIsBounded() {
    StringBuilder h = new StringBuilder();
    for (int i = 0; i < RequestCookies.MAX_PAIRS + 10; i++) {
      h.append("c").append(i).append("=v; ");
    }
    RequestCookies c = RequestCookies.parse(h.toString());
    assertThat(c.size()).isEqualTo(RequestCookies.MAX_PAIRS);
    assertThat(c.truncated()).isTrue();
    assertThat(c.get("c0")).isEqualTo("v");
    assertThat(c.get("c" + (RequestCookies.MAX_PAIRS - 1))).isEqualTo("v");
    assertThat(c.get("c" + RequestCookies.MAX_PAIRS)).isNull();
  }

  @Test
  void headerLengthIsBoundedAndACutPairIsDropped() {
    String big = "x".repeat(RequestCookies.MAX_HEADER_LENGTH);
    RequestCookies c = RequestCookies.parse("a=1; big=" + big + "; b=2");
    assertThat(c.get("a")).isEqualTo("1");
    assertThat(c.get("big")).isNull();
    assertThat(c.get("b")).isNull();
    assertThat(c.truncated()).isTrue();
    // The limit applies to all headers together.
    List<String> headers = new ArrayList<>();
    headers.add("a=" + "y".repeat(RequestCookies.MAX_HEADER_LENGTH - 10));
    headers.add("b=2; c=" + "z".repeat(20));
    RequestCookies several = RequestCookies.parse(headers);
    assertThat(several.get("a")).hasSize(RequestCookies.MAX_HEADER_LENGTH - 10);
    assertThat(several.get("b")).isEqualTo("2");
    assertThat(several.get("c")).isNull();
    assertThat(several.truncated()).isTrue();
  }

  @Test
  void headerOfExactlyTheLimitIsReadWhole() {
    String h = "a=" + "y".repeat(RequestCookies.MAX_HEADER_LENGTH - 2);
    RequestCookies c = RequestCookies.parse(h);
    assertThat(c.get("a")).hasSize(RequestCookies.MAX_HEADER_LENGTH - 2);
    assertThat(c.truncated()).isFalse();
  }

  @Test
  void toStringHidesValuesAndEqualityIsByContent() {
    RequestCookies c = RequestCookies.parse("sid=secret-token");
    assertThat(c.toString()).contains("sid").doesNotContain("secret-token");
    assertThat(c).isEqualTo(RequestCookies.parse("sid = secret-token")).hasSameHashCodeAs(RequestCookies.parse("sid=secret-token"));
    assertThat(c).isNotEqualTo(RequestCookies.parse("sid=other"));
  }
}
