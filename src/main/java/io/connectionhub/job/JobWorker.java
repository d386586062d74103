package io.connectionhub.job;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import io.connectionhub.common.DatabaseUnavailable;
import io.connectionhub.common.Ids;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * This replica's job worker: claims due jobs (pending, or abandoned by a dead worker) up to
 * {@code max-concurrent} at a time and runs them. Every replica runs one; the database decides who gets which
 * job. On shutdown it gives its leases back so that another replica resumes at once. It also runs the purges of
 * expired short-lived state ({@link PeriodicPurge}) every {@code purge-interval}.
 */
@ApplicationScoped
public class JobWorker {

    private static final int MAX_ATTEMPTS = 3;
    private static final Duration RETRY_DELAY = Duration.ofSeconds(5);
    /** How soon a job paused by a database outage is due again (claiming it waits for the database anyway). */
    private static final Duration PAUSE_DELAY = Duration.ofMillis(500);
    /** A round of purging stops here and resumes at the next tick, so that it never holds the worker for long. */
    private static final int MAX_PURGED_PER_ROUND = 100_000;

    private final JobRepository jobs;
    private final ConnectionDeletionJob deletions;
    private final UserImportJob imports;
    private final JobEvents events;
    private final JobMetrics metrics;
    private final JobConfig config;
    private final Vertx vertx;
    private final String owner;
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean stopping;
    private volatile long timer = -1;
    private volatile long purgeTimer = -1;
    private final List<PeriodicPurge> purges;
    private final AtomicBoolean purging = new AtomicBoolean();

    public JobWorker(JobRepository jobs, ConnectionDeletionJob deletions, UserImportJob imports, JobEvents events,
            JobMetrics metrics, JobConfig config, Vertx vertx, Instance<PeriodicPurge> purges) {
        this.purges = purges.stream().toList();
        this.jobs = jobs;
        this.deletions = deletions;
        this.imports = imports;
        this.events = events;
        this.metrics = metrics;
        this.config = config;
        this.vertx = vertx;
        this.owner = ownerName();
    }

    /** Who holds a lease: host, process id (so an operator can tell which process to look at) and a nonce. */
    private static String ownerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown";
        }
        return host + ":" + ManagementFactory.getRuntimeMXBean().getPid() + ":" + Ids.alphanumeric("", 6);
    }

    public String owner() {
        return owner;
    }

    void start(@Observes StartupEvent event) {
        if (!config.workerEnabled()) {
            Log.info("Job worker disabled (connectionhub.jobs.worker-enabled=false)");
            return;
        }
        // The worker's own context: woken by a request, it must not run on (and log with the id of) that request's.
        Context context = vertx.getOrCreateContext();
        events.onWake(() -> context.runOnContext(ignored -> poll()));
        context.runOnContext(ignored -> timer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> poll()));
        if (!purges.isEmpty() && config.purgeInterval().toMillis() > 0) {
            context.runOnContext(ignored -> purgeTimer = vertx.setPeriodic(config.purgeInterval().toMillis(),
                    id -> purgeExpired()));
        }
        Log.infof("Job worker %s started", owner);
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (purgeTimer >= 0) {
            vertx.cancelTimer(purgeTimer);
        }
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            // Blocking is fine here: the shutdown thread, not an event loop. Leases given back let another
            // replica take the jobs now instead of when the leases expire.
            Integer released = jobs.releaseLeases(owner).await().atMost(Duration.ofSeconds(5));
            if (released != null && released > 0) {
                Log.infof("Job worker %s released %d lease(s) on shutdown", owner, released);
            }
        }
    }

    /**
     * Runs every purge, one after the other, each until it has deleted less than a batch (nothing more is due), so
     * that a backlog goes in short transactions. One round at a time per replica; a failed round waits for the next.
     */
    void purgeExpired() {
        if (stopping || !purging.compareAndSet(false, true)) {
            return;
        }
        Multi.createFrom().iterable(purges)
                .onItem().transformToUniAndConcatenate(purge -> drain(purge, 0)
                        .onFailure().recoverWithItem(failure -> {
                            Log.warnf("Purge of %s failed: %s", purge.name(), failure.getMessage());
                            return 0;
                        }))
                .collect().last()
                .subscribe().with(ignored -> purging.set(false), failure -> purging.set(false));
    }

    private Uni<Integer> drain(PeriodicPurge purge, int sofar) {
        return purge.purgeExpired().chain(deleted -> deleted > 0 && !stopping && sofar + deleted < MAX_PURGED_PER_ROUND
                ? drain(purge, sofar + deleted) : Uni.createFrom().item(sofar + deleted));
    }

    /** Claims one due job if there is room, runs it, and looks for more. */
    private void poll() {
        if (stopping || running.incrementAndGet() > config.maxConcurrent()) {
            running.decrementAndGet();
            return;
        }
        jobs.claimDue(owner, config.lease().toMillis()).subscribe().with(job -> {
            if (job == null) {
                running.decrementAndGet();
                return;
            }
            events.claimed(job, owner);
            metrics.started(job);
            run(job).eventually(() -> metrics.ended(job))
                    .subscribe().with(finished -> done(finished), failure -> failed(job, failure));
            poll();
        }, failure -> {
            running.decrementAndGet();
            if (!stopping) {
                Log.warnf("Job worker %s could not claim a job: %s", owner, failure.getMessage());
            }
        });
    }

    private Uni<Job> run(Job job) {
        return Job.CONNECTION_DELETION.equals(job.type()) ? deletions.run(job, owner) : imports.run(job, owner);
    }

    private void done(Job finished) {
        running.decrementAndGet();
        events.finished(finished);
        poll();
    }

    /**
     * The database went away under a job (restart, fail-over): not the job's fault, so not one of its attempts. It is
     * handed back, which needs the database too, so that is retried until the lease would have freed it anyway; any
     * worker then resumes it after its last committed batch (progress commits with each batch, so nothing is done
     * twice or skipped).
     */
    private void pause(Job job, Throwable failure) {
        Log.warnf("Job %s paused, the database is unavailable (%s); it resumes once the database is back", job.id(),
                failure.getMessage());
        jobs.retryLater(job.id(), owner, PAUSE_DELAY.toMillis(), true)
                .onFailure().retry().withBackOff(PAUSE_DELAY, PAUSE_DELAY.multipliedBy(4)).expireIn(config.lease().toMillis())
                .subscribe().with(ignored -> {
                    running.decrementAndGet();
                    poll();
                }, error -> running.decrementAndGet());
    }

    private void failed(Job job, Throwable failure) {
        if (failure instanceof LeaseLost) {
            running.decrementAndGet();
            events.leaseLost(job.id(), owner);
            return;
        }
        if (stopping) {
            running.decrementAndGet();
            return;
        }
        if (DatabaseUnavailable.in(failure) != null) {
            pause(job, failure);
            return;
        }
        if (!(failure instanceof ImportFailed) && (Job.CONNECTION_DELETION.equals(job.type()) || job.attempts() < MAX_ATTEMPTS)) {
            // A deletion must finish (its name is held until it does); an import gets a few tries. Both resume where
            // their last committed batch left them.
            Log.errorf(failure, "Job %s (attempt %d) failed; it will be retried", job.id(), job.attempts());
            jobs.retryLater(job.id(), owner, RETRY_DELAY.toMillis(), false).subscribe().with(ignored -> running.decrementAndGet(),
                    error -> running.decrementAndGet());
            return;
        }
        String reason = failure instanceof ImportFailed ? failure.getMessage()
                : "Internal error after " + job.attempts() + " attempts: " + failure.getClass().getSimpleName();
        jobs.fail(job.id(), owner, reason).call(() -> jobs.deleteFile(job.id())).subscribe().with(failedJob -> {
            running.decrementAndGet();
            if (failedJob != null) {
                events.finished(failedJob);
            }
            poll();
        }, error -> {
            running.decrementAndGet();
            Log.errorf(error, "Could not mark job %s failed", job.id());
        });
    }
}
