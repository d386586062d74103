package io.connectionhub.job;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.connectionhub.common.Timestamps;

/**
 * A job as the console shows it: what the API shows, and who is running it. The lease is stale when a processing
 * job's lease has run out: its replica stopped renewing it (died or lost the database), and another will take it over.
 */
public record JobView(JobResponse job, String connectionName, long processed, String leaseOwner, String leaseExpiresAt,
        boolean leaseStale, String startedAt, String finishedAt) {

    static JobView of(Job job) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        boolean stale = Job.PROCESSING.equals(job.status()) && (job.leaseExpiresAt() == null || job.leaseExpiresAt().isBefore(now));
        return new JobView(JobResponse.of(job), job.connectionName(), job.processed(), job.leaseOwner(),
                Timestamps.format(job.leaseExpiresAt()), stale, Timestamps.format(job.startedAt()),
                Timestamps.format(job.finishedAt()));
    }

    public boolean isImport() {
        return Job.USERS_IMPORT.equals(job.type());
    }

    public boolean finished() {
        return Job.COMPLETED.equals(job.status()) || Job.FAILED.equals(job.status());
    }
}
