package io.connectionhub.organization;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.connectionhub.common.Ids;
import io.connectionhub.common.InvalidQuery;
import io.connectionhub.common.InvalidRequest;
import io.connectionhub.common.Metadata;
import io.connectionhub.common.NotFound;
import io.connectionhub.common.PageRequest;
import io.connectionhub.common.Timestamps;
import io.connectionhub.connection.ConnectionLifecycle;
import io.connectionhub.connection.ConnectionService;
import io.connectionhub.connection.ConnectionSummary;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Organizations of a tenant: their fields, paging, activation, and deletion with their connections. */
@ApplicationScoped
public class OrganizationService {

    static final int MAX_NAME = 128;
    static final int MAX_DISPLAY_NAME = 255;
    static final int MAX_URL = 2048;
    static final int MAX_PAGE_SIZE = 100;
    static final String REQUIRED = "a value is required";

    private final Pool pool;
    private final OrganizationRepository organizations;
    private final OrganizationDomainRepository domains;
    private final OrgConnectionRepository links;
    private final ConnectionLifecycle connectionRows;
    private final ConnectionService connections;

    public OrganizationService(Pool pool, OrganizationRepository organizations, OrganizationDomainRepository domains,
            OrgConnectionRepository links, ConnectionLifecycle connectionRows, ConnectionService connections) {
        this.pool = pool;
        this.organizations = organizations;
        this.domains = domains;
        this.links = links;
        this.connectionRows = connectionRows;
        this.connections = connections;
    }

    @WithTransaction
    public Uni<OrganizationResponse> create(String tenantId, OrganizationRequest request) {
        check(request);
        Organization organization = new Organization();
        organization.id = Ids.alphanumeric("org_", 16);
        organization.tenantId = tenantId;
        organization.active = true;
        organization.createdAt = Timestamps.nowUtc();
        apply(organization, request);
        return organizations.persist(organization).map(saved -> response(saved, List.of(), List.of()));
    }

    /** A page in creation order; {@code NextCursor} continues after its last organization. */
    /*
     * Reads and writes below run their Hibernate session first and look up the connections (on another pooled
     * connection) only once it has closed: holding the session's connection while waiting for a second one deadlocked
     * every request once as many ran at once as the pool has connections (the robustness sweep's 8 concurrent
     * GETs of an organization page never got an answer).
     */

    public Uni<OrganizationsPage> list(String tenantId, Integer pageSize, String cursor) {
        int size = pageSize == null ? MAX_PAGE_SIZE : pageSize;
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidQuery("PageSize", "It must be between 1 and " + MAX_PAGE_SIZE + ".");
        }
        long after = cursor == null || cursor.isEmpty() ? 0L
                : PageRequest.seqAfter("Cursor", cursor, "It is not a NextCursor this API returned.");
        return Panache.withSession(() -> organizations.after(tenantId, after, size + 1).chain(found -> {
            boolean more = found.size() > size;
            List<Organization> shown = more ? found.subList(0, size) : found;
            String next = more ? PageRequest.cursorAfter(shown.get(shown.size() - 1).seq) : null;
            return load(tenantId, shown).map(loaded -> new LoadedPage(loaded, next));
        })).chain(page -> responses(tenantId, page.loaded()).map(data -> new OrganizationsPage(data, page.next())));
    }

    public Uni<OrganizationResponse> get(String tenantId, String id) {
        return Panache.withSession(() -> find(tenantId, id).chain(organization -> load(tenantId, List.of(organization))))
                .chain(loaded -> responses(tenantId, loaded)).map(found -> found.get(0));
    }

    /** Replaces Name, Display and Metadata. */
    public Uni<OrganizationResponse> update(String tenantId, String id, OrganizationRequest request) {
        check(request);
        return Panache.withTransaction(() -> find(tenantId, id).chain(organization -> {
            apply(organization, request);
            return load(tenantId, List.of(organization));
        })).chain(loaded -> responses(tenantId, loaded)).map(found -> found.get(0));
    }

    public Uni<OrganizationResponse> setStatus(String tenantId, String id, OrganizationStatus status) {
        if (status == null || status.active() == null) {
            throw new InvalidRequest("IsActive", REQUIRED, null);
        }
        return Panache.withTransaction(() -> find(tenantId, id).chain(organization -> {
            organization.active = status.active();
            organization.updatedAt = Timestamps.nowUtc();
            return load(tenantId, List.of(organization));
        })).chain(loaded -> responses(tenantId, loaded)).map(found -> found.get(0));
    }

    /**
     * Deactivates the organization (so nothing new is added under it meanwhile), deletes each of its connections the
     * way a connection delete does (their names stay reserved until purged), then removes it with its domains.
     */
    public Uni<Deleted> delete(String tenantId, String id) {
        Uni<List<String>> deactivated = Panache.withTransaction(() -> organizations
                .lockInTenant(tenantId, id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> notFound())
                .chain(organization -> {
                    organization.active = false;
                    organization.updatedAt = Timestamps.nowUtc();
                    return links.listFor(tenantId, List.of(id));
                })
                .map(found -> found.stream().map(link -> link.connectionId).toList()));
        return deactivated
                .chain(connectionIds -> Multi.createFrom().iterable(connectionIds)
                        .onItem().transformToUniAndConcatenate(connectionId -> connections.delete(tenantId, connectionId)
                                .onFailure(NotFound.class).recoverWithNull())
                        .collect().asList())
                .chain(ignored -> Panache.withTransaction(() -> organizations.delete("tenantId = ?1 and id = ?2",
                        tenantId, id)))
                .replaceWith(Deleted.YES);
    }

    /** The organization, or 8118. */
    Uni<Organization> find(String tenantId, String id) {
        return organizations.findInTenant(tenantId, id).onItem().ifNull().failWith(OrganizationService::notFound);
    }

    /**
     * The organization a write goes under: 8118 when unknown, 8180 when deactivated. Inside the write's transaction
     * pass {@link LockModeType#PESSIMISTIC_READ}, so a concurrent deactivation or deletion waits for the write.
     */
    Uni<Organization> writable(String tenantId, String id, LockModeType lock) {
        return organizations.lockInTenant(tenantId, id, lock)
                .invoke(organization -> requireWritable(organization == null ? null : organization.active));
    }

    /** The rule for writing under an organization, given whether it is active (null: the tenant has none such). */
    static void requireWritable(Boolean active) {
        if (active == null) {
            throw notFound();
        }
        if (!active) {
            throw new OrganizationInactive();
        }
    }

    /** Responses with the organizations' domains and active connections: three queries whatever their number. */
    /**
     * The responses, after the session has closed: the connection links and their connections are read through the
     * pool, which a query inside the session would ask for a second connection while the session holds one (with as
     * many such requests as the pool has connections, none would get one).
     */
    private Uni<List<OrganizationResponse>> responses(String tenantId, Loaded loaded) {
        if (loaded.shown().isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> ids = loaded.shown().stream().map(organization -> organization.id).toList();
        return links.listFor(tenantId, ids).chain(allLinks -> connectionRows.findActive(pool, tenantId,
                allLinks.stream().map(link -> link.connectionId).toList())
                .map(active -> loaded.shown().stream().map(organization -> response(organization,
                        loaded.domains().stream().filter(d -> d.organizationId.equals(organization.id)).toList(),
                        allLinks.stream().filter(l -> l.organizationId.equals(organization.id)
                                && active.containsKey(l.connectionId))
                                .map(l -> summary(l, active.get(l.connectionId))).toList()))
                        .toList()));
    }

    /** The organizations' domains, read in the caller's session. */
    private Uni<Loaded> load(String tenantId, List<Organization> shown) {
        if (shown.isEmpty()) {
            return Uni.createFrom().item(new Loaded(shown, List.of()));
        }
        List<String> ids = shown.stream().map(organization -> organization.id).toList();
        return domains.listFor(tenantId, ids).map(allDomains -> new Loaded(shown, allDomains));
    }

    /** What the session read for some responses. */
    private record Loaded(List<Organization> shown, List<OrganizationDomain> domains) {
    }

    private record LoadedPage(Loaded loaded, String next) {
    }

    private static OrganizationResponse response(Organization o, List<OrganizationDomain> domains,
            List<OrgConnectionSummary> connections) {
        return new OrganizationResponse(o.id, o.name, new Display(o.displayName, o.logoUrl),
                o.metadata == null ? Map.of() : o.metadata, o.active, Timestamps.formatSeconds(o.createdAt),
                Timestamps.formatSeconds(o.updatedAt), domains.stream().map(DomainResponse::of).toList(), connections);
    }

    private static OrgConnectionSummary summary(OrgConnection link, ConnectionSummary connection) {
        return new OrgConnectionSummary(OrgConnectionIds.wire(link.connectionId), connection.name(), link.connectionType,
                link.domainName, connection.active());
    }

    private static void apply(Organization organization, OrganizationRequest request) {
        organization.name = request.name();
        organization.displayName = request.display() == null ? null : request.display().name();
        organization.logoUrl = request.display() == null ? null : request.display().logoUrl();
        organization.metadata = request.metadata();
        organization.updatedAt = Timestamps.nowUtc();
    }

    private static void check(OrganizationRequest request) {
        if (request == null) {
            throw new InvalidRequest(null, "The body must be a JSON object with a Name.", null);
        }
        if (request.name() == null || request.name().isBlank()) {
            throw new InvalidRequest("Name", REQUIRED, null);
        }
        if (request.name().length() > MAX_NAME) {
            throw new InvalidRequest("Name", tooLong(request.name(), MAX_NAME), null);
        }
        if (request.display() != null) {
            String name = request.display().name();
            if (name != null && name.length() > MAX_DISPLAY_NAME) {
                throw new InvalidRequest("Display.Name", tooLong(name, MAX_DISPLAY_NAME), null);
            }
            String logo = request.display().logoUrl();
            if (logo != null && !isWebUrl(logo)) {
                throw new InvalidRequest("Display.LogoURL", "'" + logo + "' is not an absolute http or https URL of "
                        + "at most " + MAX_URL + " characters", null);
            }
        }
        Metadata.check("Metadata", request.metadata(), null);
    }

    static String tooLong(String value, int max) {
        return "at most " + max + " characters (" + value.length() + " given)";
    }

    /** An absolute http or https URL with a host, of at most {@link #MAX_URL} characters. */
    static boolean isWebUrl(String value) {
        if (value.length() > MAX_URL) {
            return false;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static NotFound notFound() {
        return new NotFound(NotFound.Kind.ORGANIZATION, "The organization does not exist.");
    }
}
