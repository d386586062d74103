package io.connectionhub.organization;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The reads the sign-in flow makes of organizations: an organization's connections (for {@code organization=}),
 * the organization that has an email's domain verified (home-realm discovery), the organization link of a connection,
 * and the roles an organization connection gives to IdP groups. Only connections that are active are found.
 */
@ApplicationScoped
public class OrganizationsForSignIn {

    /** An organization of the tenant, with whether it is active. */
    public record OrganizationRef(String id, String name, boolean active) {
    }

    private static final String LINKS = "SELECT l.connection_id, l.organization_id, o.is_active, l.connection_type, "
            + "d.domain_name, d.verified_at IS NOT NULL AS verified, l.is_idp_initiated FROM organization_connections l "
            + "JOIN organizations o ON o.id = l.organization_id JOIN organization_domains d ON d.id = l.domain_id "
            + "JOIN connections c ON c.id = l.connection_id AND c.state = 'active' WHERE l.tenant_id = $1 ";

    private final Pool pool;

    public OrganizationsForSignIn(Pool pool) {
        this.pool = pool;
    }

    /** The tenant's organization with that id, or null. */
    public Uni<OrganizationRef> organization(String tenantId, String organizationId) {
        return pool.preparedQuery("SELECT id, name, is_active FROM organizations WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, organizationId))
                .map(rows -> rows.iterator().hasNext() ? ref(rows.iterator().next()) : null);
    }

    /** The organization of the tenant that has this domain verified (at most one has), or null. */
    public Uni<OrganizationRef> ownerOfVerifiedDomain(String tenantId, String domainName) {
        return pool.preparedQuery("SELECT o.id, o.name, o.is_active FROM organization_domains d JOIN organizations o "
                + "ON o.id = d.organization_id WHERE d.tenant_id = $1 AND d.domain_name = $2 AND d.verified_at IS NOT NULL")
                .execute(Tuple.of(tenantId, domainName))
                .map(rows -> rows.iterator().hasNext() ? ref(rows.iterator().next()) : null);
    }

    /** The organization's active connections, oldest first. */
    public Uni<List<OrgConnectionForSignIn>> connectionsOf(String tenantId, String organizationId) {
        return pool.preparedQuery(LINKS + "AND l.organization_id = $2 ORDER BY l.created_at, l.connection_id")
                .execute(Tuple.of(tenantId, organizationId)).map(OrganizationsForSignIn::links);
    }

    /** The organization link of an active connection, or null when it is not an organization's. */
    public Uni<OrgConnectionForSignIn> linkOf(String tenantId, String connectionId) {
        return pool.preparedQuery(LINKS + "AND l.connection_id = $2").execute(Tuple.of(tenantId, connectionId))
                .map(rows -> {
                    List<OrgConnectionForSignIn> found = links(rows);
                    return found.isEmpty() ? null : found.get(0);
                });
    }

    /** The role ids the connection's {@code GroupRoles} give to these IdP groups, in the mapping's order, once each. */
    public Uni<List<String>> roleIds(String tenantId, String connectionId, List<String> groups) {
        if (groups.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery("SELECT role_id FROM organization_group_roles WHERE tenant_id = $1 "
                + "AND connection_id = $2 AND group_id = ANY($3) ORDER BY position")
                .execute(Tuple.of(tenantId, connectionId, groups.toArray(new String[0])))
                .map(rows -> {
                    List<String> roles = new ArrayList<>();
                    rows.forEach(row -> {
                        if (!roles.contains(row.getString("role_id"))) {
                            roles.add(row.getString("role_id"));
                        }
                    });
                    return roles;
                });
    }

    private static OrganizationRef ref(Row row) {
        return new OrganizationRef(row.getString("id"), row.getString("name"), row.getBoolean("is_active"));
    }

    private static List<OrgConnectionForSignIn> links(RowSet<Row> rows) {
        List<OrgConnectionForSignIn> found = new ArrayList<>();
        rows.forEach(row -> found.add(new OrgConnectionForSignIn(row.getString("connection_id"),
                row.getString("organization_id"), row.getBoolean("is_active"), row.getString("connection_type"),
                row.getString("domain_name"), row.getBoolean("verified"), row.getBoolean("is_idp_initiated"))));
        return found;
    }
}
