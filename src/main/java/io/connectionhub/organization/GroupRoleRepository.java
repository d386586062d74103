package io.connectionhub.organization;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Group-to-role mappings of organization connections, always within one tenant. */
@WithSession
@ApplicationScoped
public class GroupRoleRepository implements PanacheRepositoryBase<GroupRole, String> {

    /** The mappings of these connections, each connection's in the order given. */
    public Uni<List<GroupRole>> listFor(String tenantId, List<String> connectionIds) {
        return find("tenantId = :tenant and connectionId in :connections", Sort.by("connectionId").and("position"),
                Parameters.with("tenant", tenantId).and("connections", connectionIds)).list();
    }

    public Uni<Long> deleteIn(String tenantId, List<String> ids) {
        return delete("tenantId = :tenant and id in :ids", Parameters.with("tenant", tenantId).and("ids", ids));
    }
}
