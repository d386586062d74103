package io.connectionhub.organization;

import io.connectionhub.common.DomainException;

/** A write under an organization that has been deactivated. */
public class OrganizationInactive extends DomainException {

    public OrganizationInactive() {
        super("The organization is not active; activate it (PUT .../status {\"IsActive\": true}) before changing "
                + "its domains or connections.");
    }
}
