package io.connectionhub.job;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Job metrics at /q/metrics, tagged by job type only (two values): queued jobs and the age of the oldest one
 * (read from the database every few seconds, so a scrape never waits on it), jobs running on this replica,
 * rows processed, and the rows per second of the latest batch.
 */
@ApplicationScoped
public class JobMetrics {

    private static final List<String> TYPES = List.of(Job.USERS_IMPORT, Job.CONNECTION_DELETION);
    private static final long REFRESH_MILLIS = 5_000;

    private final MeterRegistry registry;
    private final Pool pool;
    private final Vertx vertx;
    private final Map<String, AtomicLong> queued = Map.of(Job.USERS_IMPORT, new AtomicLong(), Job.CONNECTION_DELETION, new AtomicLong());
    private final Map<String, AtomicLong> running = Map.of(Job.USERS_IMPORT, new AtomicLong(), Job.CONNECTION_DELETION, new AtomicLong());
    private final Map<String, AtomicLong> rowsPerSecond = Map.of(Job.USERS_IMPORT, new AtomicLong(), Job.CONNECTION_DELETION, new AtomicLong());
    private final AtomicLong oldestPendingSeconds = new AtomicLong();
    private final Map<String, Counter> rows;

    public JobMetrics(MeterRegistry registry, Pool pool, Vertx vertx) {
        this.registry = registry;
        this.pool = pool;
        this.vertx = vertx;
        this.rows = Map.of(
                Job.USERS_IMPORT, Counter.builder("connectionhub.jobs.rows.processed").tag("type", Job.USERS_IMPORT)
                        .description("Users written or refused by imports").register(registry),
                Job.CONNECTION_DELETION, Counter.builder("connectionhub.jobs.rows.processed")
                        .tag("type", Job.CONNECTION_DELETION).description("Users deleted by purges").register(registry));
    }

    void register(@Observes StartupEvent event) {
        for (String type : TYPES) {
            Gauge.builder("connectionhub.jobs.queued", queued.get(type), AtomicLong::get).tag("type", type)
                    .description("Jobs waiting for a worker (all replicas)").register(registry);
            Gauge.builder("connectionhub.jobs.running", running.get(type), AtomicLong::get).tag("type", type)
                    .description("Jobs this replica is running").register(registry);
            Gauge.builder("connectionhub.jobs.rows.per.second", rowsPerSecond.get(type), AtomicLong::get).tag("type", type)
                    .description("Rows per second of the latest batch").register(registry);
        }
        Gauge.builder("connectionhub.jobs.oldest.pending.age.seconds", oldestPendingSeconds, AtomicLong::get)
                .description("Age of the oldest job still waiting for a worker (all replicas)").register(registry);
        vertx.setPeriodic(0, REFRESH_MILLIS, id -> refresh());
    }

    private void refresh() {
        pool.query("SELECT type, count(*) AS n, coalesce(extract(epoch FROM now() - min(created_at)), 0)::bigint AS age "
                + "FROM jobs WHERE status = 'pending' GROUP BY type").execute().subscribe().with(result -> {
                    long oldest = 0;
                    TYPES.forEach(type -> queued.get(type).set(0));
                    for (var row : result) {
                        AtomicLong gauge = queued.get(row.getString("type"));
                        if (gauge != null) {
                            gauge.set(row.getLong("n"));
                        }
                        oldest = Math.max(oldest, row.getLong("age"));
                    }
                    oldestPendingSeconds.set(oldest);
                }, failure -> {
                    // the database is unreachable for now; the readiness check says so, the gauges keep their values
                });
    }

    void started(Job job) {
        running.get(job.type()).incrementAndGet();
    }

    void ended(Job job) {
        running.get(job.type()).decrementAndGet();
    }

    /** A batch of {@code count} rows took {@code nanos}. */
    void batch(String type, long count, long nanos) {
        rows.get(type).increment(count);
        rowsPerSecond.get(type).set(nanos <= 0 ? 0 : count * 1_000_000_000L / nanos);
    }
}
