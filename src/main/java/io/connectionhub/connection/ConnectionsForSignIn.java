package io.connectionhub.connection;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The reads the sign-in flow makes of a tenant's connections, each with whether a given application may use it. A
 * connection being deleted is never found.
 */
@ApplicationScoped
public class ConnectionsForSignIn {

    private static final String SELECT = "SELECT c.id, c.tenant_id, c.name, c.display_name, c.strategy, "
            + "c.authentication_active, EXISTS (SELECT 1 FROM connection_clients cc WHERE cc.connection_id = c.id "
            + "AND cc.client_id = $2) AS enabled FROM connections c WHERE c.tenant_id = $1 AND c.state = 'active' ";

    private final Pool pool;

    public ConnectionsForSignIn(Pool pool) {
        this.pool = pool;
    }

    /** The active connection of that name (case-insensitive), or null. */
    public Uni<ConnectionForSignIn> byName(String tenantId, String name, String clientId) {
        return pool.preparedQuery(SELECT + "AND lower(c.name) = lower($3)").execute(Tuple.of(tenantId, clientId, name))
                .map(ConnectionsForSignIn::first);
    }

    /** The active connection with that id, or null. */
    public Uni<ConnectionForSignIn> byId(String tenantId, String connectionId, String clientId) {
        return pool.preparedQuery(SELECT + "AND c.id = $3").execute(Tuple.of(tenantId, clientId, connectionId))
                .map(ConnectionsForSignIn::first);
    }

    /** The active connections among {@code ids}, oldest first. */
    public Uni<List<ConnectionForSignIn>> byIds(String tenantId, List<String> ids, String clientId) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery(SELECT + "AND c.id = ANY($3) ORDER BY c.seq")
                .execute(Tuple.of(tenantId, clientId, ids.toArray(new String[0]))).map(ConnectionsForSignIn::all);
    }

    /** The database connections the application may sign users in with (enabled for it, logins on), oldest first. */
    public Uni<List<ConnectionForSignIn>> databaseConnectionsFor(String tenantId, String clientId) {
        return pool.preparedQuery(SELECT + "AND c.strategy = $3 AND c.authentication_active AND EXISTS (SELECT 1 FROM "
                + "connection_clients cc WHERE cc.connection_id = c.id AND cc.client_id = $2) ORDER BY c.seq")
                .execute(Tuple.of(tenantId, clientId, Strategy.AUTH0)).map(ConnectionsForSignIn::all);
    }

    private static ConnectionForSignIn first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? of(iterator.next()) : null;
    }

    private static List<ConnectionForSignIn> all(RowSet<Row> rows) {
        List<ConnectionForSignIn> found = new ArrayList<>();
        rows.forEach(row -> found.add(of(row)));
        return found;
    }

    private static ConnectionForSignIn of(Row row) {
        return new ConnectionForSignIn(row.getString("id"), row.getString("tenant_id"), row.getString("name"),
                row.getString("display_name"), row.getString("strategy"), row.getBoolean("authentication_active"),
                row.getBoolean("enabled"));
    }
}
