package io.connectionhub.organization;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * Organization connections, always within one tenant. A row outlives its connection's active life until the
 * deletion's purge removes the connection row (and this one with it): readers filter through the connection.
 */
@WithSession
@ApplicationScoped
public class OrgConnectionRepository implements PanacheRepositoryBase<OrgConnection, String> {

    public Uni<OrgConnection> findInOrganization(String tenantId, String organizationId, String connectionId) {
        return find("tenantId = :tenant and organizationId = :organization and connectionId = :id",
                Parameters.with("tenant", tenantId).and("organization", organizationId).and("id", connectionId))
                .firstResult();
    }

    /** The connections of these organizations, oldest first. */
    public Uni<List<OrgConnection>> listFor(String tenantId, List<String> organizationIds) {
        return find("tenantId = :tenant and organizationId in :organizations", Sort.by("createdAt").and("connectionId"),
                Parameters.with("tenant", tenantId).and("organizations", organizationIds)).list();
    }

    /** A connection that uses the domain, if any. */
    public Uni<OrgConnection> usingDomain(String tenantId, String domainId) {
        return find("tenantId = :tenant and domainId = :domain",
                Parameters.with("tenant", tenantId).and("domain", domainId)).firstResult();
    }
}
