package io.connectionhub.ui;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Console sessions by the digest of their secret. */
@ApplicationScoped
public class ConsoleSessionRepository {

    private final Pool pool;

    public ConsoleSessionRepository(Pool pool) {
        this.pool = pool;
    }

    Uni<Void> insert(String secretHash, String tenantId, String memberId, String email, Duration lifetime) {
        return pool.preparedQuery("INSERT INTO console_sessions (secret_hash, tenant_id, member_id, member_email, "
                + "expires_at) VALUES ($1, $2, $3, $4, now() + $5 * interval '1 millisecond')")
                .execute(Tuple.of(secretHash, tenantId, memberId, email, lifetime.toMillis())).replaceWithVoid();
    }

    /** The live session with this digest (one primary-key read), or null. */
    Uni<ConsoleMember> findLive(String secretHash) {
        return pool.preparedQuery("SELECT tenant_id, member_id, member_email FROM console_sessions WHERE secret_hash = $1 "
                + "AND expires_at > now()").execute(Tuple.of(secretHash)).map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new ConsoleMember(row.getString("tenant_id"), row.getString("member_id"),
                            row.getString("member_email"), secretHash);
                });
    }

    Uni<Void> delete(String secretHash) {
        return pool.preparedQuery("DELETE FROM console_sessions WHERE secret_hash = $1").execute(Tuple.of(secretHash))
                .replaceWithVoid();
    }

    /** Removes up to {@code limit} expired sessions; how many went. */
    public Uni<Integer> purgeExpired(int limit) {
        return pool.preparedQuery("DELETE FROM console_sessions WHERE secret_hash IN (SELECT secret_hash FROM "
                + "console_sessions WHERE expires_at < now() LIMIT $1)").execute(Tuple.of(limit))
                .map(rows -> rows.rowCount());
    }
}
