package io.connectionhub.saml;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.connectionhub.job.PeriodicPurge;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The replay table of SAML assertions: an assertion id is accepted once per connection, in PostgreSQL so that every
 * replica sees it, and remembered until its NotOnOrAfter plus the clock skew; then purged.
 */
@ApplicationScoped
public class SamlReplays implements PeriodicPurge {

    static final int BATCH = 1000;

    private final Pool pool;

    public SamlReplays(Pool pool) {
        this.pool = pool;
    }

    /**
     * Records the assertion id through {@code client}, a sign-in's finishing transaction; false when the connection
     * has already accepted it (a replay). A second use of the id waits for the first transaction and then is a replay
     * (or the first use, if that transaction rolled back).
     */
    public Uni<Boolean> firstUse(SqlClient client, String connectionId, String assertionId, Instant keepUntil) {
        return client.preparedQuery("INSERT INTO saml_assertion_replays (connection_id, assertion_id, expires_at) "
                + "VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(connectionId, assertionId, OffsetDateTime.ofInstant(keepUntil, ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }

    @Override
    public String name() {
        return "SAML replay table";
    }

    @Override
    public Uni<Integer> purgeExpired() {
        return pool.preparedQuery("DELETE FROM saml_assertion_replays WHERE ctid IN (SELECT ctid FROM "
                + "saml_assertion_replays WHERE expires_at < now() LIMIT $1)").execute(Tuple.of(BATCH))
                .map(rows -> rows.rowCount());
    }
}
