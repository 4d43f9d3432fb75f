package dev.satchel.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/** Properties over generated input: round trips of every valid cookie, and parsers that never throw. */
class CookiePropertiesTest {

  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private static final String TCHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

  // ---- generators ----

  private static Arbitrary<String> token(int max) {
    return Arbitraries.strings().withChars(TCHARS.toCharArray()).ofMinLength(1).ofMaxLength(max);
  }

  private static Arbitrary<String> cookieOctets() {
    return Arbitraries.strings().withChars((char) 0x21).withCharRange((char) 0x23, (char) 0x2B)
        .withCharRange((char) 0x2D, (char) 0x3A).withCharRange((char) 0x3C, (char) 0x5B)
        .withCharRange((char) 0x5D, (char) 0x7E).ofMaxLength(60);
  }

  private static Arbitrary<String> visibleAsciiNoSemicolon(int max) {
    return Arbitraries.strings().withCharRange((char) 0x20, (char) 0x3A).withCharRange((char) 0x3C, (char) 0x7E)
        .ofMaxLength(max);
  }

  private static Arbitrary<String> domains() {
    Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('-')
        .ofMinLength(1).ofMaxLength(10);
    return label.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l));
  }

  private static Arbitrary<String> paths() {
    return visibleAsciiNoSemicolon(40).map(p -> "/" + p.strip());
  }

  private static Arbitrary<String> extensions() {
    Arbitrary<String> withValue = Combinators.combine(token(12), visibleAsciiNoSemicolon(20))
        .as((n, v) -> n + "=" + v.strip());
    return Arbitraries.oneOf(withValue, token(12))
        .filter(e -> !List.of("expires", "max-age", "domain", "path", "secure", "httponly", "samesite",
            "partitioned").contains(e.split("=", 2)[0].toLowerCase()));
  }

  @Provide
  Arbitrary<Cookie> validCookies() {
    Arbitrary<Boolean> bool = Arbitraries.of(true, false);
    Arbitrary<String> prefix = Arbitraries.of("", "", "", "__Host-", "__Secure-");
    Arbitrary<String> quotedValues = visibleAsciiNoSemicolon(60);
    return Builders.withBuilder(() -> new Gen())
        .use(prefix).in(set((g, v) -> g.prefix = v))
        .use(token(20)).in(set((g, v) -> g.name = v))
        .use(bool).in(set((g, v) -> g.quoted = v))
        .use(cookieOctets()).in(set((g, v) -> g.value = v))
        .use(quotedValues).in(set((g, v) -> g.quotedValue = v))
        .use(Arbitraries.longs().between(0, 1_000_000_000L).optional()).in(set((g, v) -> g.maxAge = v))
        .use(Arbitraries.longs().between(Instant.parse("1601-01-01T00:00:00Z").getEpochSecond(),
            Instant.parse("9999-12-31T23:59:59Z").getEpochSecond()).optional()).in(set((g, v) -> g.expires = v))
        .use(domains().optional()).in(set((g, v) -> g.domain = v))
        .use(paths().optional(0.8)).in(set((g, v) -> g.path = v))
        .use(bool).in(set((g, v) -> g.secure = v))
        .use(bool).in(set((g, v) -> g.httpOnly = v))
        .use(Arbitraries.of(SameSite.class).optional()).in(set((g, v) -> g.sameSite = v))
        .use(bool).in(set((g, v) -> g.partitioned = v))
        .use(extensions().list().ofMaxSize(3)).in(set((g, v) -> g.extensions = v))
        .build(Gen::build);
  }

  private static <T> BiFunction<Gen, T, Gen> set(BiConsumer<Gen, T> setter) {
    return (g, v) -> {
      setter.accept(g, v);
      return g;
    };
  }

  /** Generated attributes, adjusted to satisfy the cross-attribute rules so every result is valid. */
  private static final class Gen {
    String prefix;
    String name;
    boolean quoted;
    String value;
    String quotedValue;
    Optional<Long> maxAge;
    Optional<Long> expires;
    Optional<String> domain;
    Optional<String> path;
    boolean secure;
    boolean httpOnly;
    Optional<SameSite> sameSite;
    boolean partitioned;
    List<String> extensions;

    Cookie build() {
      boolean host = prefix.equals("__Host-");
      Cookie.Builder b = Cookie.builder(prefix + name, quoted ? quotedValue : value)
          .quoted(quoted)
          .domain(host ? null : domain.orElse(null))
          .path(host ? "/" : path.orElse(null))
          .secure(secure || !prefix.isEmpty() || partitioned || sameSite.orElse(null) == SameSite.NONE)
          .httpOnly(httpOnly)
          .sameSite(sameSite.orElse(null))
          .partitioned(partitioned);
      maxAge.ifPresent(b::maxAge);
      expires.ifPresent(e -> b.expires(Instant.ofEpochSecond(e)));
      extensions.forEach(b::extension);
      return b.build();
    }
  }

  // ---- properties ----

  @Property(tries = 2000)
  void everyValidCookieRoundTripsThroughSetCookie(@ForAll("validCookies") Cookie c) {
    Cookie parsed = SetCookieParser.parse(c.toSetCookieHeader(), NOW).orElseThrow();
    Optional<Instant> expectedExpiry = c.maxAge()
        .map(m -> m.isZero() ? Cookie.DELETION_EXPIRES : NOW.plus(m))
        .or(c::expires);
    assertThat(parsed.name()).isEqualTo(c.name());
    // Browsers keep quotes as part of the value; the request side unwraps them.
    assertThat(parsed.value()).isEqualTo(c.quoted() ? Cookie.quote(c.value()) : c.value());
    assertThat(parsed.maxAge()).isEqualTo(c.maxAge());
    assertThat(parsed.expires()).isEqualTo(expectedExpiry);
    assertThat(parsed.domain()).isEqualTo(c.domain());
    assertThat(parsed.path()).isEqualTo(c.path());
    assertThat(parsed.secure()).isEqualTo(c.secure());
    assertThat(parsed.httpOnly()).isEqualTo(c.httpOnly());
    assertThat(parsed.sameSite()).isEqualTo(c.sameSite());
    assertThat(parsed.partitioned()).isEqualTo(c.partitioned());
    assertThat(parsed.extensions()).isEqualTo(c.extensions());
    if (!c.quoted()) {
      Cookie expected = c.toBuilder().expires(expectedExpiry.orElse(null)).build();
      assertThat(parsed).isEqualTo(expected);
      assertThat(parsed.toBuilder().build()).isEqualTo(expected);
    }
  }

  @Property(tries = 2000)
  void everyValidCookieComesBackFromTheRequestHeader(@ForAll("validCookies") Cookie a, @ForAll("validCookies") Cookie b) {
    // What a browser sends back: name=value as stored (quotes included).
    String header = a.name() + "=" + a.wireValue() + "; " + b.name() + "=" + b.wireValue();
    RequestCookies rc = RequestCookies.parse(header);
    List<String> expected = new ArrayList<>();
    if (a.name().equals(b.name())) {
      expected.add(a.value());
    }
    assertThat(rc.get(a.name())).isEqualTo(a.value());
    expected.add(b.value());
    assertThat(rc.getAll(b.name())).isEqualTo(expected);
  }

  @Property(tries = 3000)
  void requestParserNeverThrows(@ForAll String header) {
    RequestCookies rc = RequestCookies.parse(header);
    assertThat(rc.size()).isBetween(0, RequestCookies.MAX_PAIRS);
    for (String n : rc.names()) {
      assertThat(n).isNotEmpty().doesNotContain(";").doesNotStartWith(" ").doesNotEndWith(" ");
      assertThat(rc.getAll(n)).isNotEmpty();
    }
  }

  @Property(tries = 3000)
  void requestParserNeverThrowsOnCookieLikeInput(@ForAll("cookieLike") String header) {
    RequestCookies rc = RequestCookies.parse(List.of(header, header));
    assertThat(rc.size()).isEven();
  }

  @Property(tries = 3000)
  void findAnswersAsParseDoes(@ForAll("cookieLike") String a, @ForAll("cookieLike") String b,
      @ForAll("shortNames") String name) {
    List<String> headers = List.of(a, b);
    assertThat(RequestCookies.find(headers, name)).isEqualTo(RequestCookies.parse(headers).get(name));
  }

  @Property(tries = 200)
  void findHonoursThePairLimitAsParseDoes(@ForAll @IntRange(min = 250, max = 262) int before) {
    // The wanted cookie after `before` others: found only while within MAX_PAIRS, exactly as parse() keeps it.
    StringBuilder header = new StringBuilder();
    for (int i = 0; i < before; i++) {
      header.append("c").append(i).append("=v; ");
    }
    header.append("session=abc");
    List<String> headers = List.of(header.toString());
    assertThat(RequestCookies.find(headers, "session")).isEqualTo(RequestCookies.parse(headers).get("session"))
        .isEqualTo(before < RequestCookies.MAX_PAIRS ? "abc" : null);
  }

  @Property(tries = 3000)
  void withValueAgreesWithTheBuilder(@ForAll("validCookies") Cookie template, @ForAll("candidateValues") String value) {
    // withValue takes a shortcut for plainly valid values and reuses the template's attribute text: neither may
    // change what is accepted, what is refused (and how it is explained) or what is written.
    Throwable fromBuilder = org.assertj.core.api.Assertions.catchThrowable(
        () -> template.toBuilder().value(value).build());
    Throwable fromWithValue = org.assertj.core.api.Assertions.catchThrowable(() -> template.withValue(value));
    if (fromBuilder == null) {
      assertThat(fromWithValue).isNull();
      assertThat(template.withValue(value).toSetCookieHeader())
          .isEqualTo(template.toBuilder().value(value).build().toSetCookieHeader());
    } else {
      assertThat(fromWithValue).isInstanceOf(InvalidCookieException.class).hasMessage(fromBuilder.getMessage());
    }
  }

  @Provide
  Arbitrary<String> candidateValues() {
    // Mostly cookie-octets (the shortcut), with the characters it must refuse: CTLs, space, DQUOTE, comma,
    // semicolon, backslash, DEL, Latin-1 and chars whose low 7 bits are a cookie-octet (U+0141 is 'A' + 0x100).
    Arbitrary<String> near = Arbitraries.strings().withChars("aZ09-_.=!~\u0000\u001f \",;\\\u007f\u00e9\u0141\u0161\r\n"
        .toCharArray()).ofMaxLength(30);
    Arbitrary<String> huge = Arbitraries.strings().withChars('a', 'b').ofMinLength(4000).ofMaxLength(4200);
    return Arbitraries.frequencyOf(Tuple.of(5, cookieOctets()), Tuple.of(4, near), Tuple.of(1, huge),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(20)));
  }

  @Property(tries = 3000)
  void allCookieOctetsIsIsCookieOctetForEveryCharacter(@ForAll String value) {
    assertThat(CookieChars.allCookieOctets(value))
        .isEqualTo(value.chars().allMatch(c -> CookieChars.isCookieOctet((char) c)));
  }

  @Example
  void allCookieOctetsAgreesOnEveryCharValue() {
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      if (CookieChars.allCookieOctets(String.valueOf((char) c)) != CookieChars.isCookieOctet((char) c)) {
        throw new AssertionError(String.format("allCookieOctets disagrees with isCookieOctet on U+%04X", c));
      }
    }
  }

  @Provide
  Arbitrary<String> shortNames() {
    return Arbitraries.of("a", "ab", "b", "a b", "0", "");
  }

  @Provide
  Arbitrary<String> cookieLike() {
    return Arbitraries.strings().withChars("ab=;\" \t\\0123,\u00e9\r\n".toCharArray()).ofMaxLength(80);
  }

  @Property(tries = 3000)
  void setCookieParserNeverThrowsAndItsOutputIsInjectionFree(@ForAll("setCookieLike") String header) {
    SetCookieParser.parse(header, NOW).ifPresent(c -> {
      assertThat(c.name()).isNotEmpty();
      String written = c.toSetCookieHeader();
      assertThat(written).doesNotContain("\r").doesNotContain("\n");
      // The lenient cookie reads back the same (what it writes is what it holds).
      assertThat(SetCookieParser.parse(written, NOW).map(Cookie::name)).contains(c.name());
    });
  }

  @Provide
  Arbitrary<String> setCookieLike() {
    Arbitrary<String> attr = Arbitraries.of("Expires=Sun, 06 Nov 1994 08:49:37 GMT", "Max-Age=5", "Max-Age=-1",
        "Domain=.Example.org", "Path=/x", "Path=", "Secure", "HttpOnly", "SameSite=None", "SameSite=x", "Partitioned",
        "ext=1", "=", "", " ");
    Arbitrary<String> junk = Arbitraries.strings().ofMaxLength(20);
    return Combinators.combine(junk, Arbitraries.oneOf(attr, junk).list().ofMaxSize(6))
        .as((first, rest) -> first + rest.stream().map(r -> "; " + r).collect(Collectors.joining()));
  }

  @Property(tries = 2000)
  void encodingsRoundTripEveryString(@ForAll("wellFormedStrings") String text, @ForAll byte[] bytes) {
    String p = CookieValues.percentEncode(text);
    String b = CookieValues.base64UrlEncode(text);
    assertThat(Cookie.builder("p", p).build().value()).isEqualTo(p);
    assertThat(Cookie.builder("b", b).build().value()).isEqualTo(b);
    assertThat(CookieValues.percentDecode(p)).contains(text);
    assertThat(CookieValues.base64UrlDecodeToString(b)).contains(text);
    assertThat(CookieValues.base64UrlDecode(CookieValues.base64UrlEncode(bytes)))
        .hasValueSatisfying(d -> assertThat(d).isEqualTo(bytes));
  }

  @Provide
  Arbitrary<String> wellFormedStrings() {
    // Lone surrogates cannot be encoded as UTF-8 (they become '?'), so only well-formed text round-trips.
    return Arbitraries.strings().ofMaxLength(40)
        .filter(s -> new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(s));
  }

  @Property(tries = 500)
  void maxAgeDurationsAreWholeSeconds(@ForAll("millis") long millis) {
    Cookie c = Cookie.builder("a", "b").maxAge(Duration.ofMillis(millis)).build();
    assertThat(c.maxAge()).contains(Duration.ofSeconds(millis / 1000));
  }

  @Provide
  Arbitrary<Long> millis() {
    return Arbitraries.longs().between(0, 10_000_000_000L);
  }
}
