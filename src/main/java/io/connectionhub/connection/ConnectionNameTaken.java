package io.connectionhub.connection;

import io.connectionhub.common.DomainException;

/**
 * The name is held by another connection of the tenant (compared case-insensitively), possibly one still being
 * deleted: then the deletion's job, progress and an estimate of when the name frees up come along.
 */
public class ConnectionNameTaken extends DomainException {

    /** How far the deletion that still holds the name has got. */
    public record PendingDeletion(String jobId, int percentageDone, long retryAfterSeconds) {
    }

    private final PendingDeletion pendingDeletion;

    public ConnectionNameTaken(PendingDeletion pendingDeletion) {
        super(pendingDeletion == null ? "A connection with the same name already exists"
                : "A connection with the same name is being deleted; the name is free once the deletion has finished");
        this.pendingDeletion = pendingDeletion;
    }

    /** Null when the holder is a live connection. */
    public PendingDeletion pendingDeletion() {
        return pendingDeletion;
    }
}
