package io.connectionhub.organization;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.connectionhub.common.Ids;
import io.connectionhub.common.InvalidRequest;
import io.connectionhub.common.NotFound;
import io.connectionhub.common.Timestamps;
import io.connectionhub.common.UniqueViolation;
import io.connectionhub.connection.ConnectionLifecycle;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The domains of an organization and their proof by DNS. A domain may be claimed by several organizations of a
 * tenant but verified by one only (a partial unique index holds that); connections may use verified domains only.
 */
@ApplicationScoped
public class OrganizationDomainService {

    static final String NAME = "DomainName";
    static final int TOKEN_LENGTH = 32;

    private final Pool pool;
    private final OrganizationService organizations;
    private final OrganizationDomainRepository domains;
    private final OrgConnectionRepository links;
    private final ConnectionLifecycle connectionRows;
    private final DomainVerifier verifier;

    public OrganizationDomainService(Pool pool, OrganizationService organizations, OrganizationDomainRepository domains,
            OrgConnectionRepository links, ConnectionLifecycle connectionRows, DomainVerifier verifier) {
        this.pool = pool;
        this.organizations = organizations;
        this.domains = domains;
        this.links = links;
        this.connectionRows = connectionRows;
        this.verifier = verifier;
    }

    @WithTransaction
    public Uni<DomainResponse> add(String tenantId, String organizationId, DomainRequest request) {
        return organizations.writable(tenantId, organizationId, LockModeType.PESSIMISTIC_READ).chain(organization -> {
            String name = request == null ? null : request.domainName();
            String problem = DomainNames.problem(name);
            if (problem != null) {
                throw new InvalidRequest(NAME, problem, null);
            }
            return refuseIfVerifiedElsewhere(tenantId, organizationId, name).chain(() -> {
                OrganizationDomain domain = new OrganizationDomain();
                domain.id = Ids.alphanumeric("org_domain_", 16);
                domain.tenantId = tenantId;
                domain.organizationId = organizationId;
                domain.domainName = name;
                domain.verificationToken = Ids.alphanumeric("", TOKEN_LENGTH);
                domain.createdAt = Timestamps.nowUtc();
                return domains.persistAndFlush(domain)
                        .onFailure(failure -> UniqueViolation.of(failure, "organization_domains_name_key"))
                        .transform(failure -> new InvalidRequest(NAME, name + " is already a domain of this organization",
                                null))
                        .map(DomainResponse::of);
            });
        });
    }

    @WithSession
    public Uni<DomainsList> list(String tenantId, String organizationId) {
        return organizations.find(tenantId, organizationId)
                .chain(organization -> domains.listFor(tenantId, List.of(organizationId)))
                .map(found -> new DomainsList(found.stream().map(DomainResponse::of).toList()));
    }

    /**
     * Refused (7900) while a connection uses the domain. The domain row is locked first, so a connection being
     * created on it either committed before (and is seen here) or waits and then finds the domain gone.
     */
    public Uni<Deleted> delete(String tenantId, String organizationId, String domainId) {
        return Panache.withTransaction(() -> organizations.find(tenantId, organizationId)
                .chain(organization -> domains.lockInOrganization(tenantId, organizationId, domainId,
                        LockModeType.PESSIMISTIC_WRITE))
                .onItem().ifNull().failWith(OrganizationDomainService::notFound)
                .call(domain -> links.usingDomain(tenantId, domain.id).invoke(connectionId -> {
                    if (connectionId != null) {
                        throw new UsedBy(domain, connectionId);
                    }
                }))
                .call(domains::delete))
                .replaceWith(Deleted.YES)
                // The connection's name is looked up once the transaction is over: another pooled connection asked for
                // while holding the domain's lock deadlocks when every pooled connection waits for that lock.
                .onFailure(UsedBy.class).recoverWithUni(used -> inUse(tenantId, ((UsedBy) used).domain,
                        ((UsedBy) used).connectionId).replaceWith(Deleted.YES));
    }

    /** Within the delete's transaction: the domain is used by this connection (7900 once its name is known). */
    private static final class UsedBy extends RuntimeException {
        final transient OrganizationDomain domain;
        final String connectionId;

        UsedBy(OrganizationDomain domain, String connectionId) {
            super(null, null, false, false);
            this.domain = domain;
            this.connectionId = connectionId;
        }
    }

    /**
     * Looks up the domain's challenge record (outside any transaction: the lookup may take the DNS timeout) and marks
     * the domain verified when it holds the token; an already verified domain is answered as it is.
     */
    public Uni<DomainResponse> verify(String tenantId, String organizationId, String domainId) {
        return organizations.writable(tenantId, organizationId, LockModeType.NONE)
                .chain(organization -> domains.findInOrganization(tenantId, organizationId, domainId))
                .onItem().ifNull().failWith(OrganizationDomainService::notFound)
                .chain(domain -> {
                    if (domain.verified()) {
                        return Uni.createFrom().item(DomainResponse.of(domain));
                    }
                    return refuseIfVerifiedElsewhere(tenantId, organizationId, domain.domainName)
                            .chain(() -> verifier.verify(domain.domainName, domain.verificationToken))
                            .chain(result -> {
                                if (!result.verified()) {
                                    throw new DomainVerificationFailed(explain(result, domain.verificationToken));
                                }
                                return markVerified(tenantId, organizationId, domainId);
                            });
                });
    }

    private Uni<DomainResponse> markVerified(String tenantId, String organizationId, String domainId) {
        return Panache.withTransaction(() -> organizations.writable(tenantId, organizationId, LockModeType.PESSIMISTIC_READ)
                .chain(organization -> domains.lockInOrganization(tenantId, organizationId, domainId,
                        LockModeType.PESSIMISTIC_WRITE))
                .onItem().ifNull().failWith(OrganizationDomainService::notFound)
                .chain(domain -> {
                    if (domain.verifiedAt == null) {
                        domain.verifiedAt = Timestamps.nowUtc();
                    }
                    return domains.flush()
                            .onFailure(failure -> UniqueViolation.of(failure, "organization_domains_verified_key"))
                            .transform(failure -> verifiedElsewhere(domain.domainName))
                            .map(ignored -> DomainResponse.of(domain));
                }));
    }

    private Uni<Void> refuseIfVerifiedElsewhere(String tenantId, String organizationId, String name) {
        return domains.verifiedElsewhere(tenantId, organizationId, name).invoke(taken -> {
            if (taken) {
                throw verifiedElsewhere(name);
            }
        }).replaceWithVoid();
    }

    private static InvalidRequest verifiedElsewhere(String name) {
        return new InvalidRequest(NAME, name + " is already verified by another organization of this tenant", null);
    }

    private Uni<Void> inUse(String tenantId, OrganizationDomain domain, String connectionId) {
        return connectionRows.findActive(pool, tenantId, List.of(connectionId)).invoke(active -> {
            String name = active.containsKey(connectionId) ? active.get(connectionId).name() : "being deleted";
            throw new DomainInUse(domain.domainName, name, OrgConnectionIds.wire(connectionId));
        }).replaceWithVoid();
    }

    /** The 8168 Description: what was asked, what the DNS answered, and what to publish. */
    static String explain(DomainVerification result, String token) {
        String expected = DomainVerifier.expectedValue(token);
        return switch (result.outcome()) {
            case NO_RECORD -> "No TXT record found at " + result.recordName() + ". Publish one with the value " + expected
                    + " and verify again.";
            case NO_MATCH -> "No TXT record at " + result.recordName() + " has the value " + expected + " (found: "
                    + String.join(", ", result.valuesSeen().stream().map(v -> "\"" + v + "\"").toList()) + ").";
            case TIMEOUT, ERROR -> "The DNS lookup of " + result.recordName() + " failed: " + result.problem()
                    + ". Try again later.";
            case FOUND_MATCH -> throw new IllegalArgumentException("a match is not a failure");
        };
    }

    private static NotFound notFound() {
        return new NotFound(NotFound.Kind.DOMAIN, "The domain does not exist within the organization.");
    }
}
