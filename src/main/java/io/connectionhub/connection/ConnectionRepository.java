package io.connectionhub.connection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Connections, always within one tenant, through the reactive SQL client: a read is one statement (the enabled
 * clients come along as an array), which is what the hottest endpoint of the service needs. Reads see only
 * active connections: a connection being deleted is gone from every read.
 */
@ApplicationScoped
public class ConnectionRepository {

    private static final String COLUMNS = "c.id, c.tenant_id, c.seq, c.name, c.strategy, c.display_name, "
            + "c.options::text AS options, c.realms, c.metadata::text AS metadata, c.is_domain_connection, "
            + "c.show_as_button, c.authentication_active, c.connected_accounts_active, c.state, c.created_at, "
            + "c.updated_at, ARRAY(SELECT cc.client_id FROM connection_clients cc WHERE cc.connection_id = c.id "
            + "ORDER BY cc.client_id) AS enabled_clients";

    /** What a list may be narrowed to; null or empty means no filter. */
    public record Filter(List<String> strategies, String name) {

        /** The WHERE clause after tenant and state; parameters start at {@code $2}. */
        String where(Tuple parameters) {
            StringBuilder where = new StringBuilder();
            if (strategies != null && !strategies.isEmpty()) {
                parameters.addArrayOfString(strategies.toArray(new String[0]));
                where.append(" AND c.strategy = ANY($").append(parameters.size()).append(')');
            }
            if (name != null) {
                parameters.addString(name);
                where.append(" AND c.name = $").append(parameters.size());
            }
            return where.toString();
        }
    }

    private final Pool pool;

    public ConnectionRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Connection> findActive(String tenantId, String id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM connections c WHERE c.tenant_id = $1 AND c.id = $2 "
                + "AND c.state = 'active'").execute(Tuple.of(tenantId, id)).map(ConnectionRepository::first);
    }

    /** One page in creation order, by offset. */
    public Uni<List<Connection>> page(String tenantId, Filter filter, long offset, int size) {
        Tuple parameters = Tuple.of(tenantId);
        String where = filter.where(parameters);
        parameters.addLong(offset).addInteger(size);
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM connections c WHERE c.tenant_id = $1 AND c.state = 'active'"
                + where + " ORDER BY c.seq OFFSET $" + (parameters.size() - 1) + " LIMIT $" + parameters.size())
                .execute(parameters).map(ConnectionRepository::all);
    }

    /** Keyset page: the next {@code size} connections created after {@code afterSeq}. */
    public Uni<List<Connection>> after(String tenantId, Filter filter, Long afterSeq, int size) {
        Tuple parameters = Tuple.of(tenantId);
        String where = filter.where(parameters);
        parameters.addLong(afterSeq == null ? 0L : afterSeq).addInteger(size);
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM connections c WHERE c.tenant_id = $1 AND c.state = 'active'"
                + where + " AND c.seq > $" + (parameters.size() - 1) + " ORDER BY c.seq LIMIT $" + parameters.size())
                .execute(parameters).map(ConnectionRepository::all);
    }

    /** Row facts of every connection of the tenant (being deleted too), in creation order after {@code afterSeq}. */
    Uni<List<Connection>> rowsAfter(String tenantId, String strategy, long afterSeq, int size) {
        String columns = "c.id, c.tenant_id, c.seq, c.name, c.strategy, c.display_name, c.state";
        Uni<RowSet<Row>> rows = strategy == null
                ? pool.preparedQuery("SELECT " + columns + " FROM connections c WHERE c.tenant_id = $1 AND c.seq > $2 "
                        + "ORDER BY c.seq LIMIT $3").execute(Tuple.of(tenantId, afterSeq, size))
                : pool.preparedQuery("SELECT " + columns + " FROM connections c WHERE c.tenant_id = $1 AND c.strategy = $2 "
                        + "AND c.seq > $3 ORDER BY c.seq LIMIT $4").execute(Tuple.of(tenantId, strategy, afterSeq, size));
        return rows.map(found -> {
            List<Connection> list = new ArrayList<>(found.size());
            found.forEach(row -> {
                Connection c = new Connection();
                c.id = row.getString("id");
                c.tenantId = row.getString("tenant_id");
                c.seq = row.getLong("seq");
                c.name = row.getString("name");
                c.strategy = row.getString("strategy");
                c.displayName = row.getString("display_name");
                c.state = row.getString("state");
                list.add(c);
            });
            return list;
        });
    }

    public Uni<Long> count(String tenantId, Filter filter) {
        Tuple parameters = Tuple.of(tenantId);
        String where = filter.where(parameters);
        return pool.preparedQuery("SELECT count(*) AS n FROM connections c WHERE c.tenant_id = $1 AND c.state = 'active'"
                + where).execute(parameters).map(rows -> rows.iterator().next().getLong("n"));
    }

    /**
     * Inserts the row and its enabled clients in one statement (one round trip, one commit); a taken name fails on
     * the unique index {@code connections_name_key}, a vanished client on the foreign key.
     */
    public Uni<Connection> insert(Connection c) {
        return pool.preparedQuery("WITH inserted AS (INSERT INTO connections (id, tenant_id, name, strategy, "
                + "display_name, options, realms, metadata, is_domain_connection, show_as_button, authentication_active, "
                + "connected_accounts_active, state, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, "
                + "$7, $8::text::jsonb, $9, $10, $11, $12, 'active', $13, $13) RETURNING seq), "
                + "enabled AS (INSERT INTO connection_clients (connection_id, client_id) "
                + "SELECT $1, unnest($14::text[]) RETURNING 1) "
                + "SELECT seq FROM inserted")
                .execute(Tuple.tuple().addString(c.id).addString(c.tenantId).addString(c.name).addString(c.strategy)
                        .addString(c.displayName).addString(c.optionsJson).addArrayOfString(c.realms.toArray(new String[0]))
                        .addString(c.metadataJson).addBoolean(c.domainConnection).addBoolean(c.showAsButton)
                        .addBoolean(c.authenticationActive).addBoolean(c.connectedAccountsActive)
                        .addOffsetDateTime(c.createdAt).addArrayOfString(c.enabledClients.toArray(new String[0])))
                .map(rows -> {
                    c.seq = rows.iterator().next().getLong("seq");
                    return c;
                });
    }

    /** Writes every mutable field; null when the connection is no longer active (deleted meanwhile). */
    public Uni<Connection> update(Connection c, boolean enabledClientsChanged) {
        return pool.withTransaction(tx -> tx.preparedQuery("UPDATE connections SET display_name = $3, options = $4::text::jsonb, "
                + "realms = $5, metadata = $6::text::jsonb, is_domain_connection = $7, show_as_button = $8, "
                + "authentication_active = $9, connected_accounts_active = $10, updated_at = $11 "
                + "WHERE tenant_id = $1 AND id = $2 AND state = 'active'")
                .execute(Tuple.tuple().addString(c.tenantId).addString(c.id).addString(c.displayName)
                        .addString(c.optionsJson).addArrayOfString(c.realms.toArray(new String[0])).addString(c.metadataJson)
                        .addBoolean(c.domainConnection).addBoolean(c.showAsButton).addBoolean(c.authenticationActive)
                        .addBoolean(c.connectedAccountsActive).addOffsetDateTime(c.updatedAt))
                .chain(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().<Connection> nullItem();
                    }
                    Uni<Void> clients = !enabledClientsChanged ? Uni.createFrom().voidItem()
                            : tx.preparedQuery("DELETE FROM connection_clients WHERE connection_id = $1")
                                    .execute(Tuple.of(c.id)).chain(() -> addEnabledClients(tx, c.id, c.enabledClients));
                    return clients.replaceWith(c);
                }));
    }

    private static Uni<Void> addEnabledClients(SqlConnection tx, String connectionId, java.util.Set<String> clientIds) {
        if (clientIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("INSERT INTO connection_clients (connection_id, client_id) SELECT $1, unnest($2::text[])")
                .execute(Tuple.of(connectionId, clientIds.toArray(new String[0]))).replaceWithVoid();
    }

    private static Connection first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? of(iterator.next()) : null;
    }

    private static List<Connection> all(RowSet<Row> rows) {
        List<Connection> list = new ArrayList<>(rows.size());
        rows.forEach(row -> list.add(of(row)));
        return list;
    }

    private static Connection of(Row row) {
        Connection c = new Connection();
        c.id = row.getString("id");
        c.tenantId = row.getString("tenant_id");
        c.seq = row.getLong("seq");
        c.name = row.getString("name");
        c.strategy = row.getString("strategy");
        c.displayName = row.getString("display_name");
        c.optionsJson = row.getString("options");
        c.realms = Arrays.asList(row.getArrayOfStrings("realms"));
        c.metadataJson = row.getString("metadata");
        c.domainConnection = row.getBoolean("is_domain_connection");
        c.showAsButton = row.getBoolean("show_as_button");
        c.authenticationActive = row.getBoolean("authentication_active");
        c.connectedAccountsActive = row.getBoolean("connected_accounts_active");
        c.state = row.getString("state");
        c.enabledClients = new LinkedHashSet<>(Arrays.asList(row.getArrayOfStrings("enabled_clients")));
        c.createdAt = row.getOffsetDateTime("created_at");
        c.updatedAt = row.getOffsetDateTime("updated_at");
        return c;
    }
}
