package io.connectionhub.ui;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.connectionhub.setup.SetupLinkRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Every ten minutes, each replica deletes the console and portal sessions that have expired and the sign-in attempt
 * counters whose window has passed (idempotent statements, so replicas doing it at once do no harm).
 */
@ApplicationScoped
public class ExpiredSessionsPurge {

    static final long EVERY_MILLIS = 10 * 60 * 1000L;

    private final ConsoleSessionRepository consoleSessions;
    private final SetupLinkRepository setupLinks;
    private final Pool pool;

    public ExpiredSessionsPurge(ConsoleSessionRepository consoleSessions, SetupLinkRepository setupLinks, Pool pool) {
        this.consoleSessions = consoleSessions;
        this.setupLinks = setupLinks;
        this.pool = pool;
    }

    void start(@Observes StartupEvent started, Vertx vertx) {
        vertx.setPeriodic(EVERY_MILLIS, id -> purge().subscribe().with(
                removed -> Log.debugf("Purged %d expired console and portal sessions", removed),
                failure -> Log.warnf("Purging expired sessions failed: %s", failure.getMessage())));
    }

    /** How many sessions and counters went. */
    Uni<Integer> purge() {
        return consoleSessions.purgeExpired()
                .chain(console -> setupLinks.purgeExpiredSessions().map(setup -> console + setup))
                .chain(sessions -> pool.query("DELETE FROM console_sign_in_attempts WHERE window_ends_at < now()")
                        .execute().map(rows -> sessions + rows.rowCount()));
    }
}
