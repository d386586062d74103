package io.connectionhub.saml;

/** The key pair behind a connection's SP certificate, with the signature algorithm that goes with it. */
public enum SpKeyType {
    RSA("RSA", "SHA256withRSA"),
    EC("EC", "SHA256withECDSA");

    private final String keyAlgorithm;
    private final String signatureAlgorithm;

    SpKeyType(String keyAlgorithm, String signatureAlgorithm) {
        this.keyAlgorithm = keyAlgorithm;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The JCA key algorithm ({@code KeyFactory}, {@code KeyPairGenerator}). */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    /** The JCA signature algorithm the certificate is signed with and that fits the key. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }
}
