package dev.satchel.flask;

import dev.satchel.flask.internal.PythonJsonReader;
import dev.satchel.internal.Zlib;
import dev.satchel.session.DecodeResult.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * itsdangerous's {@code URLSafeTimedSerializer}: JSON, zlib-compressed when that saves more than one byte (then
 * the token starts with {@code .}), base64url, timestamped and signed. Reads and writes tokens Python makes, such
 * as Flask-WTF CSRF tokens and, configured by {@link FlaskSessionCodec}, Flask's session cookie.
 *
 * <pre>{@code
 * ItsDangerousSerializer csrf = ItsDangerousSerializer.builder(List.of(secret))
 *     .salt("wtf-csrf-token").build();           // django-concat + SHA-1 are the defaults
 * LoadResult<Object> r = csrf.loads(token, Instant.now(), Duration.ofHours(1));
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@code loads} never throws for bad input.
 */
public final class ItsDangerousSerializer {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

  private final ItsDangerousTimestampSigner signer;
  private final TaggedJson json;
  private final int maxPayloadBytes;

  private ItsDangerousSerializer(Builder b) {
    ItsDangerousSigner base = b.signer.build();
    this.signer = new ItsDangerousTimestampSigner(base, b.allowedClockSkew);
    this.json = b.json;
    this.maxPayloadBytes = b.maxPayloadBytes;
  }

  /**
   * A builder for these secret keys, newest (current) first. Defaults are itsdangerous's: salt {@code itsdangerous},
   * django-concat derivation, SHA-1, plain compact JSON.
   */
  public static Builder builder(List<byte[]> secretKeysNewestFirst) {
    return new Builder(ItsDangerousSigner.builder(secretKeysNewestFirst));
  }

  /** A builder for a text secret key (UTF-8) and fallbacks, newest first. */
  public static Builder builder(String secretKey, String... fallbackKeysNewestFirst) {
    return new Builder(ItsDangerousSigner.builder(secretKey, fallbackKeysNewestFirst));
  }

  /**
   * Serializes and signs {@code value} as of {@code now}.
   *
   * @throws IllegalArgumentException if the value cannot be written as JSON (the message names it)
   */
  public String dumps(Object value, Instant now) {
    Objects.requireNonNull(now, "now");
    return signer.sign(dumpPayload(value), now);
  }

  /** The payload part: base64url JSON, or {@code .} + base64url zlib when that is shorter, as itsdangerous decides. */
  String dumpPayload(Object value) {
    byte[] text = json.dumps(value).getBytes(StandardCharsets.UTF_8);
    byte[] compressed = Zlib.compress(text);
    if (compressed.length < text.length - 1) {
      return "." + B64.encodeToString(compressed);
    }
    return B64.encodeToString(text);
  }

  /**
   * Verifies and reads a token. With a {@code maxAge}, a token older than that or signed in the future is refused;
   * with {@code null}, age is not checked (as in itsdangerous).
   */
  public LoadResult<Object> loads(String token, Instant now, Duration maxAge) {
    Objects.requireNonNull(now, "now");
    LoadResult<String> unsigned = signer.unsign(token, now, maxAge);
    if (!(unsigned instanceof LoadResult.Loaded<String> loaded)) {
      LoadResult.Failed<String> failed = (LoadResult.Failed<String>) unsigned;
      return new LoadResult.Failed<>(failed.reason(), failed.detail());
    }
    String payload = loaded.value();
    boolean compressed = payload.startsWith(".");
    byte[] bytes;
    try {
      bytes = B64_DECODER.decode(compressed ? payload.substring(1) : payload);
    } catch (IllegalArgumentException e) {
      return new LoadResult.Failed<>(Reason.MALFORMED, "payload is not base64url");
    }
    if (compressed) {
      bytes = Zlib.decompress(bytes, maxPayloadBytes);
      if (bytes == null) {
        return new LoadResult.Failed<>(Reason.MALFORMED,
            "payload is not a zlib stream of at most " + maxPayloadBytes + " bytes");
      }
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return new LoadResult.Failed<>(Reason.MALFORMED, "payload is not UTF-8");
    }
    Object value;
    try {
      value = json.parse(text);
    } catch (PythonJsonReader.JsonSyntaxException e) {
      return new LoadResult.Failed<>(e.isBadTag() ? Reason.BAD_PAYLOAD : Reason.MALFORMED,
          "payload: " + e.getMessage());
    }
    return new LoadResult.Loaded<>(value, loaded.signedAt(), loaded.keyIndex());
  }

  /** Configures a serializer. */
  public static final class Builder {
    private final ItsDangerousSigner.Builder signer;
    private TaggedJson json = TaggedJson.itsDangerousCompact();
    private Duration allowedClockSkew = Duration.ZERO;
    private int maxPayloadBytes = 1 << 20;

    Builder(ItsDangerousSigner.Builder signer) {
      this.signer = signer.salt("itsdangerous");
    }

    /** The salt (namespace), e.g. {@code wtf-csrf-token} or Flask's {@code cookie-session}. */
    public Builder salt(String salt) {
      signer.salt(salt);
      return this;
    }

    /** How the signing key is derived (default django-concat, itsdangerous's default). */
    public Builder keyDerivation(KeyDerivation keyDerivation) {
      signer.keyDerivation(keyDerivation);
      return this;
    }

    /** The hash for derivation and HMAC (default SHA-1). */
    public Builder digest(HashAlgorithm digest) {
      signer.digest(digest);
      return this;
    }

    /** Use Flask's tagged JSON (sorted, ASCII, typed) instead of itsdangerous's plain compact JSON. */
    public Builder taggedJson(TaggedJson taggedJson) {
      this.json = Objects.requireNonNull(taggedJson, "taggedJson");
      return this;
    }

    /** How far in the future a timestamp may be and still be accepted (default zero, as itsdangerous). */
    public Builder allowedClockSkew(Duration skew) {
      if (Objects.requireNonNull(skew, "skew").isNegative()) {
        throw new IllegalArgumentException("allowedClockSkew " + skew + " is negative");
      }
      this.allowedClockSkew = skew;
      return this;
    }

    /** Largest decompressed payload accepted (default 1 MiB), a guard against zlib bombs. */
    public Builder maxPayloadBytes(int maxPayloadBytes) {
      if (maxPayloadBytes < 1) {
        throw new IllegalArgumentException("maxPayloadBytes " + maxPayloadBytes + " must be positive");
      }
      this.maxPayloadBytes = maxPayloadBytes;
      return this;
    }

    /** The serializer. */
    public ItsDangerousSerializer build() {
      return new ItsDangerousSerializer(this);
    }
  }
}
