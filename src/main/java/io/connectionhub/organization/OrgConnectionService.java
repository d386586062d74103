package io.connectionhub.organization;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.connectionhub.auth.PublicUrl;
import io.connectionhub.common.FieldEncryption;
import io.connectionhub.common.Ids;
import io.connectionhub.common.InvalidRequest;
import io.connectionhub.common.NotFound;
import io.connectionhub.common.Timestamps;
import io.connectionhub.connection.ConnectionLifecycle;
import io.connectionhub.connection.ConnectionService;
import io.connectionhub.connection.ConnectionSummary;
import io.connectionhub.saml.ParsedCertificate;
import io.connectionhub.saml.SpEndpoints;
import io.connectionhub.saml.SpIdentityService;
import io.connectionhub.saml.X509Certificates;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * An organization's SAML and OIDC connections. Each is a tenant connection (its row written through
 * {@link ConnectionLifecycle}: name rule, tenant-wide name uniqueness; deleted through {@link ConnectionService}) plus
 * the organization's link to it, its IdP settings and group roles, and for SAML an SP identity, all written in one
 * transaction. A write checks what it can before any remote request (organization, fields, domain), talks to the IdP
 * (metadata, discovery) outside any transaction, then re-checks the organization and domain under lock in the
 * transaction that writes.
 */
@ApplicationScoped
public class OrgConnectionService {

    private final Pool pool;
    private final OrganizationService organizations;
    private final OrgConnectionRepository links;
    private final ConnectionLifecycle connectionRows;
    private final ConnectionService connections;
    private final SpIdentityService spIdentities;
    private final IdpSettingsReader idps;
    private final FieldEncryption encryption;
    private final ObjectMapper json;
    private final PublicUrl publicUrl;

    public OrgConnectionService(Pool pool, OrganizationService organizations, OrgConnectionRepository links,
            ConnectionLifecycle connectionRows, ConnectionService connections, SpIdentityService spIdentities,
            IdpSettingsReader idps, FieldEncryption encryption, ObjectMapper json, PublicUrl publicUrl) {
        this.pool = pool;
        this.organizations = organizations;
        this.links = links;
        this.connectionRows = connectionRows;
        this.connections = connections;
        this.spIdentities = spIdentities;
        this.idps = idps;
        this.encryption = encryption;
        this.json = json;
        this.publicUrl = publicUrl;
    }

    public Uni<OrgConnectionResponse> create(String tenantId, String organizationId, OrgConnectionRequest request) {
        return create(tenantId, organizationId, request, null);
    }

    /**
     * A create whose SAML SP identity takes {@code spToken} (from {@link SpIdentityService#newToken()}), so that the SP
     * values shown to an IdP administrator before the connection existed (setup portal) are its values.
     */
    public Uni<OrgConnectionResponse> create(String tenantId, String organizationId, OrgConnectionRequest request,
            String spToken) {
        return writable(pool, tenantId, organizationId)
                .map(ignored -> OrgConnectionRules.check(request, true))
                .call(type -> usableDomain(pool, tenantId, organizationId, request.domain()))
                .chain(type -> idpSettings(type, request, null)
                        .chain(saml -> !type.saml() ? Uni.createFrom().item(new Remote(saml, null))
                                : (spToken == null ? spIdentities.generate() : spIdentities.generate(spToken))
                                        .map(sp -> new Remote(saml, sp)))
                        .chain(remote -> connections.reportingNameTaken(tenantId, request.name(),
                                pool.withTransaction(tx -> insert(tx, tenantId, organizationId, type, request, remote)))));
    }

    /** The write of a create: the connection row, its link, group roles and SP identity. */
    private Uni<OrgConnectionResponse> insert(SqlConnection tx, String tenantId, String organizationId,
            OrgConnectionType type, OrgConnectionRequest request, Remote remote) {
        return writable(tx, tenantId, organizationId)
                .chain(() -> usableDomain(tx, tenantId, organizationId, request.domain()))
                .chain(domain -> connectionRows.insertManaged(tx, tenantId, request.name(), type.strategy(),
                        List.of(domain.domainName()), request.active() == null || request.active()).chain(connection -> {
                            OrgConnection link = new OrgConnection();
                            link.connectionId = connection.id();
                            link.tenantId = tenantId;
                            link.organizationId = organizationId;
                            link.createdAt = Timestamps.nowUtc();
                            apply(link, type, request, domain, remote.saml());
                            List<GroupRole> roles = groupRoles(link, request.groupRoles(), List.of());
                            return links.insert(tx, link)
                                    .chain(() -> links.replaceGroupRoles(tx, tenantId, link.connectionId, roles))
                                    .chain(() -> remote.sp() == null ? Uni.createFrom().<SpEndpoints> nullItem()
                                            : spIdentities.store(tx, tenantId, link.connectionId, remote.sp()))
                                    .map(sp -> response(link, connection, roles, sp));
                        }));
    }

    public Uni<OrgConnectionsList> list(String tenantId, String organizationId) {
        return organizations.find(tenantId, organizationId)
                .chain(organization -> links.listFor(tenantId, List.of(organizationId)))
                .chain(found -> responses(tenantId, found))
                .map(OrgConnectionsList::new);
    }

    public Uni<OrgConnectionResponse> get(String tenantId, String organizationId, String wireId) {
        return organizations.find(tenantId, organizationId)
                .chain(organization -> activeLink(tenantId, organizationId, wireId))
                .chain(link -> responses(tenantId, List.of(link)))
                .map(found -> found.get(0));
    }

    /** The organization connection behind a tenant connection id ({@code con_...}), with its organization; or null. */
    public Uni<OrgConnectionView> findByConnection(String tenantId, String connectionId) {
        return links.findByConnection(tenantId, connectionId).chain(link -> link == null ? Uni.createFrom().nullItem()
                : responses(tenantId, List.of(link)).map(found -> found.isEmpty() ? null
                        : new OrgConnectionView(link.organizationId, found.get(0))));
    }

    /**
     * Turns sign-in through the connection on or off, leaving its settings as they are (the setup portal's last step,
     * and the console's switch). Under the same rules as a PUT: the organization must be active and the domain still
     * verified.
     */
    public Uni<OrgConnectionResponse> setActive(String tenantId, String organizationId, String wireId, boolean active) {
        return writable(pool, tenantId, organizationId)
                .chain(() -> activeLink(tenantId, organizationId, wireId))
                .chain(current -> pool.withTransaction(tx -> writable(tx, tenantId, organizationId)
                        .chain(() -> links.lock(tx, tenantId, organizationId, current.connectionId))
                        .onItem().ifNull().failWith(OrgConnectionService::connectionNotFound)
                        .chain(link -> usableDomain(tx, tenantId, organizationId, link.domainName)
                                .chain(domain -> connectionRows.findActive(tx, tenantId, List.of(link.connectionId)))
                                .chain(found -> {
                                    ConnectionSummary connection = found.get(link.connectionId);
                                    if (connection == null) {
                                        throw connectionNotFound();
                                    }
                                    return connectionRows.updateManaged(tx, tenantId, link.connectionId, connection.name(),
                                            List.of(link.domainName), active);
                                }))))
                .chain(() -> get(tenantId, organizationId, wireId));
    }

    /** Replaces the connection's settings; the SP identity of a SAML connection stays. */
    public Uni<OrgConnectionResponse> update(String tenantId, String organizationId, String wireId,
            OrgConnectionRequest request) {
        return writable(pool, tenantId, organizationId)
                .map(ignored -> OrgConnectionRules.check(request, false))
                .chain(type -> activeLink(tenantId, organizationId, wireId).chain(current -> {
                    if (OrgConnectionType.of(current.connectionType).saml() != type.saml()) {
                        throw new InvalidRequest("ConnectionType", "a " + current.connectionType + " connection cannot "
                                + "become " + type.wire() + " (SAML and OIDC do not mix); create a new connection", null);
                    }
                    return usableDomain(pool, tenantId, organizationId, request.domain())
                            .chain(() -> idpSettings(type, request, current))
                            .chain(saml -> connections.reportingNameTaken(tenantId, request.name(),
                                    pool.withTransaction(tx -> rewrite(tx, tenantId, organizationId,
                                            current.connectionId, type, request, saml))))
                            // After the commit: a query on another pooled connection while the transaction holds the
                            // link's lock deadlocks once every pooled connection is an update waiting for that lock.
                            .chain(written -> spIdentities.endpoints(tenantId, List.of(written.link().connectionId))
                                    .map(sp -> response(written.link(), written.connection(), written.roles(),
                                            sp.get(written.link().connectionId))));
                }));
    }

    /** What an update wrote, to be answered once its transaction has committed. */
    private record Rewritten(OrgConnection link, ConnectionSummary connection, List<GroupRole> roles) {
    }

    /** The write of an update; the link is locked first, so that two updates of one connection take turns. */
    private Uni<Rewritten> rewrite(SqlConnection tx, String tenantId, String organizationId,
            String connectionId, OrgConnectionType type, OrgConnectionRequest request, IdpSettingsReader.SamlIdp saml) {
        return writable(tx, tenantId, organizationId)
                .chain(() -> links.lock(tx, tenantId, organizationId, connectionId))
                .onItem().ifNull().failWith(OrgConnectionService::connectionNotFound)
                .chain(link -> usableDomain(tx, tenantId, organizationId, request.domain())
                        .chain(domain -> connectionRows.updateManaged(tx, tenantId, connectionId, request.name(),
                                List.of(domain.domainName()), request.active() == null || request.active())
                                .onItem().ifNull().failWith(OrgConnectionService::connectionNotFound)
                                .chain(connection -> {
                                    apply(link, type, request, domain, saml);
                                    return links.groupRoles(tx, tenantId, List.of(connectionId))
                                            .map(current -> groupRoles(link, request.groupRoles(), current))
                                            .call(roles -> links.update(tx, link)
                                                    .chain(() -> links.replaceGroupRoles(tx, tenantId, connectionId, roles)))
                                            .map(roles -> new Rewritten(link, connection, roles));
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
                        : links.find(tenantId, organizationId, connectionId))
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

    /**
     * The OIDC settings of an organization connection for sign-in, its client secret opened; null when the connection
     * is not an organization's OIDC connection.
     */
    public Uni<OrgOidcSettings> oidcSettings(String tenantId, String connectionId) {
        return links.findByConnection(tenantId, connectionId).chain(link -> {
            if (link == null || OrgConnectionType.of(link.connectionType).saml()) {
                return Uni.createFrom().nullItem();
            }
            return links.lockOrganization(pool, tenantId, link.organizationId).map(active -> new OrgOidcSettings(
                    link.connectionId, link.organizationId, Boolean.TRUE.equals(active), link.oidcIssuer,
                    link.oidcClientId, link.oidcClientSecret == null ? null
                            : encryption.open(link.oidcClientSecret, secretOwner(link)),
                    link.oidcScopes == null ? List.of() : link.oidcScopes));
        });
    }

    /** The SAML settings of an organization SAML connection; null when the connection is no organization's SAML one. */
    public Uni<OrgSamlSettings> samlSettings(String tenantId, String connectionId) {
        return links.findByConnection(tenantId, connectionId).chain(link -> {
            if (link == null || !OrgConnectionType.of(link.connectionType).saml()) {
                return Uni.createFrom().nullItem();
            }
            return links.lockOrganization(pool, tenantId, link.organizationId).map(active -> new OrgSamlSettings(
                    link.connectionId, link.organizationId, Boolean.TRUE.equals(active), link.idpEntityId,
                    link.idpSsoUrl, link.idpCertificate, link.idpInitiated, read(link)));
        });
    }

    /** 8118 when the tenant has no such organization, 8180 when it is deactivated; share-locked in a transaction. */
    private Uni<Void> writable(SqlClient client, String tenantId, String organizationId) {
        return links.lockOrganization(client, tenantId, organizationId)
                .invoke(OrganizationService::requireWritable).replaceWithVoid();
    }

    /** The organization's domain of that name: 8150 when it has none, 8177 when it is not verified. */
    private Uni<OrgConnectionRepository.DomainRow> usableDomain(SqlClient client, String tenantId, String organizationId,
            String name) {
        return links.lockDomain(client, tenantId, organizationId, name).map(domain -> {
            if (domain == null) {
                throw new DomainNotInOrganization(name);
            }
            if (!domain.verified()) {
                throw new DomainNotVerified(name);
            }
            return domain;
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
        return links.find(tenantId, organizationId, connectionId)
                .onItem().ifNull().failWith(OrgConnectionService::connectionNotFound)
                .call(link -> connectionRows.findActive(pool, tenantId, List.of(connectionId)).invoke(active -> {
                    if (active.isEmpty()) {
                        throw connectionNotFound();
                    }
                }));
    }

    /** Sets every setting from the request: a PUT replaces them all, except a ClientSecret it leaves out. */
    private void apply(OrgConnection link, OrgConnectionType type, OrgConnectionRequest request,
            OrgConnectionRepository.DomainRow domain, IdpSettingsReader.SamlIdp saml) {
        link.domainId = domain.id();
        link.domainName = domain.domainName();
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
        link.attributesJson = request.attributes() == null ? null : write(request.attributes());
        link.updatedAt = Timestamps.nowUtc();
    }

    /**
     * The connection's group roles after a write, in the request's order: an item with the {@code Id} of a current
     * mapping keeps that id, the others get new ones; current ones not named go.
     */
    private static List<GroupRole> groupRoles(OrgConnection link, List<OrgConnectionRequest.GroupRoleInput> wanted,
            List<GroupRole> current) {
        List<OrgConnectionRequest.GroupRoleInput> items = wanted == null ? List.of() : wanted;
        Map<String, GroupRole> byId = current.stream().collect(Collectors.toMap(GroupRole::id, Function.identity()));
        List<GroupRole> result = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            OrgConnectionRequest.GroupRoleInput item = items.get(i);
            if (item.id() != null && !byId.containsKey(item.id())) {
                throw new InvalidRequest("GroupRoles[" + i + "].Id", item.id() + " is not a group role of this "
                        + "connection (leave Id out for a new mapping)", null);
            }
            String id = item.id() != null ? item.id() : Ids.alphanumeric("group_role_", 16);
            result.add(new GroupRole(id, link.connectionId, item.groupId(), item.name(), item.roleId()));
        }
        return result;
    }

    /** Responses for these links, leaving out connections no longer active: four queries whatever their number. */
    private Uni<List<OrgConnectionResponse>> responses(String tenantId, List<OrgConnection> found) {
        if (found.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> ids = found.stream().map(link -> link.connectionId).toList();
        return connectionRows.findActive(pool, tenantId, ids).chain(active -> links.groupRoles(pool, tenantId, ids)
                .chain(roles -> spIdentities.endpoints(tenantId, ids).map(sp -> {
                    Map<String, List<GroupRole>> rolesOf = new HashMap<>();
                    roles.forEach(role -> rolesOf.computeIfAbsent(role.connectionId(), k -> new ArrayList<>()).add(role));
                    return found.stream().filter(link -> active.containsKey(link.connectionId))
                            .map(link -> response(link, active.get(link.connectionId),
                                    rolesOf.getOrDefault(link.connectionId, List.of()), sp.get(link.connectionId)))
                            .toList();
                })));
    }

    private OrgConnectionResponse response(OrgConnection link, ConnectionSummary connection, List<GroupRole> roles,
            SpEndpoints sp) {
        boolean saml = OrgConnectionType.of(link.connectionType).saml();
        return new OrgConnectionResponse(OrgConnectionIds.wire(link.connectionId), connection.active(),
                Timestamps.formatSeconds(link.createdAt),
                roles.stream().map(role -> new OrgConnectionResponse.GroupRoleView(role.groupId(), role.name(),
                        role.roleId(), role.id())).toList(),
                Timestamps.formatSeconds(link.updatedAt), connection.name(), link.domainName, read(link),
                link.idpEntityId, link.idpSsoUrl, link.idpMetadataUrl, saml ? link.idpInitiated : null,
                idpCertificate(link.idpCertificate), link.connectionType,
                sp == null ? null : sp.entityId(), sp == null ? null : sp.metadataUrl(), sp == null ? null : sp.acsEndpoint(),
                sp == null ? null : new OrgConnectionResponse.SpCertificate(sp.certificatePem()),
                link.oidcIssuer, link.oidcClientId, link.oidcScopes, saml ? null : publicUrl.oidcCallbackUrl());
    }

    private String write(Attributes attributes) {
        try {
            return json.writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Attributes do not write as JSON", e);
        }
    }

    private Attributes read(OrgConnection link) {
        if (link.attributesJson == null) {
            return null;
        }
        try {
            return json.readValue(link.attributesJson, Attributes.class);
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
