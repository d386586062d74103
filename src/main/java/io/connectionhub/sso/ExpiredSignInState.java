package io.connectionhub.sso;

import jakarta.enterprise.context.ApplicationScoped;

import io.connectionhub.auth.LoginThrottle;
import io.connectionhub.job.PeriodicPurge;
import io.smallrye.mutiny.Uni;

/**
 * Deletes the sign-in state nothing can use any more, a bounded batch of each kind per call: expired pending requests,
 * codes that expired unused or whose access token expired, brute-force counts whose block has passed or that were
 * idle for a day, test sign-in results that expired unread, and log events older than
 * {@code connectionhub.sso.log-retention}.
 */
@ApplicationScoped
public class ExpiredSignInState implements PeriodicPurge {

    static final int BATCH = 1000;
    private static final java.time.Duration IDLE_COUNTS = java.time.Duration.ofDays(1);

    private final PendingRequestRepository requests;
    private final AuthorizationCodeRepository codes;
    private final LoginThrottle throttle;
    private final SignInEventRepository events;
    private final TestResults tests;
    private final SsoConfig config;

    public ExpiredSignInState(PendingRequestRepository requests, AuthorizationCodeRepository codes,
            LoginThrottle throttle, SignInEventRepository events, TestResults tests, SsoConfig config) {
        this.requests = requests;
        this.codes = codes;
        this.throttle = throttle;
        this.events = events;
        this.tests = tests;
        this.config = config;
    }

    @Override
    public String name() {
        return "expired sign-in state";
    }

    @Override
    public Uni<Integer> purgeExpired() {
        return requests.purgeExpired(BATCH)
                .chain(a -> codes.purgeExpired(BATCH).map(b -> a + b))
                .chain(ab -> throttle.purge(IDLE_COUNTS, BATCH).map(c -> ab + c))
                .chain(abc -> tests.purgeExpired(BATCH).map(t -> abc + t))
                .chain(abc -> events.purgeOlderThan(config.logRetention(), BATCH).map(d -> abc + d));
    }
}
