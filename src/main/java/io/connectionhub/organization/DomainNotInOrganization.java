package io.connectionhub.organization;

import io.connectionhub.common.DomainException;

/** A connection names a domain that is not one of its organization's. */
public class DomainNotInOrganization extends DomainException {

    public DomainNotInOrganization(String domainName) {
        super("The domain " + domainName + " is not a domain of the organization");
    }
}
