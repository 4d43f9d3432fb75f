package dev.satchel.jwt.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Set;

/**
 * Signs {@code EdDSA} (Ed25519) tokens with the JDK's own Ed25519 ({@code Signature "Ed25519"}, Java 15+).
 *
 * <p>Why not nimbus's {@code Ed25519Signer}: it needs Google Tink on the classpath, a second crypto library with its
 * own Ed25519 code; Satchel takes its primitives from the JDK only. This plugs the JDK into nimbus's signer SPI.
 */
public final class JdkEd25519Signer implements JWSSigner {

  private final PrivateKey privateKey;
  private final JCAContext jca = new JCAContext();

  /** A signer for one Ed25519 private key. */
  public JdkEd25519Signer(PrivateKey privateKey) {
    if (!Ed25519.isEd25519(privateKey)) {
      throw new IllegalArgumentException("EdDSA signing needs an Ed25519 private key, got " + privateKey.getAlgorithm());
    }
    this.privateKey = privateKey;
  }

  @Override
  public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
    if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
      throw new JOSEException("Ed25519 key cannot sign alg " + header.getAlgorithm());
    }
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(privateKey);
      signature.update(signingInput);
      return Base64URL.encode(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new JOSEException("Ed25519 signing failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Set<JWSAlgorithm> supportedJWSAlgorithms() {
    return Set.of(JWSAlgorithm.EdDSA);
  }

  @Override
  public JCAContext getJCAContext() {
    return jca;
  }
}
