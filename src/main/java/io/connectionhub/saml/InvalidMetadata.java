package io.connectionhub.saml;

import io.connectionhub.common.DomainException;

/** IdP metadata that cannot be used; the message names the problem as the client should fix it. */
public class InvalidMetadata extends DomainException {

    public InvalidMetadata(String problem) {
        super(problem);
    }
}
