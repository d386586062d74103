package io.connectionhub.job;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.connectionhub.common.NotFound;
import io.connectionhub.common.Timestamps;
import io.connectionhub.connection.ConnectionDeletions;
import io.connectionhub.connection.ConnectionLifecycle;
import io.connectionhub.connection.ConnectionNameTaken;
import io.connectionhub.connection.DeletionStarted;
import io.connectionhub.user.UserService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Deleting a connection. The request marks it {@code deleting} and records the job in one transaction; a small
 * connection is purged right there, so its name is free when the 202 goes out. A large one is purged by the
 * worker in short, throttled transactions, and its row goes last: until then the row's unique name index keeps
 * the name taken for every replica, across restarts.
 */
@ApplicationScoped
public class ConnectionDeletionJob implements ConnectionDeletions {

    private final Pool pool;
    private final JobRepository jobs;
    private final ConnectionLifecycle connections;
    private final UserService users;
    private final JobConfig config;
    private final JobEvents events;
    private final JobMetrics metrics;

    public ConnectionDeletionJob(Pool pool, JobRepository jobs, ConnectionLifecycle connections, UserService users,
            JobConfig config, JobEvents events, JobMetrics metrics) {
        this.pool = pool;
        this.jobs = jobs;
        this.connections = connections;
        this.users = users;
        this.config = config;
        this.events = events;
        this.metrics = metrics;
    }

    @Override
    public Uni<DeletionStarted> start(String tenantId, String connectionId) {
        String jobId = JobRepository.newId();
        int threshold = config.inlinePurgeThreshold();
        return pool.withTransaction(tx -> connections.markDeleting(tx, tenantId, connectionId).chain(connection -> {
            if (connection == null) {
                throw new NotFound(NotFound.Kind.CONNECTION, "The connection does not exist");
            }
            return users.countUpTo(tx, connection.id(), threshold + 1L).chain(count -> {
                if (count > threshold) {
                    return jobs.insert(tx, jobId, tenantId, Job.CONNECTION_DELETION, Job.PENDING, connection.id(),
                            connection.name(), null, false, null, 0).replaceWith(false);
                }
                return users.purgeBatch(tx, connection.id(), threshold + 1)
                        .chain(deleted -> connections.remove(tx, connection.id())
                                .chain(() -> jobs.insert(tx, jobId, tenantId, Job.CONNECTION_DELETION, Job.COMPLETED,
                                        connection.id(), connection.name(), null, false, (long) deleted, deleted)))
                        .replaceWith(true);
            });
        })).chain(purgedInline -> jobs.find(jobId).invoke(job -> {
            events.created(job);
            if (!purgedInline) {
                events.wakeWorkers();
            }
        })).map(job -> new DeletionStarted(Timestamps.format(job.createdAt()), jobId));
    }

    @Override
    public Uni<Boolean> started(String tenantId, String connectionId) {
        return jobs.deletionExists(tenantId, connectionId);
    }

    @Override
    public Uni<ConnectionNameTaken.PendingDeletion> pendingFor(String tenantId, String name) {
        return jobs.runningDeletionHolding(tenantId, name).map(job -> job == null ? null
                : new ConnectionNameTaken.PendingDeletion(job.id(), job.percentageDone(), retryAfterSeconds(job)));
    }

    @Override
    public Uni<java.util.Map<String, ConnectionNameTaken.PendingDeletion>> running(String tenantId,
            java.util.List<String> connectionIds) {
        if (connectionIds.isEmpty()) {
            return Uni.createFrom().item(java.util.Map.of());
        }
        return jobs.runningDeletionsOf(tenantId, connectionIds).map(found -> {
            java.util.Map<String, ConnectionNameTaken.PendingDeletion> byConnection = new java.util.HashMap<>();
            for (Job job : found) {
                byConnection.put(job.connectionId(), new ConnectionNameTaken.PendingDeletion(job.id(),
                        job.percentageDone(), retryAfterSeconds(job)));
            }
            return byConnection;
        });
    }

    /** When the name is likely free: the remaining users at the rate seen so far, or at the configured pace. */
    long retryAfterSeconds(Job job) {
        Long left = job.secondsLeft(OffsetDateTime.now(ZoneOffset.UTC));
        if (left == null) {
            long remaining = job.total() == null ? config.purgeBatchSize() : Math.max(0, job.total() - job.deleted());
            double perBatchSeconds = config.purgePause().toMillis() / 1000d + 0.05;
            left = (long) Math.ceil(remaining / (double) config.purgeBatchSize() * perBatchSeconds);
        }
        return Math.max(1, Math.min(3600, left));
    }

    /** The worker's part: count once, purge batch by batch, then drop the row that held the name. */
    Uni<Job> run(Job job, String owner) {
        long lease = config.lease().toMillis();
        Uni<Void> counted = job.total() != null ? Uni.createFrom().voidItem()
                : users.count(job.connectionId()).chain(total -> jobs.setTotal(job.id(), owner, total + job.deleted()));
        return counted.chain(() -> purge(job, owner, lease));
    }

    /** Short transactions, each renewing the lease, until no user is left; then the row goes, freeing the name. */
    private Uni<Job> purge(Job job, String owner, long lease) {
        Uni<Integer> batch = Uni.createFrom().deferred(() -> {
            long started = System.nanoTime();
            return pool.withTransaction(tx -> jobs.renewLease(tx, job.id(), owner, lease)
                    .chain(() -> users.purgeBatch(tx, job.connectionId(), config.purgeBatchSize()))
                    .call(deleted -> deleted > 0 ? jobs.recordDeleted(tx, job.id(), deleted) : Uni.createFrom().voidItem()))
                    .invoke(deleted -> metrics.batch(Job.CONNECTION_DELETION, deleted, System.nanoTime() - started));
        })
                .call(deleted -> deleted > 0 ? Uni.createFrom().voidItem().onItem().delayIt().by(config.purgePause())
                        : Uni.createFrom().voidItem());
        return Multi.createBy().repeating().uni(() -> batch).until(deleted -> deleted == 0)
                .collect().last()
                .chain(() -> pool.withTransaction(tx -> jobs.renewLease(tx, job.id(), owner, lease)
                        .chain(() -> connections.remove(tx, job.connectionId()))
                        .chain(() -> jobs.complete(tx, job.id(), owner))));
    }
}
