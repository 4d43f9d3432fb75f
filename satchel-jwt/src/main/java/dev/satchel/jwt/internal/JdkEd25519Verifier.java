package dev.satchel.jwt.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Set;

/** Verifies {@code EdDSA} (Ed25519) signatures with the JDK's Ed25519; see {@link JdkEd25519Signer} for why. */
public final class JdkEd25519Verifier implements JWSVerifier {

  private static final int SIGNATURE_BYTES = 64;

  private final PublicKey publicKey;
  private final JCAContext jca = new JCAContext();

  /** A verifier for one Ed25519 public key. */
  public JdkEd25519Verifier(PublicKey publicKey) {
    if (!Ed25519.isEd25519(publicKey)) {
      throw new IllegalArgumentException("EdDSA verification needs an Ed25519 public key, got "
          + publicKey.getAlgorithm());
    }
    this.publicKey = publicKey;
  }

  @Override
  public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
    if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
      return false;
    }
    // Nothing critical is understood here, so any "crit" header must fail (RFC 7515 section 4.1.11).
    if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
      return false;
    }
    byte[] sig = signature.decode();
    if (sig.length != SIGNATURE_BYTES) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(publicKey);
      verifier.update(signingInput);
      return verifier.verify(sig);
    } catch (java.security.SignatureException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new JOSEException("Ed25519 verification unavailable: " + e.getMessage(), e);
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
