package io.connectionhub.connection;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Connections, always within one tenant; reads see only active ones (a deleting connection is gone from reads). */
@ApplicationScoped
public class ConnectionRepository implements PanacheRepositoryBase<Connection, String> {

    /** What a list may be narrowed to; null or empty means no filter. */
    public record Filter(List<String> strategies, String name) {

        String where() {
            StringBuilder where = new StringBuilder("tenantId = :tenant and state = 'active'");
            if (strategies != null && !strategies.isEmpty()) {
                where.append(" and strategy in :strategies");
            }
            if (name != null) {
                where.append(" and name = :name");
            }
            return where.toString();
        }

        Parameters parameters(String tenantId) {
            Parameters parameters = Parameters.with("tenant", tenantId);
            if (strategies != null && !strategies.isEmpty()) {
                parameters.and("strategies", strategies);
            }
            if (name != null) {
                parameters.and("name", name);
            }
            return parameters;
        }
    }

    public Uni<Connection> findActive(String tenantId, String id) {
        return find("tenantId = :tenant and id = :id and state = 'active'",
                Parameters.with("tenant", tenantId).and("id", id)).firstResult();
    }

    /** The connection holding {@code name} in the tenant, whatever its state. */
    public Uni<Connection> findByName(String tenantId, String name) {
        return find("tenantId = :tenant and lower(name) = lower(:name)",
                Parameters.with("tenant", tenantId).and("name", name)).firstResult();
    }

    public Uni<List<Connection>> page(String tenantId, Filter filter, int pageIndex, int size) {
        return find(filter.where(), Sort.by("seq"), filter.parameters(tenantId)).page(Page.of(pageIndex, size)).list();
    }

    /** Keyset page: the next {@code size} connections created after {@code afterSeq}. */
    public Uni<List<Connection>> after(String tenantId, Filter filter, Long afterSeq, int size) {
        return find(filter.where() + " and seq > :after", Sort.by("seq"),
                filter.parameters(tenantId).and("after", afterSeq == null ? 0L : afterSeq))
                .page(Page.ofSize(size)).list();
    }

    public Uni<Long> count(String tenantId, Filter filter) {
        return count(filter.where(), filter.parameters(tenantId));
    }
}
