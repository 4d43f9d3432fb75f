package dev.satchel.jwt.bearer;

import dev.satchel.jwt.JwtResult;
import dev.satchel.jwt.JwtVerifier;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Bearer tokens in {@code Authorization} headers (RFC 6750): extract, verify, and the {@code WWW-Authenticate}
 * challenge for a 401. Framework-free: pass the header value, get a {@link JwtResult}.
 */
public final class BearerToken {

  private static final String SCHEME = "Bearer";

  private BearerToken() {}

  /**
   * The token in an {@code Authorization} header value ({@code Bearer <token>}, scheme case-insensitive); empty when the
   * header is absent, uses another scheme, or the token is not a well-formed b64token.
   */
  public static Optional<String> extract(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    int start = skipSpaces(authorization, 0);
    if (!authorization.regionMatches(true, start, SCHEME, 0, SCHEME.length())) {
      return Optional.empty();
    }
    int afterScheme = start + SCHEME.length();
    int tokenStart = skipSpaces(authorization, afterScheme);
    if (tokenStart == afterScheme) {
      return Optional.empty();
    }
    int end = authorization.length();
    while (end > tokenStart && authorization.charAt(end - 1) == ' ') {
      end--;
    }
    if (tokenStart == end || !isB64Token(authorization, tokenStart, end)) {
      return Optional.empty();
    }
    return Optional.of(authorization.substring(tokenStart, end));
  }

  /**
   * Extracts and verifies the token of an {@code Authorization} header value. No header, or another scheme, is
   * {@link JwtResult.Reason#MISSING}; a {@code Bearer} header with a broken token is {@link JwtResult.Reason#MALFORMED}.
   */
  public static JwtResult verify(String authorization, JwtVerifier verifier, Instant now) {
    Objects.requireNonNull(verifier, "verifier");
    Optional<String> token = extract(authorization);
    if (token.isPresent()) {
      return verifier.verify(token.get(), now);
    }
    boolean bearerScheme = authorization != null && authorization.stripLeading().regionMatches(true, 0, SCHEME, 0,
        SCHEME.length());
    return bearerScheme ? new JwtResult.Rejected(JwtResult.Reason.MALFORMED, "Authorization: Bearer value is not a token")
        : new JwtResult.Rejected(JwtResult.Reason.MISSING, "no Authorization: Bearer header");
  }

  /**
   * The {@code WWW-Authenticate} value to send with a 401 for this rejection: no error code when the token was missing
   * (RFC 6750 section 3.1), {@code invalid_token} otherwise. The description says only whether the token expired, so a
   * client knows to refresh, without telling a forger which check failed.
   */
  public static String challenge(String realm, JwtResult.Rejected rejected) {
    Objects.requireNonNull(realm, "realm");
    Objects.requireNonNull(rejected, "rejected");
    String head = SCHEME + " realm=\"" + realm.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    if (rejected.reason() == JwtResult.Reason.MISSING) {
      return head;
    }
    String description = rejected.reason() == JwtResult.Reason.EXPIRED ? "The access token expired"
        : "The access token is invalid";
    return head + ", error=\"invalid_token\", error_description=\"" + description + "\"";
  }

  private static int skipSpaces(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  /** RFC 6750 b64token: 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=". */
  private static boolean isB64Token(String s, int start, int end) {
    int i = start;
    while (i < end) {
      char c = s.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
          || c == '_' || c == '~' || c == '+' || c == '/';
      if (!ok) {
        break;
      }
      i++;
    }
    if (i == start) {
      return false;
    }
    while (i < end && s.charAt(i) == '=') {
      i++;
    }
    return i == end;
  }
}
