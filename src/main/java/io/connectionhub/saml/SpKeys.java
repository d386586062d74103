package io.connectionhub.saml;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * A SAML connection's service-provider side with its private key opened, for signing AuthnRequests and decrypting
 * assertions. Never printed with the key.
 */
public record SpKeys(SpEndpoints endpoints, X509Certificate certificate, PrivateKey privateKey) {

    @Override
    public String toString() {
        return "SpKeys[entityId=" + endpoints.entityId() + "]";
    }
}
