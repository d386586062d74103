package io.connectionhub.organization;

import io.connectionhub.common.DomainException;

/** A connection whose deletion was already started (or has finished) is deleted again. */
public class DeletionAlreadyStarted extends DomainException {

    public DeletionAlreadyStarted() {
        super("The connection is already deleted or being deleted.");
    }
}
