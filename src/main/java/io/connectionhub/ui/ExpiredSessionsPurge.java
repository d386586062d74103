package io.connectionhub.ui;

import jakarta.enterprise.context.ApplicationScoped;

import io.connectionhub.job.PeriodicPurge;
import io.connectionhub.setup.SetupLinkRepository;
import io.smallrye.mutiny.Uni;

/**
 * Expired console and portal sessions, deleted by every replica's job worker at its purge interval (the console's
 * sign-in counters live in the shared brute-force table, which the sign-in core purges).
 */
@ApplicationScoped
public class ExpiredSessionsPurge implements PeriodicPurge {

    static final int BATCH = 1000;

    private final ConsoleSessionRepository consoleSessions;
    private final SetupLinkRepository setupLinks;

    public ExpiredSessionsPurge(ConsoleSessionRepository consoleSessions, SetupLinkRepository setupLinks) {
        this.consoleSessions = consoleSessions;
        this.setupLinks = setupLinks;
    }

    @Override
    public String name() {
        return "expired console and portal sessions";
    }

    @Override
    public Uni<Integer> purgeExpired() {
        return consoleSessions.purgeExpired(BATCH)
                .chain(console -> setupLinks.purgeExpiredSessions(BATCH).map(setup -> console + setup));
    }
}
