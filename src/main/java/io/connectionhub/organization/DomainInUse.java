package io.connectionhub.organization;

import io.connectionhub.common.DomainException;

/** A domain cannot be deleted while a connection of the organization uses it. */
public class DomainInUse extends DomainException {

    public DomainInUse(String domainName, String connectionName, String connectionId) {
        super("The domain " + domainName + " is used by the connection " + connectionName + " (" + connectionId
                + "); delete that connection or move it to another domain first.");
    }
}
