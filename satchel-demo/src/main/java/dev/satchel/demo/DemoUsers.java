package dev.satchel.demo;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The demo's built-in users. Passwords are kept only as PBKDF2-HMAC-SHA256 hashes (210,000 iterations, per-user
 * salt), checked in constant time: the way a real app should keep them, just with a fixed list.
 */
final class DemoUsers {

  /** Name, display name, salt and hash (base64). The passwords are "wonderland" and "builder". */
  private static final Map<String, User> USERS = Map.of(
      "alice", new User("alice", "Alice Liddell", "x1e7ULlAO1Ar3RTcoUxEnA==",
          "Xqaxb971w/sgORsNcmIvMTlEg1ReyBfj3bqZBNQmgFs="),
      "bob", new User("bob", "Bob the Builder", "ChcxyriOiBn1Lzb8mdMg2g==",
          "a+ifMIoXyOmjD+nZpZBd5vLcg2BWqsWF/CgMIQl/DQ4="));

  private static final int ITERATIONS = 210_000;

  /** One user of the demo. */
  record User(String name, String displayName, String salt, String hash) {}

  private DemoUsers() {}

  /** The user if the password is right; empty otherwise (unknown users cost the same time as known ones). */
  static Optional<User> authenticate(String name, String password) {
    User user = name == null ? null : USERS.get(name.trim().toLowerCase(java.util.Locale.ROOT));
    User checked = user != null ? user : USERS.get("alice");
    boolean matches = password != null && MessageDigest.isEqual(
        pbkdf2(password, Base64.getDecoder().decode(checked.salt())), Base64.getDecoder().decode(checked.hash()));
    return user != null && matches ? Optional.of(user) : Optional.empty();
  }

  /** A user by name. */
  static Optional<User> find(String name) {
    return Optional.ofNullable(name == null ? null : USERS.get(name));
  }

  private static byte[] pbkdf2(String password, byte[] salt) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is required by every Java platform", e);
    }
  }
}
