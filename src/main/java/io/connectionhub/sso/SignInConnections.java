package io.connectionhub.sso;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.connectionhub.connection.ConnectionForSignIn;
import io.connectionhub.connection.ConnectionsForSignIn;
import io.connectionhub.organization.OrgConnectionForSignIn;
import io.connectionhub.organization.OrganizationsForSignIn;
import io.smallrye.mutiny.Uni;

/** The connections of sign-in, with their organization link when they are an organization's. */
@ApplicationScoped
public class SignInConnections {

    /** A connection with what decides whether an application may sign in through it. */
    record Candidate(ConnectionForSignIn connection, OrgConnectionForSignIn link) {

        SignInConnection signIn() {
            return SignInConnections.of(connection, link);
        }
    }

    private final ConnectionsForSignIn connections;
    private final OrganizationsForSignIn organizations;

    public SignInConnections(ConnectionsForSignIn connections, OrganizationsForSignIn organizations) {
        this.connections = connections;
        this.organizations = organizations;
    }

    /** The active connection with that id, or null. */
    public Uni<SignInConnection> find(String tenantId, String connectionId) {
        return candidate(tenantId, connectionId, "").map(found -> found == null ? null : found.signIn());
    }

    Uni<Candidate> candidate(String tenantId, String connectionId, String clientId) {
        return connections.byId(tenantId, connectionId, clientId).chain(this::withLink);
    }

    Uni<Candidate> byName(String tenantId, String name, String clientId) {
        return connections.byName(tenantId, name, clientId).chain(this::withLink);
    }

    /** The organization's active connections, oldest first. */
    Uni<List<Candidate>> ofOrganization(String tenantId, String organizationId, String clientId) {
        return organizations.connectionsOf(tenantId, organizationId).chain(links -> {
            Map<String, OrgConnectionForSignIn> byId = links.stream()
                    .collect(Collectors.toMap(OrgConnectionForSignIn::connectionId, Function.identity()));
            return connections.byIds(tenantId, List.copyOf(byId.keySet()), clientId)
                    .map(found -> found.stream().map(c -> new Candidate(c, byId.get(c.id()))).toList());
        });
    }

    /** The database connections enabled for the application, oldest first. */
    Uni<List<Candidate>> databaseConnectionsFor(String tenantId, String clientId) {
        return connections.databaseConnectionsFor(tenantId, clientId)
                .map(found -> found.stream().map(c -> new Candidate(c, null)).toList());
    }

    private Uni<Candidate> withLink(ConnectionForSignIn connection) {
        if (connection == null) {
            return Uni.createFrom().nullItem();
        }
        return organizations.linkOf(connection.tenantId(), connection.id())
                .map(link -> new Candidate(connection, link));
    }

    static SignInConnection of(ConnectionForSignIn connection, OrgConnectionForSignIn link) {
        return new SignInConnection(connection.id(), connection.tenantId(), connection.name(), connection.displayName(),
                connection.strategy(), UpstreamKind.of(connection.strategy()),
                link == null ? null : link.organizationId(), link == null ? null : link.connectionType(),
                link != null && link.idpInitiated());
    }
}
