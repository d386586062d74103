package io.connectionhub.saml;

import io.connectionhub.common.DomainException;

/**
 * A certificate that cannot be used: not PEM or base64 DER, not X.509, or more than one. The message names the
 * problem; the caller knows which property held it (Auth0 {@code signingCert}, LoginRadius {@code IDPCertificate}).
 */
public class InvalidCertificate extends DomainException {

    public InvalidCertificate(String problem) {
        super(problem);
    }
}
