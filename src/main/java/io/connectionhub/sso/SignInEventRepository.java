package io.connectionhub.sso;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Sign-in log events ({@code sign_in_events}), always within one tenant. */
@ApplicationScoped
public class SignInEventRepository {

    /** A stored event with its sequence number (the log id). */
    record StoredEvent(long seq, java.time.OffsetDateTime date, SignInEvent event) {
    }

    /** The filterable fields of {@code q}, and their columns. */
    static final Map<String, String> FILTER_COLUMNS = Map.of("type", "type", "connection", "connection",
            "connection_id", "connection_id", "client_id", "client_id", "user_id", "user_id", "user_name", "user_name",
            "organization_id", "organization_id", "ip", "ip", "strategy", "strategy");

    private static final String COLUMNS = "seq, date, tenant_id, type, description, connection, connection_id, strategy, "
            + "client_id, client_name, user_id, user_name, organization_id, ip, user_agent";
    private static final int MAX_TEXT = 1000;

    private final Pool pool;

    public SignInEventRepository(Pool pool) {
        this.pool = pool;
    }

    Uni<Void> insert(SignInEvent event) {
        return insert(pool, event);
    }

    /**
     * Writes the event through {@code client} (a sign-in's finishing transaction, or the pool); an event without the
     * application's name takes it from the {@code clients} row of its {@code client_id} in the same statement.
     */
    Uni<Void> insert(SqlClient client, SignInEvent event) {
        return client.preparedQuery("INSERT INTO sign_in_events (tenant_id, type, description, connection, "
                + "connection_id, strategy, client_id, client_name, user_id, user_name, organization_id, ip, user_agent) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, coalesce($8, (SELECT c.name FROM clients c WHERE c.client_id = "
                + "$7)), $9, $10, $11, $12, $13)")
                .execute(Tuple.tuple().addString(event.tenantId()).addString(event.type())
                        .addString(clean(event.description())).addString(clean(event.connection()))
                        .addString(clean(event.connectionId())).addString(clean(event.strategy()))
                        .addString(clean(event.clientId())).addString(clean(event.clientName()))
                        .addString(clean(event.userId())).addString(clean(event.userName()))
                        .addString(clean(event.organizationId())).addString(clean(event.ip()))
                        .addString(clean(event.userAgent())))
                .replaceWithVoid();
    }

    /** Events after {@code afterSeq}, oldest first (checkpoint paging), matching every filter. */
    Uni<List<StoredEvent>> after(String tenantId, long afterSeq, Map<String, String> filters, int limit) {
        List<Object> parameters = new ArrayList<>(List.of(tenantId, afterSeq));
        String where = where(filters, parameters);
        parameters.add(limit);
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM sign_in_events WHERE tenant_id = $1 AND seq > $2" + where
                + " ORDER BY seq LIMIT $" + parameters.size()).execute(Tuple.from(parameters)).map(SignInEventRepository::all);
    }

    /** A page of events matching every filter, newest or oldest first. */
    Uni<List<StoredEvent>> page(String tenantId, Map<String, String> filters, boolean newestFirst, long offset, int limit) {
        List<Object> parameters = new ArrayList<>(List.of(tenantId));
        String where = where(filters, parameters);
        parameters.add(offset);
        parameters.add(limit);
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM sign_in_events WHERE tenant_id = $1" + where
                + " ORDER BY seq " + (newestFirst ? "DESC" : "ASC") + " OFFSET $" + (parameters.size() - 1) + " LIMIT $"
                + parameters.size()).execute(Tuple.from(parameters)).map(SignInEventRepository::all);
    }

    Uni<Long> count(String tenantId, Map<String, String> filters) {
        List<Object> parameters = new ArrayList<>(List.of(tenantId));
        String where = where(filters, parameters);
        return pool.preparedQuery("SELECT count(*) AS n FROM sign_in_events WHERE tenant_id = $1" + where)
                .execute(Tuple.from(parameters)).map(rows -> rows.iterator().next().getLong("n"));
    }

    Uni<StoredEvent> find(String tenantId, long seq) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM sign_in_events WHERE tenant_id = $1 AND seq = $2")
                .execute(Tuple.of(tenantId, seq)).map(rows -> {
                    List<StoredEvent> found = all(rows);
                    return found.isEmpty() ? null : found.get(0);
                });
    }

    /** Deletes up to {@code limit} events older than {@code retention}; how many went. */
    Uni<Integer> purgeOlderThan(Duration retention, int limit) {
        return pool.preparedQuery("DELETE FROM sign_in_events WHERE seq IN (SELECT seq FROM sign_in_events "
                + "WHERE date < now() - $1::float8 * interval '1 second' LIMIT $2)")
                .execute(Tuple.of(retention.toMillis() / 1000.0, limit)).map(RowSet::rowCount);
    }

    /** {@code AND column = $n} per filter, columns from {@link #FILTER_COLUMNS} only, values as parameters. */
    private static String where(Map<String, String> filters, List<Object> parameters) {
        StringBuilder where = new StringBuilder();
        filters.forEach((field, value) -> {
            String column = FILTER_COLUMNS.get(field);
            if (column == null) {
                throw new IllegalArgumentException("not a filterable field: " + field);
            }
            parameters.add(value);
            where.append(" AND ").append(column).append(" = $").append(parameters.size());
        });
        return where.toString();
    }

    private static List<StoredEvent> all(RowSet<Row> rows) {
        List<StoredEvent> found = new ArrayList<>();
        rows.forEach(row -> found.add(new StoredEvent(row.getLong("seq"), row.getOffsetDateTime("date"),
                new SignInEvent(row.getString("tenant_id"), row.getString("type"), row.getString("description"),
                        row.getString("connection"), row.getString("connection_id"), row.getString("strategy"),
                        row.getString("client_id"), row.getString("client_name"), row.getString("user_id"),
                        row.getString("user_name"), row.getString("organization_id"), row.getString("ip"),
                        row.getString("user_agent")))));
        return found;
    }

    /** Printable text of bounded length: what reaches a log never carries control characters (nor NUL). */
    static String clean(String value) {
        if (value == null) {
            return null;
        }
        String printable = value.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() > MAX_TEXT ? printable.substring(0, MAX_TEXT) + "…" : printable;
    }
}
