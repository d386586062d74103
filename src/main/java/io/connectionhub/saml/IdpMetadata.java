package io.connectionhub.saml;

import java.util.List;

/**
 * What a SAML connection takes from its identity provider's metadata.
 *
 * @param entityId the IdP's entityID
 * @param ssoUrl the SingleSignOnService Location users are sent to
 * @param ssoBinding the binding of that service (HTTP-Redirect preferred, else HTTP-POST)
 * @param signingCertificates the certificates assertions may be signed with, in document order, at least one
 *        (more than one during an IdP's key rollover)
 */
public record IdpMetadata(String entityId, String ssoUrl, String ssoBinding, List<ParsedCertificate> signingCertificates) {

    public IdpMetadata {
        signingCertificates = List.copyOf(signingCertificates);
    }

    /** The first signing certificate, the one to show when the API has room for only one. */
    public ParsedCertificate signingCertificate() {
        return signingCertificates.get(0);
    }
}
