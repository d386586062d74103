package io.connectionhub.saml;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;

/**
 * A connection's SP certificate and its private key. The key is the caller's to encrypt at rest; this record never
 * prints it.
 *
 * @param certificate the self-signed certificate, published in the SP metadata
 * @param privateKeyPkcs8 the private key, PKCS#8 DER
 */
public record SpCertificate(ParsedCertificate certificate, byte[] privateKeyPkcs8) {

    public SpCertificate {
        privateKeyPkcs8 = privateKeyPkcs8.clone();
    }

    @Override
    public byte[] privateKeyPkcs8() {
        return privateKeyPkcs8.clone();
    }

    public String certificatePem() {
        return certificate.pem();
    }

    /** The key as a JCA key, for signing AuthnRequests; its algorithm is the certificate's public key algorithm. */
    public PrivateKey privateKey() {
        return privateKey(privateKeyPkcs8, certificate.certificate().getPublicKey().getAlgorithm());
    }

    /** Decodes a stored PKCS#8 key of the given JCA algorithm ({@code RSA} or {@code EC}). */
    public static PrivateKey privateKey(byte[] pkcs8, String algorithm) {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not a PKCS#8 " + algorithm + " private key", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SpCertificate that && certificate.equals(that.certificate)
                && Arrays.equals(privateKeyPkcs8, that.privateKeyPkcs8);
    }

    @Override
    public int hashCode() {
        return certificate.hashCode();
    }

    @Override
    public String toString() {
        return "SpCertificate[sha1=" + certificate.sha1Thumbprint() + ", notAfter=" + certificate.notAfter() + "]";
    }
}
