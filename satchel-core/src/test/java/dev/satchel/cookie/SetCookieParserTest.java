package dev.satchel.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client side: reading Set-Cookie per RFC 6265bis section 5.6. */
class SetCookieParserTest {

  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  private static Cookie parse(String header) {
    return SetCookieParser.parse(header, NOW).orElseThrow(() -> new AssertionError("ignored: " + header));
  }

  @Test
  void rfc6265Examples() {
    Cookie c = parse("SID=31d4d96e407aad42; Path=/; Domain=example.com");
    assertThat(c.name()).isEqualTo("SID");
    assertThat(c.value()).isEqualTo("31d4d96e407aad42");
    assertThat(c.path()).contains("/");
    assertThat(c.domain()).contains("example.com");

    Cookie s = parse("SID=31d4d96e407aad42; Path=/; Secure; HttpOnly");
    assertThat(s.secure()).isTrue();
    assertThat(s.httpOnly()).isTrue();

    Cookie lang = parse("lang=en-US; Expires=Wed, 09 Jun 2021 10:18:14 GMT");
    assertThat(lang.expires()).contains(Instant.parse("2021-06-09T10:18:14Z"));
    assertThat(lang.isExpiredAt(NOW)).isTrue();
    assertThat(lang.path()).isEmpty();

    Cookie deleted = parse("lang=; Expires=Sun, 06 Nov 1994 08:49:37 GMT");
    assertThat(deleted.value()).isEmpty();
    assertThat(deleted.isExpiredAt(NOW)).isTrue();
  }

  @Test
  void theThreeDateFormats() {
    Instant t = Instant.parse("1994-11-06T08:49:37Z");
    assertThat(parse("a=b; Expires=Sun, 06 Nov 1994 08:49:37 GMT").expires()).contains(t);
    assertThat(parse("a=b; Expires=Sunday, 06-Nov-94 08:49:37 GMT").expires()).contains(t);
    assertThat(parse("a=b; Expires=Sun Nov  6 08:49:37 1994").expires()).contains(t);
  }

  @Test
  void maxAgeWinsOverExpiresWhateverTheOrder() {
    Cookie before = parse("a=b; Max-Age=60; Expires=Wed, 09 Jun 2021 10:18:14 GMT");
    Cookie after = parse("a=b; Expires=Wed, 09 Jun 2021 10:18:14 GMT; Max-Age=60");
    assertThat(before.expires()).contains(NOW.plusSeconds(60));
    assertThat(after.expires()).contains(NOW.plusSeconds(60));
    assertThat(after.maxAge()).contains(Duration.ofSeconds(60));
    assertThat(after.isExpiredAt(NOW)).isFalse();
    assertThat(parse("a=b; Max-Age=0; Expires=Wed, 09 Jun 2100 10:18:14 GMT").isExpiredAt(NOW)).isTrue();
  }

  @Test
  void maxAgeZeroOrNegativeExpiresAtOnce() {
    assertThat(parse("a=b; Max-Age=0").expires()).contains(Cookie.DELETION_EXPIRES);
    Cookie negative = parse("a=b; max-age=-20");
    assertThat(negative.maxAge()).contains(Duration.ZERO);
    assertThat(negative.isExpiredAt(NOW)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a=b; Max-Age=", "a=b; Max-Age=1.5", "a=b; Max-Age=+5", "a=b; Max-Age=-", "a=b; Max-Age=5s",
      "a=b; Max-Age=50,399", "a=b; Max-Age= "})
  void invalidMaxAgeIsIgnored(String header) {
    Cookie c = parse(header);
    assertThat(c.maxAge()).isEmpty();
    assertThat(c.expires()).isEmpty();
  }

  @Test
  void hugeMaxAgeSaturatesInsteadOfOverflowing() {
    Cookie c = parse("a=b; Max-Age=99999999999999999999999999");
    assertThat(c.maxAge()).contains(Duration.ofSeconds(Long.MAX_VALUE));
    assertThat(c.expires()).contains(Instant.parse("9999-12-31T23:59:59Z"));
    assertThat(c.toSetCookieHeader()).contains("Expires=Fri, 31 Dec 9999 23:59:59 GMT");
  }

  @Test
  void invalidExpiresIsIgnoredAndTheLastValidOneWins() {
    assertThat(parse("a=b; Expires=soon").expires()).isEmpty();
    assertThat(parse("a=b; Expires=Wed, 09 Jun 2021 10:18:14 GMT; Expires=garbage").expires())
        .contains(Instant.parse("2021-06-09T10:18:14Z"));
    assertThat(parse("a=b; Expires=Wed, 09 Jun 2021 10:18:14 GMT; Expires=Thu, 10 Jun 2021 10:18:14 GMT").expires())
        .contains(Instant.parse("2021-06-10T10:18:14Z"));
  }

  @Test
  void attributeNamesAreCaseInsensitiveAndValuesTrimmed() {
    Cookie c = parse("  a  =  b  ;  pAtH  =  /x  ; DOMAIN= .Example.COM ; sEcUrE ; httponly; SAMESITE=lax; PARTITIONED");
    assertThat(c.name()).isEqualTo("a");
    assertThat(c.value()).isEqualTo("b");
    assertThat(c.path()).contains("/x");
    assertThat(c.domain()).contains("example.com");
    assertThat(c.secure()).isTrue();
    assertThat(c.httpOnly()).isTrue();
    assertThat(c.sameSite()).contains(SameSite.LAX);
    assertThat(c.partitioned()).isTrue();
  }

  @Test
  void anUnknownSameSiteResetsToTheDefault() {
    assertThat(parse("a=b; SameSite=Strict; SameSite=bogus").sameSite()).isEmpty();
    assertThat(parse("a=b; SameSite=None").sameSite()).contains(SameSite.NONE);
  }

  @Test
  void emptyDomainIsIgnoredButARelativePathResetsToDefault() {
    assertThat(parse("a=b; Domain=example.com; Domain=").domain()).contains("example.com");
    assertThat(parse("a=b; Path=/x; Path=relative").path()).isEmpty();
    assertThat(parse("a=b; Path=relative; Path=/x").path()).contains("/x");
  }

  @Test
  void unknownAttributesAreKeptInOrder() {
    Cookie c = parse("a=b; Priority=High; version=1; customvalue=\"1000 or more\"; Flag; Path=/");
    assertThat(c.extensions()).containsExactly("Priority=High", "version=1", "customvalue=\"1000 or more\"", "Flag");
    assertThat(c.toSetCookieHeader())
        .isEqualTo("a=b; Path=/; Priority=High; version=1; customvalue=\"1000 or more\"; Flag");
  }

  @Test
  void valuesKeepTheirQuotesLikeBrowsers() {
    assertThat(parse("foo=\"bar\"").value()).isEqualTo("\"bar\"");
    assertThat(parse("foo=\"bar;baz\"").value()).isEqualTo("\"bar");
  }

  @Test
  void whatTheBuilderRefusesIsStillRepresented() {
    Cookie c = parse("foo bar=a b, c; Path=caf\u00e9; SameSite=None; Partitioned");
    assertThat(c.name()).isEqualTo("foo bar");
    assertThat(c.value()).isEqualTo("a b, c");
    assertThat(c.sameSite()).contains(SameSite.NONE);
    assertThat(c.secure()).isFalse();
    assertThat(c.toSetCookieHeader()).isEqualTo("foo bar=a b, c; SameSite=None; Partitioned");
    assertThat(c.expired().value()).isEmpty();
    Cookie prefixed = parse("__Host-x=1; Domain=example.com");
    assertThat(prefixed.domain()).contains("example.com");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "foo", "=bar", " =bar", "a=b\r\nSet-Cookie: x=y", "a=b\u0000", "a=b; Path=/\u0001",
      "a=b\u007f"})
  void ignoredHeaders(String header) {
    assertThat(SetCookieParser.parse(header, NOW)).isEmpty();
  }

  @Test
  void nullInputsAreIgnored() {
    assertThat(SetCookieParser.parse(null, NOW)).isEmpty();
    assertThat(SetCookieParser.parse("a=b", null)).isEmpty();
  }

  @Test
  void tabsAreAllowedWhitespace() {
    assertThat(parse("\ta\t=\tb\t;\tPath\t=\t/x\t").path()).contains("/x");
  }

  @Test
  void sizeLimits() {
    assertThat(SetCookieParser.parse("a=" + "x".repeat(4095), NOW)).isPresent();
    assertThat(SetCookieParser.parse("a=" + "x".repeat(4096), NOW)).isEmpty();
    // Non-ASCII counts in UTF-8 bytes.
    assertThat(SetCookieParser.parse("a=" + "\u00e9".repeat(2048), NOW)).isEmpty();
    // An attribute value over 1024 bytes is ignored, not the cookie.
    Cookie c = parse("a=b; Path=/" + "p".repeat(1024) + "; Domain=example.com");
    assertThat(c.path()).isEmpty();
    assertThat(c.domain()).contains("example.com");
    assertThat(parse("a=b; Path=/" + "p".repeat(1023)).path()).isPresent();
  }

  @Test
  void builderOutputParsesBack() {
    Cookie built = Cookie.builder("__Host-sid", "abc").secure(true).httpOnly(true).sameSite(SameSite.LAX)
        .maxAge(3600).extension("Priority=High").build();
    Optional<Cookie> parsed = SetCookieParser.parse(built.toSetCookieHeader(), NOW);
    assertThat(parsed).contains(built.toBuilder().expires(NOW.plusSeconds(3600)).build());
  }
}
