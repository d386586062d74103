package io.connectionhub.job;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;

/**
 * One log line per job state change (id, type, tenant, counts, duration), and the nudge that makes this
 * replica's worker look for work at once instead of at its next poll.
 */
@ApplicationScoped
public class JobEvents {

    private volatile Runnable waker = () -> {
    };

    void onWake(Runnable waker) {
        this.waker = waker;
    }

    void wakeWorkers() {
        waker.run();
    }

    void created(Job job) {
        log(job, "created");
    }

    void claimed(Job job, String owner) {
        log(job, "claimed by " + owner + (job.processed() > 0 || job.deleted() > 0 ? " (resuming)" : ""));
    }

    void finished(Job job) {
        log(job, job.status());
    }

    void leaseLost(String jobId, String owner) {
        Log.infof("Job %s: %s lost its lease; another worker has the job", jobId, owner);
    }

    private static void log(Job job, String what) {
        String counts = Job.CONNECTION_DELETION.equals(job.type())
                ? "deleted=" + job.deleted() + " total=" + job.total()
                : "processed=" + job.processed() + " inserted=" + job.inserted() + " updated=" + job.updated()
                        + " failed=" + job.failed() + " total=" + job.total();
        OffsetDateTime since = job.startedAt() != null ? job.startedAt() : job.createdAt();
        OffsetDateTime until = job.finishedAt() != null ? job.finishedAt() : OffsetDateTime.now(ZoneOffset.UTC);
        String duration = since == null ? "-" : Duration.between(since, until).toMillis() + "ms";
        Log.infof("Job %s %s %s: tenant=%s connection=%s status=%s %s duration=%s%s", job.id(), job.type(), what,
                job.tenantId(), job.connectionId(), job.status(), counts, duration,
                job.error() == null ? "" : " error=\"" + job.error() + "\"");
    }
}
