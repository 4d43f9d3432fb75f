package dev.satchel.jwt.internal;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads the PEM blocks keys usually come in: {@code PUBLIC KEY} (SPKI), {@code PRIVATE KEY} (PKCS#8) and
 * {@code CERTIFICATE}. Everything else is refused with the {@code openssl} command that converts it.
 */
public final class Pem {

  private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519"};

  /** One decoded block. */
  public record Block(String type, byte[] der) {}

  /** The keys found in a PEM text. */
  public record Keys(PublicKey publicKey, PrivateKey privateKey) {}

  private Pem() {}

  /** Every {@code -----BEGIN X-----} block in the text, decoded. */
  public static List<Block> blocks(String pem) {
    List<Block> blocks = new ArrayList<>();
    int from = 0;
    while (true) {
      int begin = pem.indexOf("-----BEGIN ", from);
      if (begin < 0) {
        break;
      }
      int typeEnd = pem.indexOf("-----", begin + 11);
      if (typeEnd < 0) {
        throw new IllegalArgumentException("PEM header is not closed at offset " + begin);
      }
      String type = pem.substring(begin + 11, typeEnd);
      String endMarker = "-----END " + type + "-----";
      int end = pem.indexOf(endMarker, typeEnd + 5);
      if (end < 0) {
        throw new IllegalArgumentException("PEM block '" + type + "' has no '" + endMarker + "' line");
      }
      String body = pem.substring(typeEnd + 5, end);
      try {
        blocks.add(new Block(type, Base64.getMimeDecoder().decode(body)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("PEM block '" + type + "' is not valid base64: " + e.getMessage(), e);
      }
      from = end + endMarker.length();
    }
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("No PEM block found (expected a '-----BEGIN PUBLIC KEY-----' "
          + "or '-----BEGIN PRIVATE KEY-----' line)");
    }
    return blocks;
  }

  /** The public and/or private key in a PEM text (either may be null, not both). */
  public static Keys keys(String pem) {
    PublicKey publicKey = null;
    PrivateKey privateKey = null;
    for (Block block : blocks(pem)) {
      switch (block.type()) {
        case "PUBLIC KEY" -> publicKey = publicKey(block.der());
        case "PRIVATE KEY" -> privateKey = privateKey(block.der());
        case "CERTIFICATE" -> publicKey = certificateKey(block.der());
        case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new IllegalArgumentException("PEM block '" + block.type()
            + "' is a legacy format; convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in key.pem");
        case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException("PEM private key is encrypted; decrypt "
            + "it with: openssl pkcs8 -in key.pem -nocrypt -out plain.pem");
        default -> throw new IllegalArgumentException("Unsupported PEM block '" + block.type()
            + "': expected PUBLIC KEY, PRIVATE KEY or CERTIFICATE");
      }
    }
    return new Keys(publicKey, privateKey);
  }

  private static PublicKey publicKey(byte[] der) {
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException | RuntimeException e) {
        // Not this algorithm: the SPKI names its own, so try the next factory.
      }
    }
    throw new IllegalArgumentException("PEM PUBLIC KEY is not an RSA, EC or Ed25519 key");
  }

  private static PrivateKey privateKey(byte[] der) {
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException | RuntimeException e) {
        // Not this algorithm: try the next factory.
      }
    }
    throw new IllegalArgumentException("PEM PRIVATE KEY is not an RSA, EC or Ed25519 key");
  }

  private static PublicKey certificateKey(byte[] der) {
    try {
      return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
    } catch (CertificateException e) {
      throw new IllegalArgumentException("PEM CERTIFICATE cannot be read: " + e.getMessage(), e);
    }
  }
}
