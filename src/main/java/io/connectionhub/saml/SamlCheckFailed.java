package io.connectionhub.saml;

import io.connectionhub.common.DomainException;

/**
 * A SAML response (or a connection's SAML settings) failed a check. The message names the check and the values that
 * failed it in words an IdP administrator can act on ("Audience mismatch: expected X, got Y"); it never holds the
 * assertion.
 */
public class SamlCheckFailed extends DomainException {

    public SamlCheckFailed(String message) {
        super(message);
    }
}
