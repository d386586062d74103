package io.connectionhub.job;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The job worker's knobs. */
@ConfigMapping(prefix = "connectionhub.jobs")
public interface JobConfig {

    /** Whether this replica's worker claims jobs (an API-only replica can turn it off). */
    @WithDefault("true")
    boolean workerEnabled();

    /** How often an idle worker looks for due jobs. */
    @WithDefault("1s")
    Duration pollInterval();

    /** How long a claimed job stays this worker's without a renewal; a dead worker's job is taken over after it. */
    @WithDefault("30s")
    Duration lease();

    /** Jobs one replica runs at once. */
    @WithDefault("2")
    int maxConcurrent();

    /**
     * Users deleted per purge transaction. Small batches with a pause keep a large purge from holding a core for
     * long stretches: on 2 cores, 5,000 with 10 ms purged 1,000,000 users in 14 s but let the p99 of concurrent
     * reads reach 78 ms; 1,000 with 20 ms takes 35 s and keeps it at 16 ms (docs/benchmarks.md).
     */
    @WithDefault("1000")
    int purgeBatchSize();

    /** Pause between purge transactions, so that a large purge leaves the API its share of the database. */
    @WithDefault("20ms")
    Duration purgePause();

    /** A connection with at most this many users is purged inside the DELETE request; its name is free at once. */
    @WithDefault("1000")
    int inlinePurgeThreshold();

    /** Users written per import transaction. */
    @WithDefault("5000")
    int importBatchSize();

    /** How often each replica deletes expired sign-in state ({@link PeriodicPurge}); 0 turns it off. */
    @WithDefault("60s")
    Duration purgeInterval();

    /** Size of the pieces an import file is stored in. */
    @WithDefault("1M")
    MemorySize fileChunkSize();
}
