package io.connectionhub.setup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** Setup links and portal sessions; every read of a link is scoped by tenant and organization, or by a secret. */
@ApplicationScoped
public class SetupLinkRepository {

    private final Pool pool;

    public SetupLinkRepository(Pool pool) {
        this.pool = pool;
    }

    /** Inserts a link; an unknown organization of the tenant fails on the foreign key. */
    Uni<SetupLink> insert(String id, String tenantId, String organizationId, String tokenHash, List<String> intents,
            String returnUrl, int maxOpens, String spToken, Duration ttl) {
        return pool.preparedQuery("INSERT INTO setup_links (id, tenant_id, organization_id, token_hash, intents, return_url, "
                + "max_opens, sp_token, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now() + $9 * interval '1 second') "
                + "RETURNING " + SetupLink.COLUMNS)
                .execute(Tuple.tuple().addString(id).addString(tenantId).addString(organizationId).addString(tokenHash)
                        .addArrayOfString(intents.toArray(new String[0])).addString(returnUrl).addInteger(maxOpens)
                        .addString(spToken).addLong(ttl.toSeconds()))
                .map(SetupLinkRepository::first);
    }

    Uni<List<SetupLink>> listFor(String tenantId, String organizationId) {
        return pool.preparedQuery("SELECT " + SetupLink.COLUMNS + " FROM setup_links WHERE tenant_id = $1 "
                + "AND organization_id = $2 ORDER BY seq DESC LIMIT 100").execute(Tuple.of(tenantId, organizationId))
                .map(SetupLinkRepository::all);
    }

    Uni<SetupLink> find(String tenantId, String organizationId, String id) {
        return pool.preparedQuery("SELECT " + SetupLink.COLUMNS + " FROM setup_links WHERE tenant_id = $1 "
                + "AND organization_id = $2 AND id = $3").execute(Tuple.of(tenantId, organizationId, id))
                .map(SetupLinkRepository::first);
    }

    Uni<SetupLink> revoke(String tenantId, String organizationId, String id) {
        return pool.preparedQuery("UPDATE setup_links SET revoked_at = coalesce(revoked_at, now()) WHERE tenant_id = $1 "
                + "AND organization_id = $2 AND id = $3 RETURNING " + SetupLink.COLUMNS)
                .execute(Tuple.of(tenantId, organizationId, id)).map(SetupLinkRepository::first);
    }

    /**
     * Counts one opening of the link with this token digest and starts a portal session for it, in one transaction;
     * null when the link is unknown, revoked, completed, expired or opened as often as it may be. The conditional
     * UPDATE makes the cap hold under concurrent openings.
     */
    Uni<SetupLink> open(String tokenHash, String sessionHash, Duration sessionLifetime) {
        return pool.withTransaction(tx -> tx.preparedQuery("UPDATE setup_links SET opens = opens + 1, "
                + "opened_at = coalesce(opened_at, now()) WHERE token_hash = $1 AND revoked_at IS NULL "
                + "AND completed_at IS NULL AND expires_at > now() AND opens < max_opens RETURNING " + SetupLink.COLUMNS)
                .execute(Tuple.of(tokenHash)).chain(rows -> {
                    SetupLink link = first(rows);
                    if (link == null) {
                        return Uni.createFrom().nullItem();
                    }
                    return tx.preparedQuery("INSERT INTO setup_sessions (secret_hash, link_id, expires_at) VALUES ($1, $2, "
                            + "least(now() + $3 * interval '1 millisecond', $4))")
                            .execute(Tuple.of(sessionHash, link.id(), sessionLifetime.toMillis(), link.expiresAt()))
                            .replaceWith(link);
                }));
    }

    /** The link with this token digest, whatever its state (to say why it cannot be opened); or null. */
    Uni<SetupLink> findByToken(String tokenHash) {
        return pool.preparedQuery("SELECT " + SetupLink.COLUMNS + " FROM setup_links WHERE token_hash = $1")
                .execute(Tuple.of(tokenHash)).map(SetupLinkRepository::first);
    }

    /** The link of a live portal session (neither the session nor the link expired, the link not revoked); or null. */
    Uni<SetupLink> findBySession(String sessionHash) {
        return pool.preparedQuery("SELECT " + prefixed() + " FROM setup_sessions s JOIN setup_links l ON l.id = s.link_id "
                + "WHERE s.secret_hash = $1 AND s.expires_at > now() AND l.revoked_at IS NULL AND l.expires_at > now()")
                .execute(Tuple.of(sessionHash)).map(SetupLinkRepository::first);
    }

    Uni<Void> endSession(String sessionHash) {
        return pool.preparedQuery("DELETE FROM setup_sessions WHERE secret_hash = $1").execute(Tuple.of(sessionHash))
                .replaceWithVoid();
    }

    Uni<Void> setConnection(String linkId, String connectionId) {
        return pool.preparedQuery("UPDATE setup_links SET connection_id = $2 WHERE id = $1")
                .execute(Tuple.of(linkId, connectionId)).replaceWithVoid();
    }

    /** The link's connection passed a test sign-in. */
    Uni<Void> markTested(String linkId) {
        return pool.preparedQuery("UPDATE setup_links SET tested_at = now() WHERE id = $1").execute(Tuple.of(linkId))
                .replaceWithVoid();
    }

    /** The link's connection changed: its last test no longer says anything about it. */
    Uni<Void> clearTested(String linkId) {
        return pool.preparedQuery("UPDATE setup_links SET tested_at = NULL WHERE id = $1").execute(Tuple.of(linkId))
                .replaceWithVoid();
    }

    /** Marks the link completed once (null if it already was, or is no longer usable). */
    Uni<SetupLink> complete(String linkId) {
        return pool.preparedQuery("UPDATE setup_links SET completed_at = now() WHERE id = $1 AND completed_at IS NULL "
                + "AND revoked_at IS NULL AND expires_at > now() RETURNING " + SetupLink.COLUMNS)
                .execute(Tuple.of(linkId)).map(SetupLinkRepository::first);
    }

    /** Removes up to {@code limit} expired portal sessions; how many went. */
    public Uni<Integer> purgeExpiredSessions(int limit) {
        return pool.preparedQuery("DELETE FROM setup_sessions WHERE secret_hash IN (SELECT secret_hash FROM "
                + "setup_sessions WHERE expires_at < now() LIMIT $1)").execute(Tuple.of(limit)).map(RowSet::rowCount);
    }

    private static String prefixed() {
        StringBuilder columns = new StringBuilder();
        for (String column : SetupLink.COLUMNS.split(",\\s*")) {
            columns.append(columns.length() > 0 ? ", " : "").append("l.").append(column);
        }
        return columns.toString();
    }

    private static SetupLink first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? SetupLink.of(iterator.next()) : null;
    }

    private static List<SetupLink> all(RowSet<Row> rows) {
        List<SetupLink> list = new ArrayList<>(rows.size());
        rows.forEach(row -> list.add(SetupLink.of(row)));
        return list;
    }
}
