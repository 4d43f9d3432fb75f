package dev.satchel.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict side: what {@link Cookie.Builder#build()} writes and every rule it enforces. */
class CookieBuilderTest {

  private static InvalidCookieException invalid(Cookie.Builder b) {
    try {
      b.build();
    } catch (InvalidCookieException e) {
      return e;
    }
    throw new AssertionError("expected InvalidCookieException");
  }

  // ---- serialization ----

  @Test
  void rfc6265Examples() {
    assertThat(Cookie.builder("SID", "31d4d96e407aad42").path(null).build().toSetCookieHeader())
        .isEqualTo("SID=31d4d96e407aad42");
    assertThat(Cookie.builder("SID", "31d4d96e407aad42").domain("example.com").build().toSetCookieHeader())
        .isEqualTo("SID=31d4d96e407aad42; Domain=example.com; Path=/");
    assertThat(Cookie.builder("SID", "31d4d96e407aad42").secure(true).httpOnly(true).build().toSetCookieHeader())
        .isEqualTo("SID=31d4d96e407aad42; Path=/; Secure; HttpOnly");
    assertThat(Cookie.builder("lang", "en-US").path(null).expires(Instant.parse("2021-06-09T10:18:14Z")).build()
            .toSetCookieHeader())
        .isEqualTo("lang=en-US; Expires=Wed, 09 Jun 2021 10:18:14 GMT");
  }

  @Test
  void everyAttributeInAFixedOrder() {
    Cookie c = Cookie.builder("__Host-sid", "abc")
        .expires(Instant.parse("2030-01-02T03:04:05.678Z"))
        .maxAge(Duration.ofHours(1))
        .secure(true)
        .httpOnly(true)
        .sameSite(SameSite.STRICT)
        .partitioned(true)
        .extension("Priority=High")
        .build();
    assertThat(c.toSetCookieHeader()).isEqualTo(
        "__Host-sid=abc; Expires=Wed, 02 Jan 2030 03:04:05 GMT; Max-Age=3600; Path=/; Secure; HttpOnly;"
            + " SameSite=Strict; Partitioned; Priority=High");
    assertThat(c.expires()).contains(Instant.parse("2030-01-02T03:04:05Z"));
    assertThat(c.maxAge()).contains(Duration.ofSeconds(3600));
    assertThat(c.path()).contains("/");
    assertThat(c.domain()).isEmpty();
    assertThat(c.extensions()).containsExactly("Priority=High");
  }

  @Test
  void werkzeugDumpCookieCases() {
    // test_dump_cookie: "key=xxx/; Path=/" and, without a path, "key=xxx=".
    assertThat(Cookie.builder("key", "xxx/").build().toSetCookieHeader()).isEqualTo("key=xxx/; Path=/");
    assertThat(Cookie.builder("key", "xxx=").path(null).build().toSetCookieHeader()).isEqualTo("key=xxx=");
    // test_dump_cookie with a space: Werkzeug quotes; here quoting is an explicit opt-in.
    Set<String> parts = new HashSet<>(Arrays.asList(Cookie.builder("foo", "bar baz blub").quoted(true).maxAge(360)
        .httpOnly(true).build().toSetCookieHeader().split("; ")));
    assertThat(parts).containsExactlyInAnyOrder("foo=\"bar baz blub\"", "Max-Age=360", "Path=/", "HttpOnly");
    // test_cookie_quoting: '?' needs no quotes.
    assertThat(Cookie.builder("foo", "?foo").build().toSetCookieHeader()).isEqualTo("foo=?foo; Path=/");
    // test_cookie_samesite_attribute
    assertThat(Cookie.builder("foo", "bar").path(null).sameSite(SameSite.STRICT).build().toSetCookieHeader())
        .isEqualTo("foo=bar; SameSite=Strict");
    assertThat(Cookie.builder("foo", "bar").path(null).sameSite(SameSite.LAX).build().toSetCookieHeader())
        .isEqualTo("foo=bar; SameSite=Lax");
    assertThat(Cookie.builder("foo", "bar").path(null).sameSite(SameSite.NONE).secure(true).build()
            .toSetCookieHeader())
        .isEqualTo("foo=bar; Secure; SameSite=None");
    assertThat(Cookie.builder("foo", "bar").path(null).build().toSetCookieHeader()).isEqualTo("foo=bar");
    // test_cookie_partitioned
    assertThat(new HashSet<>(Arrays.asList(Cookie.builder("foo", "bar").partitioned(true).secure(true).build()
            .toSetCookieHeader().split("; "))))
        .containsExactlyInAnyOrder("foo=bar", "Secure", "Path=/", "Partitioned");
    // test_cookie_domain_resolving / test_cookie_domain_encoding: IDN domains become punycode.
    assertThat(Cookie.builder("foo", "bar").domain("\u2603.com").build().toSetCookieHeader())
        .isEqualTo("foo=bar; Domain=xn--n3h.com; Path=/");
    assertThat(Cookie.builder("foo", "bar").domain("foo.com").build().toSetCookieHeader())
        .isEqualTo("foo=bar; Domain=foo.com; Path=/");
    // test_cookie_maxsize: Werkzeug's largest accepted header with "foo" is 4093 characters; the same cookie is
    // accepted here. Werkzeug limits the whole header, this builder name + value (4096 bytes, the browsers' rule).
    assertThat(Cookie.builder("foo", "bar".repeat(1360) + "b").build().toSetCookieHeader()).hasSize(4093);
  }

  @Test
  void quotedValuesEscapeQuoteAndBackslash() {
    Cookie c = Cookie.builder("q", "a \"b\" \\c, d").quoted(true).path(null).build();
    assertThat(c.toSetCookieHeader()).isEqualTo("q=\"a \\\"b\\\" \\\\c, d\"");
    assertThat(c.value()).isEqualTo("a \"b\" \\c, d");
    assertThat(RequestCookies.parse(c.toSetCookieHeader()).get("q")).isEqualTo(c.value());
  }

  @Test
  void deletionHasEmptyValueMaxAgeZeroAndAnExpiresIn1970() {
    Cookie d = Cookie.deletion("sid", "/app", "example.com");
    assertThat(d.toSetCookieHeader())
        .isEqualTo("sid=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Domain=example.com; Path=/app");
    assertThat(d.value()).isEmpty();
    assertThat(d.isExpiredAt(Instant.now())).isTrue();
    assertThat(Cookie.deletion("sid", null, null).toSetCookieHeader())
        .isEqualTo("sid=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0");
  }

  @Test
  void deletionOfPrefixedCookiesKeepsSecureSoBrowsersAcceptIt() {
    assertThat(Cookie.deletion("__Host-sid", "/", null).toSetCookieHeader())
        .isEqualTo("__Host-sid=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; Secure");
    assertThat(Cookie.deletion("__Secure-sid", "/", null).secure()).isTrue();
    assertThat(Cookie.deletion("sid", "/", null).secure()).isFalse();
    assertThatThrownBy(() -> Cookie.deletion("__Host-sid", "/", "example.com"))
        .isInstanceOf(InvalidCookieException.class);
  }

  @Test
  void expiredKeepsScopeAndFlags() {
    Cookie c = Cookie.builder("sid", "secret").domain("example.com").path("/a").secure(true).httpOnly(true)
        .sameSite(SameSite.NONE).partitioned(true).maxAge(60).build();
    Cookie e = c.expired();
    assertThat(e.toSetCookieHeader()).isEqualTo("sid=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0;"
        + " Domain=example.com; Path=/a; Secure; HttpOnly; SameSite=None; Partitioned");
    assertThat(e.toBuilder().build()).isEqualTo(e);
  }

  @Test
  void toBuilderCopiesEverything() {
    Cookie c = Cookie.builder("a", "b c").quoted(true).domain("example.com").path("/x").secure(true)
        .httpOnly(true).sameSite(SameSite.LAX).partitioned(true).maxAge(5).expires(Instant.parse("2030-01-01T00:00:00Z"))
        .extension("Priority=Low").build();
    assertThat(c.toBuilder().build()).isEqualTo(c).hasSameHashCodeAs(c);
    assertThat(c.toBuilder().value("d").build()).isNotEqualTo(c);
  }

  @Test
  void toStringNeverShowsTheValue() {
    Cookie c = Cookie.builder("sid", "s3cr3t-token").secure(true).build();
    assertThat(c.toString()).contains("sid").contains("Secure").doesNotContain("s3cr3t-token");
  }

  @Test
  void sameSiteWireNames() {
    assertThat(SameSite.STRICT.wireName()).isEqualTo("Strict");
    assertThat(SameSite.LAX.wireName()).isEqualTo("Lax");
    assertThat(SameSite.NONE.wireName()).isEqualTo("None");
    assertThat(SameSite.parse("lAx")).contains(SameSite.LAX);
    assertThat(SameSite.parse("invalid")).isEmpty();
  }

  // ---- validation rules: one test each ----

  @ParameterizedTest
  @ValueSource(strings = {"se ss", "a=b", "a,b", "a\"b", "a(b", "a/b", "a@b", "a:b", "a?b", "a{b", "\u00e9t\u00e9", "a\tb"})
  void nameMustBeAToken(String name) {
    InvalidCookieException e = invalid(Cookie.builder(name, "v"));
    assertThat(e.attribute()).isEqualTo("name");
    assertThat(e.getMessage()).contains("not allowed in a cookie name");
  }

  @Test
  void nameMessageNamesCharacterAndIndex() {
    InvalidCookieException e = invalid(Cookie.builder("se ss", "v"));
    assertThat(e.index()).isEqualTo(2);
    assertThat(e.getMessage()).contains("U+0020 (space) at index 2");
  }

  @Test
  void nameMustNotBeEmptyOrNull() {
    assertThat(invalid(Cookie.builder("", "v")).getMessage()).contains("name is empty");
    assertThat(invalid(Cookie.builder(null, "v")).getMessage()).contains("name is null");
    assertThat(invalid(Cookie.builder("a", null)).getMessage()).contains("value of 'a' is null");
  }

  @Test
  void tokenNamesAreAccepted() {
    assertThat(Cookie.builder("!#$%&'*+-.^_`|~09azAZ", "v").build().name()).isEqualTo("!#$%&'*+-.^_`|~09azAZ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a b", "a\"b", "a,b", "a\\b", "a\tb", "a\u0000b", "a\u007fb", "caf\u00e9"})
  void valueRefusesNonCookieOctets(String value) {
    InvalidCookieException e = invalid(Cookie.builder("v", value));
    assertThat(e.attribute()).isEqualTo("value");
    assertThat(e.index()).isEqualTo(value.indexOf(value.replaceAll("[a-z]", "").charAt(0)));
    assertThat(e.getMessage()).contains("not allowed in an unquoted cookie value").contains("CookieValues");
  }

  @Test
  void quotingAllowsSpaceCommaQuoteAndBackslashOnly() {
    assertThat(Cookie.builder("v", "a b,\"c\"\\").quoted(true).build().value()).isEqualTo("a b,\"c\"\\");
    InvalidCookieException e = invalid(Cookie.builder("v", "caf\u00e9").quoted(true));
    assertThat(e.index()).isEqualTo(3);
    assertThat(e.getMessage()).contains("U+00E9 '\u00e9' at index 3").contains("quoted cookie value");
    assertThat(invalid(Cookie.builder("v", "a\u0001").quoted(true)).attribute()).isEqualTo("value");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\r", "\n", ";"})
  void headerInjectionIsRefusedInEveryAttribute(String bad) {
    String v = "x" + bad + "Set-Cookie: evil=1";
    for (Cookie.Builder b : new Cookie.Builder[] {
      Cookie.builder("n" + bad, "v"),
      Cookie.builder("n", v),
      Cookie.builder("n", v).quoted(true),
      Cookie.builder("n", "v").domain("example.com" + bad),
      Cookie.builder("n", "v").path("/" + v),
      Cookie.builder("n", "v").extension("Priority=" + v),
    }) {
      InvalidCookieException e = invalid(b);
      assertThat(e.getMessage()).contains("header injection").contains(String.format("U+%04X", (int) bad.charAt(0)));
      assertThat(e.index()).isGreaterThanOrEqualTo(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"example.com:8080", "exa mple.com", "example.com.", "..example.com", "ex..com", "a_b.com",
      "[::1]", "", "."})
  void domainRefusesInvalidHostNames(String domain) {
    InvalidCookieException e = invalid(Cookie.builder("n", "v").domain(domain));
    assertThat(e.attribute()).isEqualTo("Domain");
  }

  @Test
  void domainAcceptsHostNames() {
    assertThat(Cookie.builder("n", "v").domain(".Example.COM").build().domain()).contains("example.com");
    assertThat(Cookie.builder("n", "v").domain("a-b.example.co.uk").build().domain()).contains("a-b.example.co.uk");
    assertThat(Cookie.builder("n", "v").domain("127.0.0.1").build().domain()).contains("127.0.0.1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"app", "", "/caf\u00e9", "/a\tb", "/a\u0000"})
  void pathMustStartWithSlashAndBeVisibleAscii(String path) {
    InvalidCookieException e = invalid(Cookie.builder("n", "v").path(path));
    assertThat(e.attribute()).isEqualTo("Path");
  }

  @Test
  void spacesThatBrowsersStripAreRefused() {
    InvalidCookieException e = invalid(Cookie.builder("n", "v").path("/a "));
    assertThat(e.attribute()).isEqualTo("Path");
    assertThat(e.index()).isEqualTo(2);
    assertThat(invalid(Cookie.builder("n", "v").extension("X= a")).index()).isEqualTo(2);
    assertThat(invalid(Cookie.builder("n", "v").extension("X=a ")).index()).isEqualTo(3);
  }

  @Test
  void pathMayHoldAnyVisibleAscii() {
    assertThat(Cookie.builder("n", "v").path("/a b/%20\"x\",").build().path()).contains("/a b/%20\"x\",");
  }

  @Test
  void hostPrefixNeedsSecure() {
    InvalidCookieException e = invalid(Cookie.builder("__Host-sid", "v"));
    assertThat(e.attribute()).isEqualTo("Secure");
    assertThat(e.getMessage()).contains("__Host- prefix but not Secure");
  }

  @Test
  void hostPrefixRefusesDomain() {
    InvalidCookieException e = invalid(Cookie.builder("__Host-sid", "v").secure(true).domain("example.com"));
    assertThat(e.attribute()).isEqualTo("Domain");
    assertThat(e.getMessage()).contains("__Host- prefix but a Domain");
  }

  @Test
  void hostPrefixNeedsRootPath() {
    assertThat(invalid(Cookie.builder("__Host-sid", "v").secure(true).path("/app")).attribute()).isEqualTo("Path");
    assertThat(invalid(Cookie.builder("__Host-sid", "v").secure(true).path(null)).getMessage())
        .contains("Path is omitted");
    assertThat(Cookie.builder("__Host-sid", "v").secure(true).build().path()).contains("/");
  }

  @Test
  void secureSecurePrefixNeedsSecure() {
    InvalidCookieException e = invalid(Cookie.builder("__Secure-sid", "v"));
    assertThat(e.attribute()).isEqualTo("Secure");
    assertThat(Cookie.builder("__Secure-sid", "v").secure(true).domain("example.com").path("/a").build().secure())
        .isTrue();
  }

  @Test
  void prefixesAreMatchedCaseInsensitivelyLikeBrowsers() {
    assertThat(invalid(Cookie.builder("__host-sid", "v")).attribute()).isEqualTo("Secure");
    assertThat(invalid(Cookie.builder("__SECURE-sid", "v")).attribute()).isEqualTo("Secure");
  }

  @Test
  void sameSiteNoneNeedsSecure() {
    InvalidCookieException e = invalid(Cookie.builder("n", "v").sameSite(SameSite.NONE));
    assertThat(e.attribute()).isEqualTo("SameSite");
    assertThat(Cookie.builder("n", "v").sameSite(SameSite.LAX).build().sameSite()).contains(SameSite.LAX);
  }

  @Test
  void partitionedNeedsSecure() {
    InvalidCookieException e = invalid(Cookie.builder("n", "v").partitioned(true));
    assertThat(e.attribute()).isEqualTo("Partitioned");
  }

  @Test
  void nameAndValueOver4096BytesAreRefused() {
    assertThat(Cookie.builder("n", "x".repeat(4095)).build().value()).hasSize(4095);
    InvalidCookieException e = invalid(Cookie.builder("n", "x".repeat(4096)));
    assertThat(e.attribute()).isEqualTo("value");
    assertThat(e.getMessage()).contains("4097 bytes");
    // The quotes of a quoted value count: they are on the wire.
    assertThat(invalid(Cookie.builder("n", "x".repeat(4094)).quoted(true)).getMessage()).contains("4097 bytes");
  }

  @Test
  void attributeValuesOver1024BytesAreRefused() {
    String label = "a".repeat(60) + ".";
    String longDomain = label.repeat(17) + "com";
    assertThat(invalid(Cookie.builder("n", "v").domain(longDomain)).getMessage()).contains("1040 bytes");
    assertThat(Cookie.builder("n", "v").path("/" + "p".repeat(1023)).build().path()).isPresent();
    assertThat(invalid(Cookie.builder("n", "v").path("/" + "p".repeat(1024))).attribute()).isEqualTo("Path");
    assertThat(invalid(Cookie.builder("n", "v").extension("X=" + "p".repeat(1025))).attribute())
        .isEqualTo("extension");
  }

  @Test
  void maxAgeMustNotBeNegative() {
    assertThat(invalid(Cookie.builder("n", "v").maxAge(-1)).attribute()).isEqualTo("Max-Age");
    assertThat(Cookie.builder("n", "v").maxAge(0).build().maxAge()).contains(Duration.ZERO);
    assertThat(Cookie.builder("n", "v").maxAge(Duration.ofMillis(1500)).build().maxAge()).contains(Duration.ofSeconds(1));
  }

  @Test
  void expiresMustBeWritableAsACookieDate() {
    assertThat(invalid(Cookie.builder("n", "v").expires(Instant.parse("1600-12-31T23:59:59Z"))).attribute())
        .isEqualTo("Expires");
    assertThat(invalid(Cookie.builder("n", "v").expires(Instant.parse("+10000-01-01T00:00:00Z"))).attribute())
        .isEqualTo("Expires");
  }

  @Test
  void extensionsMustBeTokenNamedAndNotStandardAttributes() {
    assertThat(invalid(Cookie.builder("n", "v").extension("Max-Age=5")).getMessage())
        .contains("is a standard attribute");
    assertThat(invalid(Cookie.builder("n", "v").extension("secure")).attribute()).isEqualTo("extension");
    assertThat(invalid(Cookie.builder("n", "v").extension("=x")).getMessage()).contains("has no name");
    assertThat(invalid(Cookie.builder("n", "v").extension("a b=x")).index()).isEqualTo(1);
    assertThat(invalid(Cookie.builder("n", "v").extension("X=caf\u00e9")).index()).isEqualTo(5);
  }

  @Test
  void withValueKeepsEveryAttributeAndChecksTheNewValueAsBuildDoes() {
    Cookie template = Cookie.builder("__Host-session", "").secure(true).httpOnly(true).sameSite(SameSite.LAX)
        .maxAge(Duration.ofDays(31)).partitioned(true).extension("Priority=High").build();
    Cookie next = template.withValue("abc.def");
    assertThat(next.toSetCookieHeader())
        .isEqualTo(template.toBuilder().value("abc.def").build().toSetCookieHeader())
        .isEqualTo("__Host-session=abc.def; Max-Age=2678400; Path=/; Secure; HttpOnly; SameSite=Lax; Partitioned;"
            + " Priority=High");
    for (String bad : new String[] {"a;b", "a\r\nSet-Cookie: x=y", "a b", "caf\u00e9", null, "v".repeat(5000)}) {
      Throwable fromBuilder = org.assertj.core.api.Assertions.catchThrowable(() -> template.toBuilder().value(bad).build());
      assertThatThrownBy(() -> template.withValue(bad)).as(String.valueOf(bad))
          .isInstanceOf(InvalidCookieException.class)
          .hasMessage(fromBuilder.getMessage());
    }
  }

  @Test
  void withValueOfAQuotedCookieQuotesTheNewValue() {
    Cookie quoted = Cookie.builder("greeting", "").quoted(true).build();
    assertThat(quoted.withValue("hello, \"world\"").toSetCookieHeader())
        .startsWith("greeting=\"hello, \\\"world\\\"\"");
  }
}
