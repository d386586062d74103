package io.connectionhub.organization;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Organization connections and their group roles, always within one tenant, through the reactive SQL client: they
 * are written in the transaction that writes their tenant connection's row ({@link
 * io.connectionhub.connection.ConnectionLifecycle}), with the organization and the domain share-locked. A row
 * outlives its connection's active life until the deletion's purge removes the connection row (and this one with it):
 * readers filter through the connection.
 */
@ApplicationScoped
public class OrgConnectionRepository {

    private static final String COLUMNS = "l.connection_id, l.tenant_id, l.organization_id, l.domain_id, d.domain_name, "
            + "l.connection_type, l.is_idp_initiated, l.idp_entity_id, l.idp_sso_url, l.idp_certificate, "
            + "l.idp_metadata_url, l.oidc_issuer, l.oidc_client_id, l.oidc_client_secret, l.oidc_scopes, "
            + "l.attributes::text AS attributes, l.created_at, l.updated_at "
            + "FROM organization_connections l JOIN organization_domains d ON d.id = l.domain_id ";

    /** The organization's domain a connection is about to use, share-locked in a transaction. */
    record DomainRow(String id, String domainName, boolean verified) {
    }

    private final Pool pool;

    public OrgConnectionRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Whether the organization is active, null when the tenant has none with that id. In a transaction, the row stays
     * share-locked, so a deactivation or deletion of the organization waits for the write and then sees it.
     */
    Uni<Boolean> lockOrganization(SqlClient client, String tenantId, String organizationId) {
        return client.preparedQuery("SELECT is_active FROM organizations WHERE tenant_id = $1 AND id = $2 FOR SHARE")
                .execute(Tuple.of(tenantId, organizationId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getBoolean("is_active") : null);
    }

    /** The organization's domain of that name, share-locked in a transaction (so it cannot go meanwhile); or null. */
    Uni<DomainRow> lockDomain(SqlClient client, String tenantId, String organizationId, String name) {
        return client.preparedQuery("SELECT id, domain_name, verified_at IS NOT NULL AS verified FROM organization_domains "
                + "WHERE tenant_id = $1 AND organization_id = $2 AND domain_name = $3 FOR SHARE")
                .execute(Tuple.of(tenantId, organizationId, name))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new DomainRow(row.getString("id"), row.getString("domain_name"), row.getBoolean("verified"));
                });
    }

    Uni<OrgConnection> find(String tenantId, String organizationId, String connectionId) {
        return pool.preparedQuery("SELECT " + COLUMNS + "WHERE l.tenant_id = $1 AND l.organization_id = $2 "
                + "AND l.connection_id = $3").execute(Tuple.of(tenantId, organizationId, connectionId))
                .map(OrgConnectionRepository::first);
    }

    /** The organization link of a connection of the tenant, whichever organization it is in; or null. */
    Uni<OrgConnection> findByConnection(String tenantId, String connectionId) {
        return pool.preparedQuery("SELECT " + COLUMNS + "WHERE l.tenant_id = $1 AND l.connection_id = $2")
                .execute(Tuple.of(tenantId, connectionId)).map(OrgConnectionRepository::first);
    }

    /** The link locked for an update, so that two updates of one connection take turns. */
    Uni<OrgConnection> lock(SqlConnection tx, String tenantId, String organizationId, String connectionId) {
        return tx.preparedQuery("SELECT " + COLUMNS + "WHERE l.tenant_id = $1 AND l.organization_id = $2 "
                + "AND l.connection_id = $3 FOR UPDATE OF l").execute(Tuple.of(tenantId, organizationId, connectionId))
                .map(OrgConnectionRepository::first);
    }

    /** The connections of these organizations, oldest first. */
    Uni<List<OrgConnection>> listFor(String tenantId, List<String> organizationIds) {
        return pool.preparedQuery("SELECT " + COLUMNS + "WHERE l.tenant_id = $1 AND l.organization_id = ANY($2) "
                + "ORDER BY l.created_at, l.connection_id")
                .execute(Tuple.of(tenantId, organizationIds.toArray(new String[0])))
                .map(OrgConnectionRepository::all);
    }

    /** The id of a connection that uses the domain, or null. */
    Uni<String> usingDomain(String tenantId, String domainId) {
        return pool.preparedQuery("SELECT connection_id FROM organization_connections WHERE tenant_id = $1 "
                + "AND domain_id = $2 LIMIT 1").execute(Tuple.of(tenantId, domainId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString("connection_id") : null);
    }

    Uni<Void> insert(SqlConnection tx, OrgConnection link) {
        return tx.preparedQuery("INSERT INTO organization_connections (connection_id, tenant_id, organization_id, "
                + "domain_id, connection_type, is_idp_initiated, idp_entity_id, idp_sso_url, idp_certificate, "
                + "idp_metadata_url, oidc_issuer, oidc_client_id, oidc_client_secret, oidc_scopes, attributes, created_at, "
                + "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::text::jsonb, $16, "
                + "$16)")
                .execute(settings(Tuple.tuple().addString(link.connectionId).addString(link.tenantId)
                        .addString(link.organizationId), link).addOffsetDateTime(link.createdAt))
                .replaceWithVoid();
    }

    Uni<Void> update(SqlConnection tx, OrgConnection link) {
        return tx.preparedQuery("UPDATE organization_connections SET domain_id = $4, connection_type = $5, "
                + "is_idp_initiated = $6, idp_entity_id = $7, idp_sso_url = $8, idp_certificate = $9, "
                + "idp_metadata_url = $10, oidc_issuer = $11, oidc_client_id = $12, oidc_client_secret = $13, "
                + "oidc_scopes = $14, attributes = $15::text::jsonb, updated_at = $16 "
                + "WHERE connection_id = $1 AND tenant_id = $2 AND organization_id = $3")
                .execute(settings(Tuple.tuple().addString(link.connectionId).addString(link.tenantId)
                        .addString(link.organizationId), link).addOffsetDateTime(link.updatedAt))
                .replaceWithVoid();
    }

    /** Parameters $4-$15: everything a PUT may change. */
    private static Tuple settings(Tuple tuple, OrgConnection link) {
        return tuple.addString(link.domainId).addString(link.connectionType).addBoolean(link.idpInitiated)
                .addString(link.idpEntityId).addString(link.idpSsoUrl).addString(link.idpCertificate)
                .addString(link.idpMetadataUrl).addString(link.oidcIssuer).addString(link.oidcClientId)
                .addString(link.oidcClientSecret)
                .addArrayOfString(link.oidcScopes == null ? null : link.oidcScopes.toArray(new String[0]))
                .addString(link.attributesJson);
    }

    /** The group roles of these connections, each connection's in its order. */
    Uni<List<GroupRole>> groupRoles(SqlClient client, String tenantId, List<String> connectionIds) {
        return client.preparedQuery("SELECT id, connection_id, group_id, name, role_id FROM organization_group_roles "
                + "WHERE tenant_id = $1 AND connection_id = ANY($2) ORDER BY connection_id, position")
                .execute(Tuple.of(tenantId, connectionIds.toArray(new String[0])))
                .map(rows -> {
                    List<GroupRole> found = new ArrayList<>();
                    rows.forEach(row -> found.add(new GroupRole(row.getString("id"), row.getString("connection_id"),
                            row.getString("group_id"), row.getString("name"), row.getString("role_id"))));
                    return found;
                });
    }

    /** Makes {@code roles} (one connection's, in order) the connection's group roles: two set-based statements. */
    Uni<Void> replaceGroupRoles(SqlConnection tx, String tenantId, String connectionId, List<GroupRole> roles) {
        Uni<Void> cleared = tx.preparedQuery("DELETE FROM organization_group_roles WHERE tenant_id = $1 "
                + "AND connection_id = $2").execute(Tuple.of(tenantId, connectionId)).replaceWithVoid();
        if (roles.isEmpty()) {
            return cleared;
        }
        return cleared.chain(() -> tx.preparedQuery("INSERT INTO organization_group_roles (id, tenant_id, connection_id, "
                + "position, group_id, name, role_id) SELECT t.id, $5, $6, t.position - 1, t.group_id, t.name, t.role_id "
                + "FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY "
                + "AS t(id, group_id, name, role_id, position)")
                .execute(Tuple.tuple()
                        .addArrayOfString(roles.stream().map(GroupRole::id).toArray(String[]::new))
                        .addArrayOfString(roles.stream().map(GroupRole::groupId).toArray(String[]::new))
                        .addArrayOfString(roles.stream().map(GroupRole::name).toArray(String[]::new))
                        .addArrayOfString(roles.stream().map(GroupRole::roleId).toArray(String[]::new))
                        .addString(tenantId).addString(connectionId))
                .replaceWithVoid());
    }

    private static OrgConnection first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? of(rows.iterator().next()) : null;
    }

    private static List<OrgConnection> all(RowSet<Row> rows) {
        List<OrgConnection> found = new ArrayList<>();
        rows.forEach(row -> found.add(of(row)));
        return found;
    }

    private static OrgConnection of(Row row) {
        OrgConnection link = new OrgConnection();
        link.connectionId = row.getString("connection_id");
        link.tenantId = row.getString("tenant_id");
        link.organizationId = row.getString("organization_id");
        link.domainId = row.getString("domain_id");
        link.domainName = row.getString("domain_name");
        link.connectionType = row.getString("connection_type");
        link.idpInitiated = row.getBoolean("is_idp_initiated");
        link.idpEntityId = row.getString("idp_entity_id");
        link.idpSsoUrl = row.getString("idp_sso_url");
        link.idpCertificate = row.getString("idp_certificate");
        link.idpMetadataUrl = row.getString("idp_metadata_url");
        link.oidcIssuer = row.getString("oidc_issuer");
        link.oidcClientId = row.getString("oidc_client_id");
        link.oidcClientSecret = row.getString("oidc_client_secret");
        String[] scopes = row.getArrayOfStrings("oidc_scopes");
        link.oidcScopes = scopes == null ? null : Arrays.asList(scopes);
        link.attributesJson = row.getString("attributes");
        link.createdAt = row.getOffsetDateTime("created_at");
        link.updatedAt = row.getOffsetDateTime("updated_at");
        return link;
    }
}
