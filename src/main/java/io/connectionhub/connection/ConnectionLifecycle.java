package io.connectionhub.connection;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The connection-row statements other features run inside their own transactions: share-locking an active
 * connection while users are written to it (so a deletion waits for the write and then sees it), and the
 * state changes of a deletion.
 */
@ApplicationScoped
public class ConnectionLifecycle {

    private static final String REF = "id, tenant_id, name, strategy";

    /** The active connection by id, share-locked until the transaction ends; null if none. */
    public Uni<ConnectionRef> lockActive(SqlConnection tx, String tenantId, String connectionId) {
        return tx.preparedQuery("SELECT " + REF + " FROM connections WHERE tenant_id = $1 AND id = $2 "
                + "AND state = 'active' FOR SHARE").execute(Tuple.of(tenantId, connectionId)).map(ConnectionLifecycle::ref);
    }

    /** The active connection by name (case-insensitive); null if none. */
    public Uni<ConnectionRef> findActiveByName(SqlClient client, String tenantId, String name) {
        return client.preparedQuery("SELECT " + REF + " FROM connections WHERE tenant_id = $1 AND lower(name) = lower($2) "
                + "AND state = 'active'").execute(Tuple.of(tenantId, name)).map(ConnectionLifecycle::ref);
    }

    /** Active → deleting: gone from reads, name still held. Null if it was not active. */
    public Uni<ConnectionRef> markDeleting(SqlConnection tx, String tenantId, String connectionId) {
        return tx.preparedQuery("UPDATE connections SET state = 'deleting', updated_at = now() WHERE tenant_id = $1 "
                + "AND id = $2 AND state = 'active' RETURNING " + REF)
                .execute(Tuple.of(tenantId, connectionId)).map(ConnectionLifecycle::ref);
    }

    /** Removes the row of a connection being deleted, which frees its name. The foreign key from users makes
     * this fail while any user remains. */
    public Uni<Integer> remove(SqlConnection tx, String connectionId) {
        return tx.preparedQuery("DELETE FROM connections WHERE id = $1 AND state = 'deleting'")
                .execute(Tuple.of(connectionId)).map(RowSet::rowCount);
    }

    private static ConnectionRef ref(RowSet<Row> rows) {
        var iterator = rows.iterator();
        if (!iterator.hasNext()) {
            return null;
        }
        Row row = iterator.next();
        return new ConnectionRef(row.getString("id"), row.getString("tenant_id"), row.getString("name"),
                row.getString("strategy"));
    }
}
