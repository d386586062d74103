package io.connectionhub.job;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.connectionhub.common.Ids;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The jobs, their stored import files and per-user errors. Plain SQL through the reactive client: claiming
 * with {@code FOR UPDATE SKIP LOCKED} and leases are row-level locking, not an ORM's business.
 */
@ApplicationScoped
public class JobRepository {

    private final Pool pool;

    public JobRepository(Pool pool) {
        this.pool = pool;
    }

    public static String newId() {
        return Ids.alphanumeric("job_", 16);
    }

    Uni<Void> insert(SqlClient client, String id, String tenantId, String type, String status, String connectionId,
            String connectionName, String externalId, boolean upsert, Long total, long deleted) {
        return client.preparedQuery("INSERT INTO jobs (id, tenant_id, type, status, connection_id, connection_name, "
                + "external_id, upsert, total, deleted, processed, finished_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                + "$10, $10, CASE WHEN $4 = 'completed' THEN now() END)")
                .execute(Tuple.tuple().addString(id).addString(tenantId).addString(type).addString(status)
                        .addString(connectionId).addString(connectionName).addString(externalId).addBoolean(upsert)
                        .addLong(total).addLong(deleted))
                .replaceWithVoid();
    }

    Uni<Void> insertFileChunk(SqlClient client, String jobId, int seq, Buffer data) {
        return client.preparedQuery("INSERT INTO job_file_chunks (job_id, seq, data) VALUES ($1, $2, $3)")
                .execute(Tuple.tuple().addString(jobId).addInteger(seq).addBuffer(data)).replaceWithVoid();
    }

    Uni<Integer> fileChunkCount(String jobId) {
        return pool.preparedQuery("SELECT count(*) AS n FROM job_file_chunks WHERE job_id = $1").execute(Tuple.of(jobId))
                .map(rows -> rows.iterator().next().getInteger("n"));
    }

    Uni<Buffer> fileChunk(String jobId, int seq) {
        return pool.preparedQuery("SELECT data FROM job_file_chunks WHERE job_id = $1 AND seq = $2")
                .execute(Tuple.of(jobId, seq)).map(rows -> rows.iterator().next().getBuffer("data"));
    }

    public Uni<Job> findInTenant(String tenantId, String id) {
        return pool.preparedQuery("SELECT " + Job.COLUMNS + " FROM jobs WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id)).map(JobRepository::first);
    }

    Uni<Job> find(String id) {
        return pool.preparedQuery("SELECT " + Job.COLUMNS + " FROM jobs WHERE id = $1").execute(Tuple.of(id))
                .map(JobRepository::first);
    }

    /**
     * Claims the oldest due job: pending, or processing under an expired lease (its worker died). Skips rows
     * another worker is claiming this instant, so replicas never take the same job.
     */
    Uni<Job> claimDue(String owner, long leaseMillis) {
        return pool.preparedQuery("UPDATE jobs SET status = 'processing', lease_owner = $1, "
                + "lease_expires_at = now() + $2 * interval '1 millisecond', attempts = attempts + 1, "
                + "started_at = coalesce(started_at, now()), updated_at = now() "
                + "WHERE id = (SELECT id FROM jobs WHERE status IN ('pending', 'processing') "
                + "AND (lease_expires_at IS NULL OR lease_expires_at < now()) ORDER BY created_at "
                + "FOR UPDATE SKIP LOCKED LIMIT 1) RETURNING " + Job.COLUMNS)
                .execute(Tuple.of(owner, leaseMillis)).map(JobRepository::first);
    }

    /**
     * First statement of every batch transaction: renews the lease and locks the job row, or fails with
     * {@link LeaseLost} so the batch changes nothing when another worker has taken the job over.
     */
    Uni<Job> renewLease(SqlConnection tx, String id, String owner, long leaseMillis) {
        return relaxedCommit(tx).chain(() -> tx.preparedQuery("UPDATE jobs SET lease_expires_at = now() + $3 * interval '1 millisecond', "
                + "updated_at = now() WHERE id = $1 AND lease_owner = $2 AND status = 'processing' RETURNING " + Job.COLUMNS)
                .execute(Tuple.of(id, owner, leaseMillis)).map(rows -> {
                    Job job = first(rows);
                    if (job == null) {
                        throw new LeaseLost(id);
                    }
                    return job;
                }));
    }

    /**
     * A job's batch does not wait for its commit to reach disk: were the database to crash, the few batches lost
     * take their progress counter with them (same transaction), so the job simply redoes them.
     */
    private static Uni<Void> relaxedCommit(SqlConnection tx) {
        return tx.query("SET LOCAL synchronous_commit = off").execute().replaceWithVoid();
    }

    Uni<Void> setTotal(String id, String owner, long total) {
        return pool.preparedQuery("UPDATE jobs SET total = $3 WHERE id = $1 AND lease_owner = $2")
                .execute(Tuple.of(id, owner, total)).replaceWithVoid();
    }

    Uni<Void> recordImportProgress(SqlConnection tx, String id, long processed, long inserted, long updated, long failed) {
        return tx.preparedQuery("UPDATE jobs SET processed = $2, inserted = inserted + $3, updated = updated + $4, "
                + "failed = failed + $5 WHERE id = $1")
                .execute(Tuple.of(id, processed, inserted, updated, failed)).replaceWithVoid();
    }

    Uni<Void> recordDeleted(SqlConnection tx, String id, long deleted) {
        return tx.preparedQuery("UPDATE jobs SET deleted = deleted + $2, processed = processed + $2 WHERE id = $1")
                .execute(Tuple.of(id, deleted)).replaceWithVoid();
    }

    Uni<Void> insertErrors(SqlConnection tx, String jobId, List<Long> seqs, List<String> entries, List<String> errors) {
        if (seqs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("INSERT INTO job_errors (job_id, seq, user_entry, errors) "
                + "SELECT $1, s, u::jsonb, e::jsonb FROM unnest($2::bigint[], $3::text[], $4::text[]) AS t(s, u, e) "
                + "ON CONFLICT DO NOTHING")
                .execute(Tuple.of(jobId, seqs.toArray(new Long[0]), entries.toArray(new String[0]),
                        errors.toArray(new String[0])))
                .replaceWithVoid();
    }

    Uni<Job> complete(SqlClient client, String id, String owner) {
        return client.preparedQuery("UPDATE jobs SET status = 'completed', finished_at = now(), updated_at = now(), "
                + "lease_owner = NULL, lease_expires_at = NULL WHERE id = $1 AND lease_owner = $2 AND status = 'processing' "
                + "RETURNING " + Job.COLUMNS)
                .execute(Tuple.of(id, owner)).map(rows -> {
                    Job job = first(rows);
                    if (job == null) {
                        throw new LeaseLost(id);
                    }
                    return job;
                });
    }

    Uni<Job> fail(String id, String owner, String error) {
        return pool.preparedQuery("UPDATE jobs SET status = 'failed', error = $3, finished_at = now(), updated_at = now(), "
                + "lease_owner = NULL, lease_expires_at = NULL WHERE id = $1 AND lease_owner = $2 AND status = 'processing' "
                + "RETURNING " + Job.COLUMNS)
                .execute(Tuple.of(id, owner, error)).map(JobRepository::first);
    }

    /**
     * Hands the job back for another attempt after {@code delayMillis} (a transient failure); {@code notAnAttempt}
     * gives back the attempt its claim counted (the database, not the job, failed).
     */
    Uni<Void> retryLater(String id, String owner, long delayMillis, boolean notAnAttempt) {
        return pool.preparedQuery("UPDATE jobs SET lease_owner = NULL, lease_expires_at = now() + $3 * interval '1 millisecond', "
                + "attempts = attempts - CASE WHEN $4 THEN 1 ELSE 0 END "
                + "WHERE id = $1 AND lease_owner = $2 AND status = 'processing'")
                .execute(Tuple.of(id, owner, delayMillis, notAnAttempt)).replaceWithVoid();
    }

    Uni<Void> deleteFile(String jobId) {
        return pool.preparedQuery("DELETE FROM job_file_chunks WHERE job_id = $1").execute(Tuple.of(jobId)).replaceWithVoid();
    }

    /**
     * Gives up this worker's leases at once (graceful shutdown), so another replica resumes without waiting. The
     * owner goes too: a batch of this worker still running finds it gone at its next lease renewal and stops (one
     * already inside its transaction holds the job row, so this waits for it to commit).
     */
    public Uni<Integer> releaseLeases(String owner) {
        return pool.preparedQuery("UPDATE jobs SET lease_owner = NULL, lease_expires_at = now() WHERE lease_owner = $1 "
                + "AND status = 'processing'")
                .execute(Tuple.of(owner)).map(RowSet::rowCount);
    }

    /** Whether the tenant ever started deleting this connection. */
    Uni<Boolean> deletionExists(String tenantId, String connectionId) {
        return pool.preparedQuery("SELECT 1 FROM jobs WHERE tenant_id = $1 AND connection_id = $2 "
                + "AND type = 'connection_deletion' LIMIT 1")
                .execute(Tuple.of(tenantId, connectionId)).map(rows -> rows.size() > 0);
    }

    /** The running deletion of the connection that holds {@code name} in the tenant, if any. */
    Uni<Job> runningDeletionHolding(String tenantId, String name) {
        return pool.preparedQuery("SELECT " + prefixed("j") + " FROM connections c JOIN jobs j ON j.connection_id = c.id "
                + "AND j.type = 'connection_deletion' AND j.status IN ('pending', 'processing') "
                + "WHERE c.tenant_id = $1 AND lower(c.name) = lower($2) AND c.state = 'deleting'")
                .execute(Tuple.of(tenantId, name)).map(JobRepository::first);
    }

    /** The running deletions of these connections of the tenant (the partial unique index has at most one each). */
    Uni<List<Job>> runningDeletionsOf(String tenantId, List<String> connectionIds) {
        return pool.preparedQuery("SELECT " + Job.COLUMNS + " FROM jobs WHERE connection_id = ANY($2) "
                + "AND type = 'connection_deletion' AND status IN ('pending', 'processing') AND tenant_id = $1")
                .execute(Tuple.of(tenantId, connectionIds.toArray(new String[0]))).map(JobRepository::all);
    }

    /** The tenant's jobs, newest first, after the job created at {@code before} with id {@code beforeId} (keyset). */
    Uni<List<Job>> newestFirst(String tenantId, java.time.OffsetDateTime before, String beforeId, int size) {
        if (before == null) {
            return pool.preparedQuery("SELECT " + Job.COLUMNS + " FROM jobs WHERE tenant_id = $1 "
                    + "ORDER BY created_at DESC, id DESC LIMIT $2").execute(Tuple.of(tenantId, size))
                    .map(JobRepository::all);
        }
        return pool.preparedQuery("SELECT " + Job.COLUMNS + " FROM jobs WHERE tenant_id = $1 AND (created_at, id) < ($2, $3) "
                + "ORDER BY created_at DESC, id DESC LIMIT $4").execute(Tuple.of(tenantId, before, beforeId, size))
                .map(JobRepository::all);
    }

    /** Per-user errors of an import, in file order. */
    Uni<List<Row>> errors(String jobId, int limit) {
        return pool.preparedQuery("SELECT user_entry::text AS user_entry, errors::text AS errors FROM job_errors "
                + "WHERE job_id = $1 ORDER BY seq LIMIT $2")
                .execute(Tuple.of(jobId, limit)).map(rows -> {
                    List<Row> list = new ArrayList<>();
                    rows.forEach(list::add);
                    return list;
                });
    }

    Uni<Long> countDue() {
        return pool.query("SELECT count(*) AS n FROM jobs WHERE status IN ('pending', 'processing')").execute()
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    private static String prefixed(String alias) {
        StringBuilder columns = new StringBuilder();
        for (String column : Job.COLUMNS.split(",\\s*")) {
            if (columns.length() > 0) {
                columns.append(", ");
            }
            columns.append(alias).append('.').append(column);
        }
        return columns.toString();
    }

    private static List<Job> all(RowSet<Row> rows) {
        List<Job> list = new ArrayList<>(rows.size());
        rows.forEach(row -> list.add(Job.of(row)));
        return list;
    }

    private static Job first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? Job.of(iterator.next()) : null;
    }
}
