package dev.satchel.jwt;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEDecrypter;
import com.nimbusds.jose.JWEEncrypter;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import dev.satchel.jwt.internal.Ed25519;
import dev.satchel.jwt.internal.JdkEd25519Signer;
import dev.satchel.jwt.internal.JdkEd25519Verifier;
import dev.satchel.jwt.internal.Pem;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Objects;

/**
 * One token key: an id ({@code kid}), the one algorithm it is pinned to, and the key material.
 *
 * <p>Immutable. A key made from a public key only verifies; one with a private key or a secret also issues.
 * Factory methods check the material (secret length, RSA size, curve, that a key pair matches) and name the key id in
 * their exception; {@link #toString()} never prints secrets.
 */
public final class JwtKey {

  private static final int MIN_HMAC_BYTES = 32;
  private static final int AES256_BYTES = 32;
  private static final int MIN_RSA_BITS = 2048;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String id;
  private final JwtAlgorithm algorithm;
  private final PublicKey publicKey;
  private final PrivateKey privateKey;
  private final byte[] secret;
  // Nimbus signers and verifiers are stateless per call, so one of each is built here and shared by all threads.
  private final JWSSigner signer;
  private final JWSVerifier verifier;
  private final JWEEncrypter encrypter;
  private final JWEDecrypter decrypter;

  private JwtKey(String id, JwtAlgorithm algorithm, PublicKey publicKey, PrivateKey privateKey, byte[] secret) {
    this.id = requireId(id);
    this.algorithm = algorithm;
    this.publicKey = publicKey;
    this.privateKey = privateKey;
    this.secret = secret;
    try {
      switch (algorithm) {
        case HS256 -> {
          signer = new MACSigner(secret);
          verifier = new MACVerifier(secret);
          encrypter = null;
          decrypter = null;
        }
        case DIR_A256GCM -> {
          signer = null;
          verifier = null;
          encrypter = new DirectEncrypter(secret);
          decrypter = new DirectDecrypter(secret);
        }
        case RS256 -> {
          signer = privateKey == null ? null : new RSASSASigner(privateKey);
          verifier = new RSASSAVerifier((RSAPublicKey) publicKey);
          encrypter = null;
          decrypter = null;
        }
        case ES256 -> {
          signer = privateKey == null ? null : new ECDSASigner((ECPrivateKey) privateKey);
          verifier = new ECDSAVerifier((ECPublicKey) publicKey);
          encrypter = null;
          decrypter = null;
        }
        case EDDSA -> {
          signer = privateKey == null ? null : new JdkEd25519Signer(privateKey);
          verifier = new JdkEd25519Verifier(publicKey);
          encrypter = null;
          decrypter = null;
        }
        default -> throw new IllegalArgumentException("Unsupported algorithm " + algorithm);
      }
    } catch (JOSEException e) {
      throw new IllegalArgumentException("Key '" + id + "' cannot be used for " + algorithm + ": " + e.getMessage(), e);
    }
    if (signer != null) {
      checkPairMatches();
    }
  }

  // ---- factories ----

  /** An HS256 key from a shared secret of at least 32 random bytes (e.g. a Satchel key ring's secret). */
  public static JwtKey hs256(String id, byte[] secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length < MIN_HMAC_BYTES) {
      throw new IllegalArgumentException("HS256 secret for key '" + id + "' has " + secret.length
          + " bytes; use at least " + MIN_HMAC_BYTES + " random bytes");
    }
    return new JwtKey(id, JwtAlgorithm.HS256, null, null, secret.clone());
  }

  /** A key for encrypted tokens (JWE {@code dir} + {@code A256GCM}) from exactly 32 random bytes. */
  public static JwtKey encryption(String id, byte[] secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length != AES256_BYTES) {
      throw new IllegalArgumentException("A256GCM key '" + id + "' has " + secret.length + " bytes; it needs exactly "
          + AES256_BYTES);
    }
    return new JwtKey(id, JwtAlgorithm.DIR_A256GCM, null, null, secret.clone());
  }

  /** A signing key from a JDK key pair: RSA (RS256, 2048+ bits), EC P-256 (ES256) or Ed25519 (EdDSA). */
  public static JwtKey of(String id, KeyPair pair) {
    Objects.requireNonNull(pair, "pair");
    return asymmetric(id, Objects.requireNonNull(pair.getPublic(), "public key"), pair.getPrivate());
  }

  /** A verification-only key from a JDK public key (RSA, EC P-256 or Ed25519). */
  public static JwtKey ofPublic(String id, PublicKey publicKey) {
    return asymmetric(id, Objects.requireNonNull(publicKey, "publicKey"), null);
  }

  /** A fresh random key for the algorithm (key pairs from the JDK's generators, secrets from SecureRandom). */
  public static JwtKey generate(JwtAlgorithm algorithm, String id) {
    Objects.requireNonNull(algorithm, "algorithm");
    try {
      return switch (algorithm) {
        case HS256 -> hs256(id, randomBytes(MIN_HMAC_BYTES));
        case DIR_A256GCM -> encryption(id, randomBytes(AES256_BYTES));
        case RS256 -> {
          KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
          g.initialize(MIN_RSA_BITS);
          yield of(id, g.generateKeyPair());
        }
        case ES256 -> {
          KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
          g.initialize(new ECGenParameterSpec("secp256r1"));
          yield of(id, g.generateKeyPair());
        }
        case EDDSA -> of(id, KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
      };
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The JDK cannot generate a " + algorithm + " key: " + e.getMessage(), e);
    }
  }

  /**
   * A key from PEM text: a {@code PUBLIC KEY} or {@code CERTIFICATE} block (verify only), a {@code PRIVATE KEY}
   * (PKCS#8) block, or both. An RSA private key alone is enough; EC and Ed25519 private keys need the public block too.
   */
  public static JwtKey fromPem(String id, String pem) {
    Objects.requireNonNull(pem, "pem");
    Pem.Keys keys;
    try {
      keys = Pem.keys(pem);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("PEM for key '" + id + "': " + e.getMessage(), e);
    }
    PublicKey pub = keys.publicKey();
    if (pub == null && keys.privateKey() instanceof RSAPrivateCrtKey rsa) {
      pub = rsaPublicOf(rsa);
    }
    if (pub == null) {
      throw new IllegalArgumentException("PEM for key '" + id + "' has a private key but no PUBLIC KEY block; append "
          + "it (openssl pkey -in key.pem -pubout)");
    }
    return asymmetric(id, pub, keys.privateKey());
  }

  /**
   * A key from one JWK (JSON). The key id is the JWK's {@code kid} (else its RFC 7638 thumbprint); the algorithm is its
   * {@code alg}, else inferred: RSA → RS256, EC P-256 → ES256, OKP Ed25519 → EdDSA, oct → HS256 (A256GCM with
   * {@code "use":"enc"}).
   */
  public static JwtKey fromJwk(String json) {
    Objects.requireNonNull(json, "json");
    try {
      return fromJwk(JWK.parse(json), true);
    } catch (ParseException e) {
      throw new IllegalArgumentException("Not a JWK: " + e.getMessage(), e);
    }
  }

  static JwtKey fromJwk(JWK jwk, boolean allowSymmetric) {
    String id = jwk.getKeyID();
    try {
      if (id == null) {
        id = jwk.computeThumbprint().toString();
      }
      Algorithm alg = jwk.getAlgorithm();
      if (jwk instanceof OctetSequenceKey oct) {
        if (!allowSymmetric) {
          throw new IllegalArgumentException("JWK '" + id + "' is a shared secret (kty oct); secrets are never "
              + "accepted from a key set document");
        }
        boolean enc = JWEAlgorithm.DIR.equals(alg) || (alg == null && KeyUse.ENCRYPTION.equals(jwk.getKeyUse()));
        if (!enc && alg != null && !JWSAlgorithm.HS256.equals(alg)) {
          throw unsupported(id, alg);
        }
        return enc ? encryption(id, oct.toByteArray()) : hs256(id, oct.toByteArray());
      }
      JwtKey key;
      if (jwk instanceof RSAKey rsa) {
        key = asymmetric(id, rsa.toPublicKey(), rsa.isPrivate() ? rsa.toPrivateKey() : null);
      } else if (jwk instanceof ECKey ec) {
        key = asymmetric(id, ec.toPublicKey(), ec.isPrivate() ? ec.toPrivateKey() : null);
      } else if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
        key = asymmetric(id, Ed25519.publicKey(okp.getDecodedX()),
            okp.isPrivate() ? Ed25519.privateKey(okp.getDecodedD()) : null);
      } else {
        throw new IllegalArgumentException("JWK '" + id + "' has unsupported key type " + jwk.getKeyType()
            + "; use RSA, EC P-256, OKP Ed25519 or oct");
      }
      if (alg != null && !alg.getName().equals(key.algorithm.joseName())) {
        throw unsupported(id, alg);
      }
      return key;
    } catch (JOSEException e) {
      throw new IllegalArgumentException("JWK '" + id + "' cannot be used: " + e.getMessage(), e);
    }
  }

  // ---- accessors ----

  /** The key id ({@code kid} header of the tokens it makes). */
  public String id() {
    return id;
  }

  /** The one algorithm this key signs, verifies or encrypts with. */
  public JwtAlgorithm algorithm() {
    return algorithm;
  }

  /** True when this key can issue tokens (it holds a private key or a secret). */
  public boolean canIssue() {
    return signer != null || encrypter != null;
  }

  /** The same key without its private part, for handing to verifiers; a shared-secret key stays as it is. */
  public JwtKey publicOnly() {
    return algorithm.isSymmetric() || privateKey == null ? this : new JwtKey(id, algorithm, publicKey, null, null);
  }

  /** The public JWK (JSON) of an asymmetric key, as published in a JWKS. */
  public String toPublicJwk() {
    if (algorithm.isSymmetric()) {
      throw new IllegalStateException("Key '" + id + "' is a shared secret (" + algorithm + "); it has no public form "
          + "and must never be published");
    }
    return toNimbusJwk().toPublicJWK().toJSONString();
  }

  /** The full JWK (JSON) including private parts or the secret: for storing keys in a secret manager, never logs. */
  public String toPrivateJwk() {
    return toNimbusJwk().toJSONString();
  }

  JWK toNimbusJwk() {
    try {
      return switch (algorithm) {
        case HS256 -> new OctetSequenceKey.Builder(secret).keyID(id).algorithm(JWSAlgorithm.HS256)
            .keyUse(KeyUse.SIGNATURE).build();
        case DIR_A256GCM -> new OctetSequenceKey.Builder(secret).keyID(id).algorithm(JWEAlgorithm.DIR)
            .keyUse(KeyUse.ENCRYPTION).build();
        case RS256 -> new RSAKey.Builder((RSAPublicKey) publicKey).privateKey(privateKey).keyID(id)
            .algorithm(JWSAlgorithm.RS256).keyUse(KeyUse.SIGNATURE).build();
        case ES256 -> new ECKey.Builder(Curve.P_256, (ECPublicKey) publicKey).privateKey(privateKey).keyID(id)
            .algorithm(JWSAlgorithm.ES256).keyUse(KeyUse.SIGNATURE).build();
        case EDDSA -> {
          OctetKeyPair.Builder b = new OctetKeyPair.Builder(Curve.Ed25519,
              Base64URL.encode(Ed25519.rawPublic(publicKey))).keyID(id).algorithm(JWSAlgorithm.EdDSA)
              .keyUse(KeyUse.SIGNATURE);
          if (privateKey != null) {
            b.d(Base64URL.encode(Ed25519.rawPrivate(privateKey)));
          }
          yield b.build();
        }
      };
    } catch (IllegalStateException e) {
      throw new IllegalStateException("Key '" + id + "' cannot be written as a JWK: " + e.getMessage(), e);
    }
  }

  JWSSigner signer() {
    return signer;
  }

  JWSVerifier verifier() {
    return verifier;
  }

  JWEEncrypter encrypter() {
    return encrypter;
  }

  JWEDecrypter decrypter() {
    return decrypter;
  }

  @Override
  public String toString() {
    return "JwtKey[" + id + ", " + algorithm + (canIssue() ? ", can issue" : ", verify only") + "]";
  }

  // ---- helpers ----

  private static JwtKey asymmetric(String id, PublicKey pub, PrivateKey priv) {
    requireId(id);
    JwtAlgorithm algorithm;
    if (pub instanceof RSAPublicKey rsa) {
      int bits = rsa.getModulus().bitLength();
      if (bits < MIN_RSA_BITS) {
        throw new IllegalArgumentException("RSA key '" + id + "' has " + bits + " bits; RS256 needs at least "
            + MIN_RSA_BITS);
      }
      algorithm = JwtAlgorithm.RS256;
    } else if (pub instanceof ECPublicKey ec) {
      if (!Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams()))) {
        throw new IllegalArgumentException("EC key '" + id + "' is not on P-256 (secp256r1), the only curve ES256 "
            + "allows");
      }
      algorithm = JwtAlgorithm.ES256;
    } else if (Ed25519.isEd25519(pub)) {
      algorithm = JwtAlgorithm.EDDSA;
    } else {
      throw new IllegalArgumentException("Key '" + id + "' is a " + pub.getAlgorithm() + " key; use RSA (RS256), EC "
          + "P-256 (ES256) or Ed25519 (EdDSA)");
    }
    if (priv != null && !sameFamily(pub, priv)) {
      throw new IllegalArgumentException("Key '" + id + "': the private key (" + priv.getAlgorithm()
          + ") does not belong to the public key (" + pub.getAlgorithm() + ")");
    }
    return new JwtKey(id, algorithm, pub, priv, null);
  }

  private static boolean sameFamily(PublicKey pub, PrivateKey priv) {
    return (pub instanceof RSAPublicKey && priv instanceof java.security.interfaces.RSAPrivateKey)
        || (pub instanceof ECPublicKey && priv instanceof ECPrivateKey)
        || (Ed25519.isEd25519(pub) && Ed25519.isEd25519(priv));
  }

  /** Signs and verifies a probe so a private key that does not match its public key fails at startup, not per token. */
  private void checkPairMatches() {
    if (algorithm.isSymmetric()) {
      return;
    }
    byte[] probe = ("satchel-key-check:" + id).getBytes(StandardCharsets.UTF_8);
    JWSHeader header = new JWSHeader(JWSAlgorithm.parse(algorithm.joseName()));
    boolean ok;
    try {
      ok = verifier.verify(header, probe, signer.sign(header, probe));
    } catch (JOSEException e) {
      throw new IllegalArgumentException("Key '" + id + "' cannot sign: " + e.getMessage(), e);
    }
    if (!ok) {
      throw new IllegalArgumentException("Key '" + id + "': the private key does not match the public key");
    }
  }

  private static PublicKey rsaPublicOf(RSAPrivateCrtKey key) {
    try {
      return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("Cannot derive the RSA public key: " + e.getMessage(), e);
    }
  }

  private static IllegalArgumentException unsupported(String id, Algorithm alg) {
    return new IllegalArgumentException("JWK '" + id + "' has alg " + alg.getName() + ", which Satchel does not "
        + "support for this key type; supported: " + Arrays.toString(JwtAlgorithm.values()));
  }

  private static String requireId(String id) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("Key id (kid) must not be empty");
    }
    if (id.length() > 256) {
      throw new IllegalArgumentException("Key id (kid) is " + id.length() + " characters; keep it under 256");
    }
    return id;
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
