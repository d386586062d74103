package io.connectionhub.job;

import io.smallrye.mutiny.Uni;

/**
 * Short-lived state that expires and must be deleted (pending sign-in requests, codes, brute-force counters, the
 * SAML replay table, old log events). Every replica's {@link JobWorker} calls each purge every
 * {@code connectionhub.jobs.purge-interval}; a purge deletes in bounded batches and is harmless to run on several
 * replicas at once (it only deletes what has expired).
 */
public interface PeriodicPurge {

    /** What it purges, for the log. */
    String name();

    /** Deletes one bounded batch of expired rows; how many went (fewer than a batch: nothing left for now). */
    Uni<Integer> purgeExpired();
}
