package dev.satchel.cookie;

import java.net.IDN;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable HTTP cookie: what a server writes in {@code Set-Cookie} (RFC 6265bis).
 *
 * <p>Build one with {@link #builder(String, String)}: the builder is strict and refuses, with an {@link
 * InvalidCookieException} naming the attribute and character, anything a browser would drop or an attacker could use
 * to inject headers. {@link SetCookieParser} is the lenient reader; cookies it returns may hold what the builder
 * would refuse, and they keep attributes they do not know in {@link #extensions()}.
 *
 * <p>{@link #toString()} never prints the value, which is often a secret (a session token).
 */
public final class Cookie {

  /** Most bytes a browser keeps for name plus value (RFC 6265bis 5.6 step 5). */
  public static final int MAX_NAME_VALUE_BYTES = 4096;
  /** Most bytes a browser keeps for one attribute value (RFC 6265bis 5.6, cookie-av processing). */
  public static final int MAX_ATTRIBUTE_VALUE_BYTES = 1024;
  /** The Expires that {@link #deletion} and {@link #expired()} write: Thu, 01 Jan 1970 00:00:00 GMT. */
  public static final Instant DELETION_EXPIRES = Instant.EPOCH;

  private static final String HOST_PREFIX = "__Host-";
  private static final String SECURE_PREFIX = "__Secure-";
  private static final String[] KNOWN_ATTRIBUTES = {
    "expires", "max-age", "domain", "path", "secure", "httponly", "samesite", "partitioned"
  };

  private final String name;
  private final String value;
  private final boolean quoted;
  private final Duration maxAge;
  private final Instant expires;
  private final String domain;
  private final String path;
  private final boolean secure;
  private final boolean httpOnly;
  private final SameSite sameSite;
  private final boolean partitioned;
  private final List<String> extensions;
  private String header;
  /** Everything the header holds after the value ("; Path=/; HttpOnly..."), shared by {@link #withValue} copies. */
  private String attributesText;

  private Cookie(
      String name,
      String value,
      boolean quoted,
      Duration maxAge,
      Instant expires,
      String domain,
      String path,
      boolean secure,
      boolean httpOnly,
      SameSite sameSite,
      boolean partitioned,
      List<String> extensions) {
    this.name = name;
    this.value = value;
    this.quoted = quoted;
    this.maxAge = maxAge;
    this.expires = expires;
    this.domain = domain;
    this.path = path;
    this.secure = secure;
    this.httpOnly = httpOnly;
    this.sameSite = sameSite;
    this.partitioned = partitioned;
    this.extensions = extensions;
  }

  /** A builder for a cookie named {@code name} holding {@code value}; Path defaults to {@code /}. */
  public static Builder builder(String name, String value) {
    return new Builder(name, value);
  }

  /**
   * The cookie that deletes cookie {@code name} at {@code path} and {@code domain} (either may be null to omit the
   * attribute; they must equal those the cookie was set with): empty value, {@code Max-Age=0} and {@code
   * Expires=Thu, 01 Jan 1970 00:00:00 GMT}. Names with a {@code __Host-} or {@code __Secure-} prefix get {@code
   * Secure}, without which browsers ignore the deletion.
   */
  public static Cookie deletion(String name, String path, String domain) {
    boolean prefixed = name != null
        && (CookieChars.startsWithIgnoreCase(name, HOST_PREFIX)
            || CookieChars.startsWithIgnoreCase(name, SECURE_PREFIX));
    return builder(name, "")
        .path(path)
        .domain(domain)
        .secure(prefixed)
        .maxAge(0)
        .expires(DELETION_EXPIRES)
        .build();
  }

  /** Builds a cookie without validation: the lenient path for {@link SetCookieParser}. */
  static Cookie lenient(
      String name,
      String value,
      Duration maxAge,
      Instant expires,
      String domain,
      String path,
      boolean secure,
      boolean httpOnly,
      SameSite sameSite,
      boolean partitioned,
      List<String> extensions) {
    return new Cookie(name, value, false, maxAge, expires, domain, path, secure, httpOnly, sameSite, partitioned,
        extensions.isEmpty() ? List.of() : Collections.unmodifiableList(new ArrayList<>(extensions)));
  }

  /**
   * This cookie's deletion: same name, Domain, Path, Secure, HttpOnly, SameSite, Partitioned and extensions, with an
   * empty value, {@code Max-Age=0} and an Expires in 1970. Keeping Secure and Partitioned matters: browsers ignore a
   * deletion of a prefixed cookie without Secure, and a partitioned cookie lives in its own jar.
   */
  public Cookie expired() {
    return new Cookie(name, "", false, Duration.ZERO, DELETION_EXPIRES, domain, path, secure, httpOnly, sameSite,
        partitioned, extensions);
  }

  /**
   * This cookie with another value, checked exactly as {@link Builder#build()} checks values; the other attributes
   * were checked when this cookie was built. The cheap way to send the same cookie with a new value on every
   * response (a session cookie): no attribute is validated twice.
   *
   * @throws InvalidCookieException when the value is null, has a character a cookie value cannot hold, or makes the
   *     cookie too large
   */
  public Cookie withValue(String newValue) {
    Builder.checkValue(name, newValue, quoted);
    Cookie copy = new Cookie(name, newValue, quoted, maxAge, expires, domain, path, secure, httpOnly, sameSite,
        partitioned, extensions);
    copy.attributesText = attributesText();
    return copy;
  }

  /** A builder holding this cookie's attributes, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder(name, value);
    b.quoted = quoted;
    b.maxAgeSeconds = maxAge == null ? null : maxAge.getSeconds();
    b.expires = expires;
    b.domain = domain;
    b.path = path;
    b.secure = secure;
    b.httpOnly = httpOnly;
    b.sameSite = sameSite;
    b.partitioned = partitioned;
    b.extensions.addAll(extensions);
    return b;
  }

  /** The cookie's name. */
  public String name() {
    return name;
  }

  /** The cookie's value as the application sees it (without the quotes and escapes of a {@link #quoted()} value). */
  public String value() {
    return value;
  }

  /** Whether the value is written inside double quotes, with {@code "} and {@code \} backslash-escaped. */
  public boolean quoted() {
    return quoted;
  }

  /**
   * The {@code Max-Age} attribute in whole seconds; zero means "delete now". A parsed negative Max-Age reads as zero,
   * which browsers treat the same way.
   */
  public Optional<Duration> maxAge() {
    return Optional.ofNullable(maxAge);
  }

  /**
   * The {@code Expires} attribute, to the second. For a cookie from {@link SetCookieParser} this is the effective
   * expiry: the time of parsing plus Max-Age when Max-Age is present (it wins over Expires).
   */
  public Optional<Instant> expires() {
    return Optional.ofNullable(expires);
  }

  /** The {@code Domain} attribute; empty for a host-only cookie. */
  public Optional<String> domain() {
    return Optional.ofNullable(domain);
  }

  /**
   * The {@code Path} attribute; {@code /} unless set otherwise. Empty when omitted, in which case browsers use the
   * directory of the request URL.
   */
  public Optional<String> path() {
    return Optional.ofNullable(path);
  }

  /** Whether the cookie is sent over HTTPS only. */
  public boolean secure() {
    return secure;
  }

  /** Whether scripts in the page cannot read the cookie. */
  public boolean httpOnly() {
    return httpOnly;
  }

  /** The {@code SameSite} attribute; empty when omitted (browsers then default to Lax). */
  public Optional<SameSite> sameSite() {
    return Optional.ofNullable(sameSite);
  }

  /** Whether the cookie is partitioned by top-level site (CHIPS). */
  public boolean partitioned() {
    return partitioned;
  }

  /** Other attributes, as {@code name=value} or {@code name}, in the order they were set or parsed. */
  public List<String> extensions() {
    return extensions;
  }

  /** Whether the cookie is gone at {@code instant}: its Max-Age is zero or its Expires is not after the instant. */
  public boolean isExpiredAt(Instant instant) {
    if (maxAge != null && maxAge.isZero()) {
      return true;
    }
    return expires != null && !expires.isAfter(instant);
  }

  /** The value exactly as written on the wire: quoted and escaped when {@link #quoted()}. */
  String wireValue() {
    return quoted ? quote(value) : value;
  }

  /** The value of a {@code Set-Cookie} header for this cookie, attributes in a fixed order, Expires in IMF-fixdate. */
  public String toSetCookieHeader() {
    String h = header;
    if (h == null) {
      // Benign race: every thread computes the same string from final fields.
      h = buildHeader(wireValue());
      header = h;
    }
    return h;
  }

  private String buildHeader(String wireValue) {
    return name + '=' + wireValue + attributesText();
  }

  private String attributesText() {
    String text = attributesText;
    if (text == null) {
      // Benign race, as for header.
      text = buildAttributesText();
      attributesText = text;
    }
    return text;
  }

  private String buildAttributesText() {
    StringBuilder sb = new StringBuilder(96);
    if (expires != null) {
      sb.append("; Expires=");
      CookieDates.appendImfFixdate(sb, clampForWire(expires));
    }
    if (maxAge != null) {
      sb.append("; Max-Age=").append(maxAge.getSeconds());
    }
    if (domain != null) {
      sb.append("; Domain=").append(domain);
    }
    if (path != null) {
      sb.append("; Path=").append(path);
    }
    if (secure) {
      sb.append("; Secure");
    }
    if (httpOnly) {
      sb.append("; HttpOnly");
    }
    if (sameSite != null) {
      sb.append("; SameSite=").append(sameSite.wireName());
    }
    if (partitioned) {
      sb.append("; Partitioned");
    }
    for (String e : extensions) {
      sb.append("; ").append(e);
    }
    return sb.toString();
  }

  private static Instant clampForWire(Instant t) {
    if (t.isBefore(CookieDates.EARLIEST)) {
      return CookieDates.EARLIEST;
    }
    return t.isAfter(CookieDates.LATEST) ? CookieDates.LATEST : t;
  }

  static String quote(String v) {
    StringBuilder sb = new StringBuilder(v.length() + 2).append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.append('"').toString();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Cookie)) {
      return false;
    }
    Cookie c = (Cookie) o;
    return name.equals(c.name)
        && value.equals(c.value)
        && quoted == c.quoted
        && Objects.equals(maxAge, c.maxAge)
        && Objects.equals(expires, c.expires)
        && Objects.equals(domain, c.domain)
        && Objects.equals(path, c.path)
        && secure == c.secure
        && httpOnly == c.httpOnly
        && sameSite == c.sameSite
        && partitioned == c.partitioned
        && extensions.equals(c.extensions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, value, quoted, maxAge, expires, domain, path, secure, httpOnly, sameSite, partitioned,
        extensions);
  }

  /** The Set-Cookie form with the value replaced by its length, so logs never hold a session token. */
  @Override
  public String toString() {
    return "Cookie{" + buildHeader("<" + value.length() + " chars>") + "}";
  }

  /** Collects a cookie's attributes; {@link #build()} validates them all and names the first problem. */
  public static final class Builder {
    private String name;
    private String value;
    private boolean quoted;
    private Long maxAgeSeconds;
    private Instant expires;
    private String domain;
    private String path = "/";
    private boolean secure;
    private boolean httpOnly;
    private SameSite sameSite;
    private boolean partitioned;
    private final List<String> extensions = new ArrayList<>();

    private Builder(String name, String value) {
      this.name = name;
      this.value = value;
    }

    /** Replaces the name. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Replaces the value. */
    public Builder value(String value) {
      this.value = value;
      return this;
    }

    /**
     * Opt-in for values with spaces, commas, {@code "} or {@code \}: the value is written in double quotes with
     * {@code "} and {@code \} backslash-escaped, and {@link RequestCookies} gives back the original. Semicolons, control
     * characters and non-ASCII text stay refused: encode those with {@link CookieValues}.
     */
    public Builder quoted(boolean quoted) {
      this.quoted = quoted;
      return this;
    }

    /** Sets {@code Max-Age} (whole seconds; the fraction is dropped); null removes it. Browsers cap it at 400 days. */
    public Builder maxAge(Duration maxAge) {
      this.maxAgeSeconds = maxAge == null ? null : maxAge.getSeconds();
      return this;
    }

    /** Sets {@code Max-Age} in seconds; 0 tells the browser to delete the cookie. */
    public Builder maxAge(long seconds) {
      this.maxAgeSeconds = seconds;
      return this;
    }

    /** Sets {@code Expires} (truncated to the second, years 1601 to 9999); null removes it. */
    public Builder expires(Instant expires) {
      this.expires = expires;
      return this;
    }

    /**
     * Sets {@code Domain}, so subdomains receive the cookie too; null (the default) makes a host-only cookie, which
     * is safer. The name is stored as browsers keep it: punycode for an internationalized name, lower case, no
     * leading dot.
     */
    public Builder domain(String domain) {
      this.domain = domain;
      return this;
    }

    /** Sets {@code Path} (default {@code /}); null omits it, letting the browser use the request's directory. */
    public Builder path(String path) {
      this.path = path;
      return this;
    }

    /** Sets {@code Secure}: sent over HTTPS only. */
    public Builder secure(boolean secure) {
      this.secure = secure;
      return this;
    }

    /** Sets {@code HttpOnly}: hidden from page scripts. */
    public Builder httpOnly(boolean httpOnly) {
      this.httpOnly = httpOnly;
      return this;
    }

    /** Sets {@code SameSite}; null omits it. */
    public Builder sameSite(SameSite sameSite) {
      this.sameSite = sameSite;
      return this;
    }

    /** Sets {@code Partitioned} (CHIPS); requires Secure. */
    public Builder partitioned(boolean partitioned) {
      this.partitioned = partitioned;
      return this;
    }

    /** Adds an attribute this class has no method for, as {@code name=value} or {@code name} (e.g. {@code Priority=High}). */
    public Builder extension(String attribute) {
      extensions.add(Objects.requireNonNull(attribute, "attribute"));
      return this;
    }

    /** Validates every attribute and returns the cookie; throws {@link InvalidCookieException} naming the problem. */
    public Cookie build() {
      if (name == null) {
        throw new InvalidCookieException("name", -1, "Cookie name is null. Give every cookie a name.");
      }
      if (value == null) {
        throw new InvalidCookieException("value", -1,
            "Cookie value of '" + safeName() + "' is null. Use \"\" for an empty value, or Cookie.deletion(...) to delete.");
      }
      validateName();
      validateNewValue();
      Duration maxAge = null;
      if (maxAgeSeconds != null) {
        if (maxAgeSeconds < 0) {
          throw new InvalidCookieException("Max-Age", -1,
              "Cookie Max-Age of '" + name + "' is " + maxAgeSeconds
                  + " seconds. Use a positive number of seconds, or 0 to delete the cookie.");
        }
        maxAge = Duration.ofSeconds(maxAgeSeconds);
      }
      Instant exp = null;
      if (expires != null) {
        if (expires.isBefore(CookieDates.EARLIEST) || expires.isAfter(CookieDates.LATEST)) {
          throw new InvalidCookieException("Expires", -1,
              "Cookie Expires of '" + name + "' is " + expires
                  + ", outside what browsers can read (years 1601 to 9999). Use Max-Age for relative lifetimes.");
        }
        exp = Instant.ofEpochSecond(expires.getEpochSecond());
      }
      String dom = domain == null ? null : validateDomain(domain);
      if (path != null) {
        validatePath(path);
      }
      for (String e : extensions) {
        validateExtension(e);
      }
      validatePrefixesAndSecure(dom);
      return new Cookie(name, value, quoted, maxAge, exp, dom, path, secure, httpOnly, sameSite, partitioned,
          extensions.isEmpty() ? List.of() : List.copyOf(extensions));
    }

    private String safeName() {
      // Only used in messages before the name is validated: never echo control characters.
      return name.codePoints().allMatch(c -> c >= 0x20 && c < 0x7F) ? name : "<invalid name>";
    }

    private InvalidCookieException injection(String attribute, String text, int i) {
      return injection(safeName(), attribute, text, i);
    }

    private static InvalidCookieException injection(String shownName, String attribute, String text, int i) {
      return new InvalidCookieException(attribute, i,
          "Cookie " + attribute + " of '" + shownName + "' contains " + CookieChars.describe(text, i) + " at index "
              + i + ": CR, LF and ';' end the attribute or the header, so writing them would let input inject"
              + " cookie attributes or headers (header injection). Remove it; never copy request input into a cookie"
              + " unchecked.");
    }

    private void validateName() {
      if (name.isEmpty()) {
        throw new InvalidCookieException("name", -1,
            "Cookie name is empty. Browsers treat nameless cookies inconsistently; give the cookie a name.");
      }
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (CookieChars.isInjection(c)) {
          throw injection("name", name, i);
        }
        if (!CookieChars.isTchar(c)) {
          throw new InvalidCookieException("name", i,
              "Cookie name '" + safeName() + "' contains " + CookieChars.describe(name, i) + " at index " + i
                  + ", which is not allowed in a cookie name (an RFC 9110 token). Use only ASCII letters, digits"
                  + " and !#$%&'*+-.^_`|~");
        }
      }
    }

    /** The value checks of {@link #build()}, for a name already known to be valid. */
    private void validateNewValue() {
      checkValue(name, value, quoted);
    }

    /**
     * The value checks of {@link #build()} and {@link Cookie#withValue}, for a name already known to be valid. A
     * session cookie passes them on every response: a plain value costs one bitmask test per character, and only a
     * value that fails looks for which character and why.
     */
    static void checkValue(String name, String value, boolean quoted) {
      if (value == null) {
        throw new InvalidCookieException("value", -1,
            "Cookie value of '" + name + "' is null. Use \"\" for an empty value, or Cookie.deletion(...) to delete.");
      }
      if (quoted || !CookieChars.allCookieOctets(value)) {
        checkCharacters(name, value, quoted);
      }
      int size = name.length() + (quoted ? quote(value).length() : value.length());
      if (size > MAX_NAME_VALUE_BYTES) {
        throw new InvalidCookieException("value", -1,
            "Cookie '" + name + "' is too large: name and value take " + size
                + " bytes, browsers drop cookies over " + MAX_NAME_VALUE_BYTES
                + ". Keep large data on the server (a server-side session store) and put only an id in the cookie.");
      }
    }

    private static void checkCharacters(String name, String value, boolean quoted) {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (CookieChars.isInjection(c)) {
          throw injection(name, "value", value, i);
        }
        boolean ok = quoted ? (c >= 0x20 && c <= 0x7E) : CookieChars.isCookieOctet(c);
        if (!ok) {
          String fix = quoted || CookieChars.isCtl(c) || c > 0x7E
              ? "Encode the value with CookieValues.base64UrlEncode(...) or CookieValues.percentEncode(...)."
              : "Encode the value with CookieValues.base64UrlEncode(...) or CookieValues.percentEncode(...),"
                  + " or call quoted(true) on the builder.";
          throw new InvalidCookieException("value", i,
              "Cookie value of '" + name + "' contains " + CookieChars.describe(value, i) + " at index " + i
                  + ", which is not allowed in "
                  + (quoted ? "a quoted cookie value (visible ASCII and space only). "
                      : "an unquoted cookie value (RFC 6265 cookie-octet). ")
                  + fix);
        }
      }
    }

    private String validateDomain(String raw) {
      for (int i = 0; i < raw.length(); i++) {
        if (CookieChars.isInjection(raw.charAt(i))) {
          throw injection("Domain", raw, i);
        }
      }
      String d = raw;
      if (!d.chars().allMatch(c -> c < 0x80)) {
        try {
          d = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
          throw new InvalidCookieException("Domain", -1,
              "Cookie Domain of '" + name + "' is not a valid internationalized host name (" + e.getMessage()
                  + "). Use the site's host name, or null for a host-only cookie.");
        }
      }
      if (d.isEmpty() || d.equals(".")) {
        throw new InvalidCookieException("Domain", -1,
            "Cookie Domain of '" + name + "' is empty. Use domain(null) for a host-only cookie.");
      }
      for (int i = 0; i < d.length(); i++) {
        char c = d.charAt(i);
        boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
            || (c == '.' && (i > 0 ? d.charAt(i - 1) != '.' : true) && i < d.length() - 1);
        if (!ok) {
          throw new InvalidCookieException("Domain", i,
              "Cookie Domain of '" + name + "' contains " + CookieChars.describe(d, i) + " at index " + i
                  + ", which is not allowed in a Domain: use a host name of letters, digits, '-' and single dots"
                  + " (no port, no trailing dot), e.g. example.com, or null for a host-only cookie.");
        }
      }
      checkAttributeLength("Domain", d);
      // Browsers ignore a leading dot and compare case-insensitively: write the canonical form they store.
      return (d.charAt(0) == '.' ? d.substring(1) : d).toLowerCase(Locale.ROOT);
    }

    private void validatePath(String p) {
      for (int i = 0; i < p.length(); i++) {
        char c = p.charAt(i);
        if (CookieChars.isInjection(c)) {
          throw injection("Path", p, i);
        }
        if (!CookieChars.isAvOctet(c)) {
          throw new InvalidCookieException("Path", i,
              "Cookie Path of '" + name + "' contains " + CookieChars.describe(p, i) + " at index " + i
                  + ", which is not allowed in a Path: use visible ASCII and percent-encode the rest, as in a URL.");
        }
      }
      if (p.isEmpty() || p.charAt(0) != '/') {
        throw new InvalidCookieException("Path", p.isEmpty() ? -1 : 0,
            "Cookie Path of '" + name + "' must start with '/' (browsers ignore any other Path): e.g. \"/\" or"
                + " \"/app\", or path(null) to omit it.");
      }
      if (p.charAt(p.length() - 1) == ' ') {
        throw new InvalidCookieException("Path", p.length() - 1,
            "Cookie Path of '" + name + "' ends with a space at index " + (p.length() - 1)
                + ", which browsers strip: remove it, or percent-encode it as %20.");
      }
      checkAttributeLength("Path", p);
    }

    private void validateExtension(String e) {
      for (int i = 0; i < e.length(); i++) {
        char c = e.charAt(i);
        if (CookieChars.isInjection(c)) {
          throw injection("extension", e, i);
        }
        if (!CookieChars.isAvOctet(c)) {
          throw new InvalidCookieException("extension", i,
              "Cookie extension attribute of '" + name + "' contains " + CookieChars.describe(e, i) + " at index "
                  + i + ", which is not allowed in an attribute: use visible ASCII.");
        }
      }
      int eq = e.indexOf('=');
      String attrName = (eq < 0 ? e : e.substring(0, eq));
      for (int i = 0; i < attrName.length(); i++) {
        if (!CookieChars.isTchar(attrName.charAt(i))) {
          throw new InvalidCookieException("extension", i,
              "Cookie extension attribute of '" + name + "' has " + CookieChars.describe(attrName, i) + " at index "
                  + i + " in its name: write it as name=value with a token name, e.g. Priority=High.");
        }
      }
      if (attrName.isEmpty()) {
        throw new InvalidCookieException("extension", 0,
            "Cookie extension attribute of '" + name + "' has no name: write it as name=value, e.g. Priority=High.");
      }
      for (String known : KNOWN_ATTRIBUTES) {
        if (known.equalsIgnoreCase(attrName)) {
          throw new InvalidCookieException("extension", 0,
              "Cookie extension attribute '" + attrName + "' of '" + name
                  + "' is a standard attribute: set it with its builder method so it is validated and written once.");
        }
      }
      if (eq >= 0) {
        String v = e.substring(eq + 1);
        if (!v.isEmpty() && (v.charAt(0) == ' ' || v.charAt(v.length() - 1) == ' ')) {
          int at = v.charAt(0) == ' ' ? eq + 1 : e.length() - 1;
          throw new InvalidCookieException("extension", at,
              "Cookie extension attribute of '" + name + "' has a space at index " + at
                  + " around its value, which browsers strip: remove it.");
        }
        checkAttributeLength("extension", v);
      }
    }

    private void checkAttributeLength(String attribute, String v) {
      int bytes = CookieChars.utf8Length(v);
      if (bytes > MAX_ATTRIBUTE_VALUE_BYTES) {
        throw new InvalidCookieException(attribute, -1,
            "Cookie " + attribute + " of '" + name + "' is " + bytes + " bytes long; browsers ignore attribute values"
                + " over " + MAX_ATTRIBUTE_VALUE_BYTES + " bytes. Shorten it.");
      }
    }

    private void validatePrefixesAndSecure(String dom) {
      if (CookieChars.startsWithIgnoreCase(name, HOST_PREFIX)) {
        if (!secure) {
          throw new InvalidCookieException("Secure", -1,
              "Cookie '" + name + "' has the __Host- prefix but not Secure: browsers reject it. Call secure(true)"
                  + " (and serve the site over HTTPS).");
        }
        if (dom != null) {
          throw new InvalidCookieException("Domain", -1,
              "Cookie '" + name + "' has the __Host- prefix but a Domain (" + dom + "): browsers reject it."
                  + " Call domain(null); a __Host- cookie is always host-only.");
        }
        if (!"/".equals(path)) {
          throw new InvalidCookieException("Path", -1,
              "Cookie '" + name + "' has the __Host- prefix but Path is " + (path == null ? "omitted" : path)
                  + ": browsers reject it. Call path(\"/\").");
        }
      }
      if (CookieChars.startsWithIgnoreCase(name, SECURE_PREFIX) && !secure) {
        throw new InvalidCookieException("Secure", -1,
            "Cookie '" + name + "' has the __Secure- prefix but not Secure: browsers reject it. Call secure(true)"
                + " (and serve the site over HTTPS).");
      }
      if (sameSite == SameSite.NONE && !secure) {
        throw new InvalidCookieException("SameSite", -1,
            "Cookie '" + name + "' has SameSite=None but not Secure: browsers reject it. Call secure(true), or use"
                + " SameSite.LAX if the cookie need not be sent on cross-site requests.");
      }
      if (partitioned && !secure) {
        throw new InvalidCookieException("Partitioned", -1,
            "Cookie '" + name + "' is Partitioned but not Secure: browsers reject it. Call secure(true).");
      }
    }
  }
}
