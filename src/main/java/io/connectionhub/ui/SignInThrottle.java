package io.connectionhub.ui;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Brute-force protection of the console sign-in, as for database logins: after {@code max-failures} failed sign-ins
 * for one email from one IP, that pair is blocked for {@code block}. Counters live in PostgreSQL (every replica sees
 * them), and an attempt is counted before its password is checked, in one statement, so concurrent attempts cannot
 * check more passwords than the limit allows; a successful sign-in clears the pair.
 */
@ApplicationScoped
public class SignInThrottle {

    private final Pool pool;
    private final int maxFailures;
    private final Duration block;

    public SignInThrottle(Pool pool, UiConfig config) {
        this.pool = pool;
        this.maxFailures = config.signIn().maxFailures();
        this.block = config.signIn().block();
    }

    /**
     * Counts an attempt for the pair; false when the pair is blocked (then its password must not be checked). The
     * count of a pair whose block or window has passed starts again.
     */
    public Uni<Boolean> admit(String email, String ip) {
        return pool.preparedQuery("INSERT INTO console_sign_in_attempts AS a (email_key, ip, attempts, window_ends_at) "
                + "VALUES (lower($1), $2, 1, now() + $4 * interval '1 millisecond') "
                + "ON CONFLICT (email_key, ip) DO UPDATE SET "
                + "attempts = CASE WHEN a.window_ends_at < now() THEN 1 ELSE a.attempts + 1 END, "
                + "window_ends_at = CASE WHEN a.window_ends_at < now() THEN now() + $4 * interval '1 millisecond' "
                + "WHEN a.attempts + 1 > $3 THEN now() + $4 * interval '1 millisecond' ELSE a.window_ends_at END "
                + "RETURNING attempts")
                .execute(Tuple.of(email, ip, maxFailures, block.toMillis()))
                .map(rows -> rows.iterator().next().getInteger("attempts") <= maxFailures);
    }

    /** A successful sign-in: the pair's failures are forgotten. */
    public Uni<Void> succeeded(String email, String ip) {
        return pool.preparedQuery("DELETE FROM console_sign_in_attempts WHERE email_key = lower($1) AND ip = $2")
                .execute(Tuple.of(email, ip)).replaceWithVoid();
    }

    public Duration block() {
        return block;
    }
}
