package dev.satchel.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.satchel.flask.FlaskSessionCodec;
import dev.satchel.flask.TaggedJson;
import dev.satchel.internal.Zlib;
import dev.satchel.json.SessionJson;
import dev.satchel.jwt.JwtAlgorithm;
import dev.satchel.jwt.JwtKeySet;
import dev.satchel.jwt.session.JwtSessionCodec;
import dev.satchel.keys.KeyRing;
import dev.satchel.session.SessionCodec;
import dev.satchel.session.codec.EncryptedCookieCodec;
import dev.satchel.session.codec.SignedCookieCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The cookie formats the CLI reads and writes, each with its codec and, where possible, an unverified peek. */
enum CookieFormat {
  SATCHEL, ENCRYPTED, FLASK, JWT;

  private static final int MAX_INFLATED = 1 << 20;

  static CookieFormat parse(String name) {
    try {
      return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, "unknown format '" + name
          + "': choose satchel, encrypted, flask or jwt");
    }
  }

  SessionCodec codec(KeyRing keys, Duration maxAge) {
    return switch (this) {
      case SATCHEL -> SignedCookieCodec.builder(keys).maxAge(maxAge).build();
      case ENCRYPTED -> EncryptedCookieCodec.builder(keys).maxAge(maxAge).build();
      case FLASK -> FlaskSessionCodec.builder(keys.all()).maxAge(maxAge).build();
      case JWT -> JwtSessionCodec.builder(JwtKeySet.fromKeyRing(keys, JwtAlgorithm.HS256)).maxAge(maxAge).build();
    };
  }

  /** The content of a cookie without checking its signature; what it claims, not what is true. */
  Peek peek(String cookie) {
    return switch (this) {
      case SATCHEL, FLASK -> peekTimestamped(cookie);
      case JWT -> peekJwt(cookie);
      case ENCRYPTED -> throw new CliException(ExitCode.BAD_COOKIE,
          "an encrypted cookie cannot be read without its key: drop --no-verify and pass --key");
    };
  }

  /** Unverified content and the issue time it claims (null when it has none). */
  record Peek(Map<String, Object> session, Instant claimedIssuedAt) {}

  private Peek peekTimestamped(String cookie) {
    boolean compressed = cookie.startsWith(".");
    String body = compressed ? cookie.substring(1) : cookie;
    String[] parts = body.split("\\.", -1);
    if (parts.length != 3) {
      throw new CliException(ExitCode.BAD_COOKIE, "not a " + name().toLowerCase(java.util.Locale.ROOT)
          + " cookie: expected PAYLOAD.TIMESTAMP.SIGNATURE");
    }
    try {
      byte[] payload = Base64.getUrlDecoder().decode(parts[0]);
      if (compressed) {
        payload = inflate(payload);
      }
      String json = new String(payload, StandardCharsets.UTF_8);
      Map<String, Object> session = this == FLASK ? asMap(TaggedJson.flask().loads(json))
          : SessionJson.readMap(payload).orElseThrow(() -> new CliException(ExitCode.BAD_COOKIE,
              "the payload is not a JSON object"));
      long seconds = 0;
      for (byte b : Base64.getUrlDecoder().decode(parts[1])) {
        seconds = (seconds << 8) | (b & 0xff);
      }
      return new Peek(session, Instant.ofEpochSecond(seconds));
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.BAD_COOKIE, "the cookie does not decode: " + e.getMessage());
    }
  }

  private static Peek peekJwt(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw new CliException(ExitCode.BAD_COOKIE, "not a signed JWT: expected HEADER.CLAIMS.SIGNATURE");
    }
    try {
      Map<String, Object> claims = SessionJson.mapper().readValue(Base64.getUrlDecoder().decode(parts[1]),
          new TypeReference<LinkedHashMap<String, Object>>() {});
      Object iat = claims.get("iat");
      return new Peek(claims, iat instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null);
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new CliException(ExitCode.BAD_COOKIE, "the JWT claims do not decode: " + e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new CliException(ExitCode.BAD_COOKIE, "the payload is not a JSON object");
  }

  private static byte[] inflate(byte[] data) {
    byte[] out = Zlib.decompress(data, MAX_INFLATED);
    if (out == null) {
      throw new CliException(ExitCode.BAD_COOKIE,
          "the compressed payload is not zlib data, is truncated, or inflates past 1 MiB");
    }
    return out;
  }
}
