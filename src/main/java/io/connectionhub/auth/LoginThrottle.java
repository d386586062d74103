package io.connectionhub.auth;

import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Brute-force protection of password sign-ins, per (what is signed in to, user, IP), in PostgreSQL so that every
 * replica counts the same attempts. An attempt is counted <em>before</em> its password is checked ({@link #begin})
 * and forgotten when it succeeds ({@link #succeeded}): counting and reading the count are one statement, so
 * concurrent guesses cannot get more than {@code maxFailures} password checks between two blocks. The pair is
 * blocked from the attempt that reaches {@code maxFailures} until {@code block} has passed.
 */
@ApplicationScoped
public class LoginThrottle {

    /** How many failures a pair may have, and for how long it is blocked then. */
    public record Policy(boolean enabled, int maxFailures, Duration block) {
    }

    /**
     * An attempt as counted: {@code allowed} when its password may be checked; otherwise the pair is blocked until
     * {@code blockedUntil}.
     */
    public record Attempt(boolean allowed, int failures, OffsetDateTime blockedUntil) {
    }

    private static final Attempt UNCOUNTED = new Attempt(true, 0, null);

    private final Pool pool;

    public LoginThrottle(Pool pool) {
        this.pool = pool;
    }

    /**
     * Counts an attempt of {@code subject} (e.g. a lower-cased email) from {@code ip} at {@code scope} (e.g. a
     * connection id), as failed until {@link #succeeded} says otherwise.
     */
    public Uni<Attempt> begin(String scope, String subject, String ip, Policy policy) {
        if (!policy.enabled()) {
            return Uni.createFrom().item(UNCOUNTED);
        }
        return pool.preparedQuery("INSERT INTO login_attempts AS a (scope, subject, ip, failures, blocked_until, updated_at) "
                + "VALUES ($1, $2, $3, 1, CASE WHEN $4::int <= 1 THEN now() + $5::float8 * interval '1 second' END, now()) "
                + "ON CONFLICT (scope, subject, ip) DO UPDATE SET "
                + "failures = CASE WHEN a.blocked_until <= now() THEN 1 ELSE a.failures + 1 END, "
                + "blocked_until = CASE "
                + "WHEN a.blocked_until <= now() THEN (CASE WHEN $4::int <= 1 THEN now() + $5::float8 * interval '1 second' END) "
                + "WHEN a.blocked_until IS NULL AND a.failures + 1 >= $4 THEN now() + $5::float8 * interval '1 second' "
                + "ELSE a.blocked_until END, "
                + "updated_at = now() "
                + "RETURNING failures, blocked_until")
                .execute(Tuple.of(scope, subject, ip, policy.maxFailures(), seconds(policy.block())))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    int failures = row.getInteger("failures");
                    return new Attempt(failures <= policy.maxFailures(), failures, row.getOffsetDateTime("blocked_until"));
                });
    }

    /** The attempt was right: the pair's failures are forgotten. */
    public Uni<Void> succeeded(String scope, String subject, String ip) {
        return pool.preparedQuery("DELETE FROM login_attempts WHERE scope = $1 AND subject = $2 AND ip = $3")
                .execute(Tuple.of(scope, subject, ip)).replaceWithVoid();
    }

    /**
     * Forgets pairs whose block has passed, and counts not touched for {@code idle}; at most {@code limit} rows per
     * call. How many went.
     */
    public Uni<Integer> purge(Duration idle, int limit) {
        return pool.preparedQuery("DELETE FROM login_attempts WHERE ctid IN (SELECT ctid FROM login_attempts "
                + "WHERE blocked_until <= now() OR (blocked_until IS NULL AND updated_at < now() - $1::float8 * interval "
                + "'1 second') LIMIT $2)")
                .execute(Tuple.of(seconds(idle), limit)).map(rows -> rows.rowCount());
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
