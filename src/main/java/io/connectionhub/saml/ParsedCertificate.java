package io.connectionhub.saml;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

/**
 * An X.509 certificate with what the APIs show of it.
 *
 * @param certificate the parsed certificate
 * @param pem normalized PEM: header, base64 DER in 64-character lines, footer, trailing newline
 * @param notBefore start of validity
 * @param notAfter end of validity (Auth0's {@code cert_expires_at})
 * @param sha1Thumbprint lower-case hex SHA-1 of the DER, as Auth0 lists it in {@code thumbprints}
 * @param sha256Thumbprint lower-case hex SHA-256 of the DER
 */
public record ParsedCertificate(X509Certificate certificate, String pem, Instant notBefore, Instant notAfter,
        String sha1Thumbprint, String sha256Thumbprint) {

    /** Expired at {@code now}; an expired IdP certificate is accepted but flagged. */
    public boolean expiredAt(Instant now) {
        return now.isAfter(notAfter);
    }

    public boolean expired(Clock clock) {
        return expiredAt(clock.instant());
    }

    /** The DER as one base64 line, the form {@code ds:X509Certificate} carries. */
    public String base64Der() {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("A parsed certificate could not be re-encoded", e);
        }
    }
}
