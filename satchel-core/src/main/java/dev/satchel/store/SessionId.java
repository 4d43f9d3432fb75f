package dev.satchel.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * A server-side session id: 256 random bits, base64url in the cookie.
 *
 * <p>Stores only ever see {@link #storageKey()}, the SHA-256 of the token, so a leaked table or keyspace cannot be
 * replayed as cookies. {@link #toString()} never prints the token.
 */
public final class SessionId {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int BYTES = 32;
  /** base64url without padding of 32 bytes. */
  private static final int TOKEN_LENGTH = 43;

  private final String token;
  private final String storageKey;

  private SessionId(String token) {
    this.token = token;
    this.storageKey = hash(token);
  }

  /** A new random id. */
  public static SessionId generate() {
    byte[] bytes = new byte[BYTES];
    RANDOM.nextBytes(bytes);
    return new SessionId(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** Reads a cookie value; empty unless it is exactly the shape {@link #generate()} makes. */
  public static Optional<SessionId> parse(String cookieValue) {
    if (cookieValue == null || cookieValue.length() != TOKEN_LENGTH) {
      return Optional.empty();
    }
    for (int i = 0; i < TOKEN_LENGTH; i++) {
      char c = cookieValue.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      if (!ok) {
        return Optional.empty();
      }
    }
    return Optional.of(new SessionId(cookieValue));
  }

  /** The secret token that goes in the cookie. Never log it. */
  public String token() {
    return token;
  }

  /** SHA-256 of the token, base64url (43 characters): the only form a store keeps. */
  public String storageKey() {
    return storageKey;
  }

  /** The storage key a store keeps for a given cookie token (for admin tools that are handed a cookie). */
  public static String hash(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionId other && MessageDigest.isEqual(
        token.getBytes(StandardCharsets.US_ASCII), other.token.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public int hashCode() {
    return storageKey.hashCode();
  }

  @Override
  public String toString() {
    return "SessionId[" + storageKey.substring(0, 8) + "…]";
  }
}
