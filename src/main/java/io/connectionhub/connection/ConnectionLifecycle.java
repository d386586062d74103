package io.connectionhub.connection;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.connectionhub.common.Ids;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The connection-row statements other features run inside their own transactions: share-locking an active
 * connection while users are written to it (so a deletion waits for the write and then sees it), the state changes
 * of a deletion, and the rows of connections another feature manages (an organization's, written in the same
 * transaction as the organization's own rows).
 */
@ApplicationScoped
public class ConnectionLifecycle {

    private static final String REF = "id, tenant_id, name, strategy";
    private static final String SUMMARY = "id, name, strategy, authentication_active";

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

    /**
     * A new connection another feature manages: the name rule and the tenant-wide name uniqueness of every connection,
     * no options (its settings are that feature's). A taken name fails the transaction on {@code connections_name_key};
     * {@link ConnectionService#reportingNameTaken} reports it.
     */
    public Uni<ConnectionSummary> insertManaged(SqlConnection tx, String tenantId, String name, String strategy,
            List<String> realms, boolean active) {
        ConnectionService.checkName(name);
        return tx.preparedQuery("INSERT INTO connections (id, tenant_id, name, strategy, realms, authentication_active) "
                + "VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + SUMMARY)
                .execute(Tuple.tuple().addString(Ids.alphanumeric("con_", 16)).addString(tenantId).addString(name)
                        .addString(strategy).addArrayOfString(realms.toArray(new String[0])).addBoolean(active))
                .map(rows -> summary(rows.iterator().next()));
    }

    /** Renames an active managed connection and sets its realms and login flag; null when it is no longer active. */
    public Uni<ConnectionSummary> updateManaged(SqlConnection tx, String tenantId, String connectionId, String name,
            List<String> realms, boolean active) {
        ConnectionService.checkName(name);
        return tx.preparedQuery("UPDATE connections SET name = $3, realms = $4, authentication_active = $5, "
                + "updated_at = now() WHERE tenant_id = $1 AND id = $2 AND state = 'active' RETURNING " + SUMMARY)
                .execute(Tuple.tuple().addString(tenantId).addString(connectionId).addString(name)
                        .addArrayOfString(realms.toArray(new String[0])).addBoolean(active))
                .map(rows -> rows.iterator().hasNext() ? summary(rows.iterator().next()) : null);
    }

    /** The tenant's active connections among {@code ids}, by id (a connection being deleted is not among them). */
    public Uni<Map<String, ConnectionSummary>> findActive(SqlClient client, String tenantId, List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return client.preparedQuery("SELECT " + SUMMARY + " FROM connections WHERE tenant_id = $1 AND id = ANY($2) "
                + "AND state = 'active'").execute(Tuple.of(tenantId, ids.toArray(new String[0]))).map(rows -> {
                    Map<String, ConnectionSummary> found = new HashMap<>();
                    rows.forEach(row -> found.put(row.getString("id"), summary(row)));
                    return found;
                });
    }

    private static ConnectionSummary summary(Row row) {
        return new ConnectionSummary(row.getString("id"), row.getString("name"), row.getString("strategy"),
                row.getBoolean("authentication_active"));
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
