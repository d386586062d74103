package io.connectionhub.saml;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/** SP identities: by connection within a tenant, or by the token of a public URL. */
@WithSession
@ApplicationScoped
public class SpIdentityRepository implements PanacheRepositoryBase<SpIdentity, String> {

    public Uni<List<SpIdentity>> findForConnections(String tenantId, List<String> connectionIds) {
        return find("tenantId = :tenant and connectionId in :ids",
                Parameters.with("tenant", tenantId).and("ids", connectionIds)).list();
    }

    /** The public metadata URL carries no tenant: the token alone, unique across tenants, names the identity. */
    public Uni<SpIdentity> findByToken(String token) {
        return find("token", token).firstResult();
    }
}
