package io.connectionhub.saml;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * SP identities, through the reactive SQL client: one is written in the transaction that creates its connection
 * (see {@link io.connectionhub.connection.ConnectionLifecycle}).
 */
@ApplicationScoped
public class SpIdentityRepository {

    private static final String COLUMNS = "connection_id, tenant_id, token, certificate_pem, private_key_sealed";

    private final Pool pool;

    public SpIdentityRepository(Pool pool) {
        this.pool = pool;
    }

    Uni<Void> insert(SqlConnection tx, SpIdentity identity) {
        return tx.preparedQuery("INSERT INTO saml_sp_identities (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(identity.connectionId(), identity.tenantId(), identity.token(),
                        identity.certificatePem(), identity.privateKeySealed()))
                .replaceWithVoid();
    }

    /** Writes the identity unless its connection has one already (two replicas may make one at once). */
    Uni<Void> insertIfAbsent(SpIdentity identity) {
        return pool.preparedQuery("INSERT INTO saml_sp_identities (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5) "
                + "ON CONFLICT (connection_id) DO NOTHING")
                .execute(Tuple.of(identity.connectionId(), identity.tenantId(), identity.token(),
                        identity.certificatePem(), identity.privateKeySealed()))
                .replaceWithVoid();
    }

    Uni<List<SpIdentity>> findForConnections(String tenantId, List<String> connectionIds) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM saml_sp_identities WHERE tenant_id = $1 "
                + "AND connection_id = ANY($2)").execute(Tuple.of(tenantId, connectionIds.toArray(new String[0])))
                .map(rows -> {
                    List<SpIdentity> found = new ArrayList<>();
                    rows.forEach(row -> found.add(of(row)));
                    return found;
                });
    }

    /** The public metadata URL carries no tenant: the token alone, unique across tenants, names the identity. */
    Uni<SpIdentity> findByToken(String token) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM saml_sp_identities WHERE token = $1")
                .execute(Tuple.of(token))
                .map(rows -> rows.iterator().hasNext() ? of(rows.iterator().next()) : null);
    }

    private static SpIdentity of(Row row) {
        return new SpIdentity(row.getString("connection_id"), row.getString("tenant_id"), row.getString("token"),
                row.getString("certificate_pem"), row.getString("private_key_sealed"));
    }
}
