package dev.satchel.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One Lua script and its SHA-1, the name Redis caches it under: the store sends EVALSHA and falls back to EVAL when
 * the server answers NOSCRIPT (after a restart or SCRIPT FLUSH), which also re-caches it.
 */
record LuaScript(String name, String source, String sha1) {

  static LuaScript of(String name, String source) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(40);
      for (byte b : d) {
        hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return new LuaScript(name, source, hex.toString());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by every Java platform", e);
    }
  }
}
