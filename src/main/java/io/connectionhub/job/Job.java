package io.connectionhub.job;

import java.time.OffsetDateTime;

import io.vertx.mutiny.sqlclient.Row;

/** A row of the jobs table. */
public record Job(String id, String tenantId, String type, String status, String connectionId, String connectionName,
        String externalId, boolean upsert, Long total, long processed, long inserted, long updated, long failed,
        long deleted, String error, String leaseOwner, OffsetDateTime leaseExpiresAt, int attempts, OffsetDateTime createdAt, OffsetDateTime startedAt,
        OffsetDateTime finishedAt) {

    public static final String USERS_IMPORT = "users_import";
    public static final String CONNECTION_DELETION = "connection_deletion";
    public static final String PENDING = "pending";
    public static final String PROCESSING = "processing";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    static final String COLUMNS = "id, tenant_id, type, status, connection_id, connection_name, external_id, upsert, "
            + "total, processed, inserted, updated, failed, deleted, error, lease_owner, lease_expires_at, attempts, created_at, "
            + "started_at, "
            + "finished_at";

    static Job of(Row row) {
        return new Job(row.getString("id"), row.getString("tenant_id"), row.getString("type"), row.getString("status"),
                row.getString("connection_id"), row.getString("connection_name"), row.getString("external_id"),
                row.getBoolean("upsert"), row.getLong("total"), row.getLong("processed"), row.getLong("inserted"),
                row.getLong("updated"), row.getLong("failed"), row.getLong("deleted"), row.getString("error"),
                row.getString("lease_owner"), row.getOffsetDateTime("lease_expires_at"), row.getInteger("attempts"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("started_at"),
                row.getOffsetDateTime("finished_at"));
    }

    boolean finished() {
        return COMPLETED.equals(status) || FAILED.equals(status);
    }

    /** Whole percent of the work done: records read (import) or users deleted (deletion). */
    int percentageDone() {
        if (COMPLETED.equals(status)) {
            return 100;
        }
        long done = CONNECTION_DELETION.equals(type) ? deleted : processed;
        if (total == null || total <= 0) {
            return 0;
        }
        return (int) Math.min(99, done * 100 / total);
    }

    /** Remaining work at the rate seen since the job started; null before there is a rate to go by. */
    Long secondsLeft(OffsetDateTime now) {
        if (finished() || startedAt == null || total == null) {
            return finished() ? 0L : null;
        }
        long done = CONNECTION_DELETION.equals(type) ? deleted : processed;
        double elapsed = Math.max(0.001, (now.toInstant().toEpochMilli() - startedAt.toInstant().toEpochMilli()) / 1000d);
        if (done <= 0) {
            return null;
        }
        return (long) Math.ceil(Math.max(0, total - done) / (done / elapsed));
    }
}
