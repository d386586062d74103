package io.connectionhub.organization;

import io.connectionhub.common.DomainException;

/** A connection names a domain of its organization that has not been verified yet. */
public class DomainNotVerified extends DomainException {

    public DomainNotVerified(String domainName) {
        super("The domain " + domainName + " is not verified");
    }
}
