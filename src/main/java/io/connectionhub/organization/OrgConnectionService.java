package io.connectionhub.organization;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.connectionhub.common.FieldEncryption;
import io.connectionhub.common.Ids;
import io.connectionhub.common.InvalidRequest;
import io.connectionhub.common.NotFound;
import io.connectionhub.common.Timestamps;
import io.connectionhub.connection.ConnectionResponse;
import io.connectionhub.connection.ConnectionService;
import io.connectionhub.saml.ParsedCertificate;
import io.connectionhub.saml.SpEndpoints;
import io.connectionhub.saml.SpIdentityService;
import io.connectionhub.saml.X509Certificates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * An organization's SAML and OIDC connections. Each is a tenant connection ({@link ConnectionService}: name rule,
 * tenant-wide name uniqueness, deletion job) plus the organization's link to it, its IdP settings and group roles,
 * and for SAML an SP identity. A write checks what it can before any remote request (organization, fields, domain),
 * talks to the IdP (metadata, discovery) outside any transaction, then re-checks the organization and domain under
 * lock in the transaction that writes.
 */
@ApplicationScoped
public class OrgConnectionService {

    private final OrganizationService organizations;
    private final OrganizationDomainRepository domains;
    private final OrgConnectionRepository links;
    private final GroupRoleRepository groupRoles;
    private final ConnectionService connections;
    private final SpIdentityService spIdentities;
    private final IdpSettingsReader idps;
    private final FieldEncryption encryption;
    private final ObjectMapper json;

    public OrgConnectionService(OrganizationService organizations, OrganizationDomainRepository domains,
            OrgConnectionRepository links, GroupRoleRepository groupRoles, ConnectionService connections,
            SpIdentityService spIdentities, IdpSettingsReader idps, FieldEncryption encryption, ObjectMapper json) {
        this.organizations = organizations;
        this.domains = domains;
        this.links = links;
        this.groupRoles = groupRoles;
        this.connections = connections;
        this.spIdentities = spIdentities;
        this.idps = idps;
        this.encryption = encryption;
        this.json = json;
    }

    public Uni<OrgConnectionResponse> create(String tenantId, String organizationId, OrgConnectionRequest request) {
        return organizations.writable(tenantId, organizationId, LockModeType.NONE)
                .map(organization -> OrgConnectionRules.check(request, true))
                .call(type -> usableDomain(tenantId, organizationId, request.domain(), LockModeType.NONE))
                .chain(type -> idpSettings(type, request, null)
                        .chain(saml -> !type.saml() ? Uni.createFrom().item(new Remote(saml, null))
                                : spIdentities.generate().map(sp -> new Remote(saml, sp)))
                        .chain(remote -> connections.reportingNameTaken(tenantId, request.name(),
                                Panache.withTransaction(() -> insert(tenantId, organizationId, type, request, remote)))));
    }

    /** The write of a create: the connection, its link, group roles and SP identity, in the caller's transaction. */
    private Uni<OrgConnectionResponse> insert(String tenantId, String organizationId, OrgConnectionType type,
            OrgConnectionRequest request, Remote remote) {
        return organizations.writable(tenantId, organizationId, LockModeType.PESSIMISTIC_READ)
                .chain(() -> usableDomain(tenantId, organizationId, request.domain(), LockModeType.PESSIMISTIC_READ))
                .chain(domain -> connections.createManaged(tenantId, request.name(), type.strategy(),
                        List.of(domain.domainName), request.active() == null || request.active()).chain(connection -> {
                            OrgConnection link = new OrgConnection();
                            link.connectionId = connection.id();
                            link.tenantId = tenantId;
                            link.organizationId = organizationId;
                            link.createdAt = Timestamps.nowUtc();
                            apply(link, type, request, domain, remote.saml());
                            Uni<SpEndpoints> sp = remote.sp() == null ? Uni.createFrom().nullItem()
                                    : Uni.createFrom().deferred(() -> spIdentities.store(tenantId, link.connectionId,
                                            remote.sp()));
                            return links.persistAndFlush(link)
                                    .chain(() -> replaceGroupRoles(link, request.groupRoles()))
                                    .chain(roles -> sp.map(endpoints -> response(link, connection, domain.domainName,
                                            roles, endpoints)));
                        }));
    }

    @WithSession
    public Uni<OrgConnectionsList> list(String tenantId, String organizationId) {
        return organizations.find(tenantId, organizationId)
                .chain(organization -> links.listFor(tenantId, List.of(organizationId)))
                .chain(found -> responses(tenantId, found))
                .map(OrgConnectionsList::new);
    }

    @WithSession
    public Uni<OrgConnectionResponse> get(String tenantId, String organizationId, String wireId) {
        return organizations.find(tenantId, organizationId)
                .chain(organization -> activeLink(tenantId, organizationId, wireId))
                .chain(link -> responses(tenantId, List.of(link)))
                .map(found -> found.get(0));
    }

    /** Replaces the connection's settings; the SP identity of a SAML connection stays. */
    public Uni<OrgConnectionResponse> update(String tenantId, String organizationId, String wireId,
            OrgConnectionRequest request) {
        return organizations.writable(tenantId, organizationId, LockModeType.NONE)
                .map(organization -> OrgConnectionRules.check(request, false))
                .chain(type -> activeLink(tenantId, organizationId, wireId).chain(current -> {
                    if (OrgConnectionType.of(current.connectionType).saml() != type.saml()) {
                        throw new InvalidRequest("ConnectionType", "a " + current.connectionType + " connection cannot "
                                + "become " + type.wire() + " (SAML and OIDC do not mix); create a new connection", null);
                    }
                    return usableDomain(tenantId, organizationId, request.domain(), LockModeType.NONE)
                            .chain(() -> idpSettings(type, request, current))
                            .chain(saml -> connections.reportingNameTaken(tenantId, request.name(),
                                    Panache.withTransaction(() -> rewrite(tenantId, organizationId, wireId, type, request,
                                            saml))));
                }));
    }

    /** The write of an update, in the caller's transaction. */
    private Uni<OrgConnectionResponse> rewrite(String tenantId, String organizationId, String wireId,
            OrgConnectionType type, OrgConnectionRequest request, IdpSettingsReader.SamlIdp saml) {
        return organizations.writable(tenantId, organizationId, LockModeType.PESSIMISTIC_READ)
                .chain(() -> activeLink(tenantId, organizationId, wireId))
                .chain(link -> usableDomain(tenantId, organizationId, request.domain(), LockModeType.PESSIMISTIC_READ)
                        .chain(domain -> connections.updateManaged(tenantId, link.connectionId, request.name(),
                                List.of(domain.domainName), request.active() == null || request.active())
                                .chain(connection -> {
                                    apply(link, type, request, domain, saml);
                                    return replaceGroupRoles(link, request.groupRoles())
                                            .chain(roles -> spIdentities.endpoints(tenantId, List.of(link.connectionId))
                                                    .map(sp -> response(link, connection, domain.domainName, roles,
                                                            sp.get(link.connectionId))));
                                })));
    }

    /**
     * Starts the same deletion as /api/v2 (the name stays reserved until its purge ends). A connection whose deletion
     * already started, or finished, is 8166.
     */
    public Uni<Deleted> delete(String tenantId, String organizationId, String wireId) {
        String connectionId = OrgConnectionIds.connectionId(wireId);
        return organizations.find(tenantId, organizationId)
                .chain(organization -> connectionId == null ? Uni.createFrom().nullItem()
                        : links.findInOrganization(tenantId, organizationId, connectionId))
                .chain(link -> {
                    if (link == null) {
                        return connectionId == null ? Uni.createFrom().failure(connectionNotFound())
                                : connections.deletionStarted(tenantId, connectionId).map(started -> {
                                    throw started ? new DeletionAlreadyStarted() : connectionNotFound();
                                });
                    }
                    return connections.delete(tenantId, link.connectionId)
                            .onFailure(NotFound.class).transform(ignored -> new DeletionAlreadyStarted())
                            .replaceWith(Deleted.YES);
                });
    }

    /** What the IdP told: SAML settings (null for OIDC). An OIDC issuer is checked by discovery when it changes. */
    private Uni<IdpSettingsReader.SamlIdp> idpSettings(OrgConnectionType type, OrgConnectionRequest request,
            OrgConnection current) {
        if (type.saml()) {
            return idps.saml(request);
        }
        boolean unchanged = current != null && request.oidcIssuer().equals(current.oidcIssuer);
        return (unchanged ? Uni.createFrom().voidItem() : idps.checkIssuer(request.oidcIssuer())).replaceWith(
                (IdpSettingsReader.SamlIdp) null);
    }

    /** A connection's link in the organization, if the connection is active; else 8151. */
    private Uni<OrgConnection> activeLink(String tenantId, String organizationId, String wireId) {
        String connectionId = OrgConnectionIds.connectionId(wireId);
        if (connectionId == null) {
            return Uni.createFrom().failure(connectionNotFound());
        }
        return links.findInOrganization(tenantId, organizationId, connectionId)
                .onItem().ifNull().failWith(OrgConnectionService::connectionNotFound)
                .call(link -> connections.get(tenantId, connectionId, false)
                        .onFailure(NotFound.class).transform(ignored -> connectionNotFound()));
    }

    /** The organization's domain of that name: 8150 when it has none, 8177 when it is not verified. */
    private Uni<OrganizationDomain> usableDomain(String tenantId, String organizationId, String name, LockModeType lock) {
        return domains.findByName(tenantId, organizationId, name, lock).map(domain -> {
            if (domain == null) {
                throw new DomainNotInOrganization(name);
            }
            if (!domain.verified()) {
                throw new DomainNotVerified(name);
            }
            return domain;
        });
    }

    /** Sets every setting from the request: a PUT replaces them all, except a ClientSecret it leaves out. */
    private void apply(OrgConnection link, OrgConnectionType type, OrgConnectionRequest request, OrganizationDomain domain,
            IdpSettingsReader.SamlIdp saml) {
        link.domainId = domain.id;
        link.connectionType = type.wire();
        link.idpInitiated = Boolean.TRUE.equals(request.idpInitiated());
        link.idpEntityId = saml == null ? null : saml.entityId();
        link.idpSsoUrl = saml == null ? null : saml.ssoUrl();
        link.idpCertificate = saml == null ? null : saml.certificatePem();
        link.idpMetadataUrl = type.saml() ? request.idpMetadataUrl() : null;
        link.oidcIssuer = type.saml() ? null : request.oidcIssuer();
        link.oidcClientId = type.saml() ? null : request.clientId();
        if (type.saml()) {
            link.oidcClientSecret = null;
        } else if (request.clientSecret() != null) {
            link.oidcClientSecret = encryption.seal(request.clientSecret(), secretOwner(link));
        }
        link.oidcScopes = type.saml() ? null
                : request.scopes() == null ? OrgConnectionRules.DEFAULT_SCOPES : List.copyOf(request.scopes());
        link.attributes = request.attributes() == null ? null : json.valueToTree(request.attributes());
        link.updatedAt = Timestamps.nowUtc();
    }

    /**
     * Makes the connection's group roles those of the request, in its order: an item with the {@code Id} of a current
     * mapping keeps that mapping (and its id), the others are new; current ones not named go.
     */
    private Uni<List<GroupRole>> replaceGroupRoles(OrgConnection link, List<OrgConnectionRequest.GroupRoleInput> wanted) {
        List<OrgConnectionRequest.GroupRoleInput> items = wanted == null ? List.of() : wanted;
        return groupRoles.listFor(link.tenantId, List.of(link.connectionId)).chain(current -> {
            Map<String, GroupRole> byId = current.stream().collect(Collectors.toMap(role -> role.id, Function.identity()));
            List<GroupRole> result = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                OrgConnectionRequest.GroupRoleInput item = items.get(i);
                GroupRole role = item.id() == null ? null : byId.remove(item.id());
                if (item.id() != null && role == null) {
                    throw new InvalidRequest("GroupRoles[" + i + "].Id", item.id() + " is not a group role of this "
                            + "connection (leave Id out for a new mapping)", null);
                }
                if (role == null) {
                    role = new GroupRole();
                    role.id = Ids.alphanumeric("group_role_", 16);
                    role.tenantId = link.tenantId;
                    role.connectionId = link.connectionId;
                }
                role.position = i;
                role.groupId = item.groupId();
                role.name = item.name();
                role.roleId = item.roleId();
                result.add(role);
            }
            Uni<Void> removed = byId.isEmpty() ? Uni.createFrom().voidItem()
                    : groupRoles.deleteIn(link.tenantId, List.copyOf(byId.keySet())).replaceWithVoid();
            return removed.chain(() -> result.isEmpty() ? Uni.createFrom().voidItem() : groupRoles.persist(result))
                    .replaceWith(result);
        });
    }

    /** Responses for these links, leaving out connections no longer active: five queries whatever their number. */
    private Uni<List<OrgConnectionResponse>> responses(String tenantId, List<OrgConnection> found) {
        if (found.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> ids = found.stream().map(link -> link.connectionId).toList();
        List<String> domainIds = found.stream().map(link -> link.domainId).distinct().toList();
        return connections.getAll(tenantId, ids).chain(active -> domains.findByIds(tenantId, domainIds)
                .chain(foundDomains -> groupRoles.listFor(tenantId, ids)
                        .chain(roles -> spIdentities.endpoints(tenantId, ids).map(sp -> {
                            Map<String, ConnectionResponse> byId = active.stream()
                                    .collect(Collectors.toMap(ConnectionResponse::id, Function.identity()));
                            Map<String, String> domainNames = foundDomains.stream()
                                    .collect(Collectors.toMap(domain -> domain.id, domain -> domain.domainName));
                            Map<String, List<GroupRole>> rolesOf = new HashMap<>();
                            roles.forEach(role -> rolesOf.computeIfAbsent(role.connectionId, k -> new ArrayList<>()).add(role));
                            return found.stream().filter(link -> byId.containsKey(link.connectionId))
                                    .map(link -> response(link, byId.get(link.connectionId), domainNames.get(link.domainId),
                                            rolesOf.getOrDefault(link.connectionId, List.of()), sp.get(link.connectionId)))
                                    .toList();
                        }))));
    }

    private OrgConnectionResponse response(OrgConnection link, ConnectionResponse connection, String domainName,
            List<GroupRole> roles, SpEndpoints sp) {
        boolean saml = OrgConnectionType.of(link.connectionType).saml();
        return new OrgConnectionResponse(OrgConnectionIds.wire(link.connectionId), connection.authentication().active(),
                Timestamps.formatSeconds(link.createdAt),
                roles.stream().map(role -> new OrgConnectionResponse.GroupRoleView(role.groupId, role.name, role.roleId,
                        role.id)).toList(),
                Timestamps.formatSeconds(link.updatedAt), connection.name(), domainName, attributes(link),
                link.idpEntityId, link.idpSsoUrl, link.idpMetadataUrl, saml ? link.idpInitiated : null,
                idpCertificate(link.idpCertificate), link.connectionType,
                sp == null ? null : sp.entityId(), sp == null ? null : sp.metadataUrl(), sp == null ? null : sp.acsEndpoint(),
                sp == null ? null : new OrgConnectionResponse.SpCertificate(sp.certificatePem()),
                link.oidcIssuer, link.oidcClientId, link.oidcScopes);
    }

    private Attributes attributes(OrgConnection link) {
        if (link.attributes == null) {
            return null;
        }
        try {
            return json.treeToValue(link.attributes, Attributes.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored attributes of " + link.connectionId + " do not read back", e);
        }
    }

    private static OrgConnectionResponse.IdpCertificate idpCertificate(String pem) {
        if (pem == null) {
            return null;
        }
        ParsedCertificate certificate = X509Certificates.parse(pem);
        return new OrgConnectionResponse.IdpCertificate(certificate.pem(), Timestamps.formatSeconds(certificate.notAfter()),
                Timestamps.formatSeconds(certificate.notBefore()), certificate.expiredAt(Instant.now()));
    }

    /** Associated data of a sealed client secret: it opens only for the connection it was sealed for. */
    static String secretOwner(OrgConnection link) {
        return link.tenantId + "/" + link.connectionId + "/oidc-client-secret";
    }

    private static NotFound connectionNotFound() {
        return new NotFound(NotFound.Kind.CONNECTION, "The connection does not exist within the organization.");
    }

    /** What was learnt from the IdP and generated before the write: SAML settings and a new SP identity. */
    private record Remote(IdpSettingsReader.SamlIdp saml, SpIdentityService.Generated sp) {
    }
}
