package io.connectionhub.sso;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.connectionhub.organization.OrganizationsForSignIn;
import io.connectionhub.tenant.SignInClient;
import io.connectionhub.tenant.TenantConfigCache;
import io.smallrye.mutiny.Uni;

/**
 * Which connection a sign-in goes to: the one the application named ({@code connection=}), one of an organization's
 * ({@code organization=}: the only one, the one whose verified domain is the email's, or the person's choice), the
 * connection of the organization that has the email's domain verified (home-realm discovery), else a database
 * connection enabled for the application. An application may use a connection enabled for it, or an organization's
 * connection reached through its organization.
 */
@ApplicationScoped
class SignInRouter {

    /** What {@link TenantConfigCache} keeps of a connection an application names, by client id and name. */
    private static final String CONNECTION_BY_NAME = "sign-in-connection-by-name";

    /** Where a sign-in goes next. */
    interface Route {
    }

    /** Straight to this connection. */
    record To(SignInConnection connection) implements Route {
    }

    /** The person chooses among the organization's connections. */
    record Choose(String organizationId, List<SignInConnection> connections) implements Route {
    }

    /** The identifier-first page asks for the email. */
    record AskEmail() implements Route {
    }

    private final SignInConnections connections;
    private final OrganizationsForSignIn organizations;

    SignInRouter(SignInConnections connections, OrganizationsForSignIn organizations) {
        this.connections = connections;
        this.organizations = organizations;
    }

    Uni<Route> route(TenantConfigCache.Snapshot config, SignInClient client, AuthorizationRequest request) {
        String tenantId = client.tenantId();
        if (request.connection() != null) {
            return config.get(CONNECTION_BY_NAME, client.clientId() + " " + request.connection(),
                    () -> connections.byName(tenantId, request.connection(), client.clientId())).chain(candidate -> {
                if (candidate == null) {
                    throw new AuthorizeRefused(AuthorizeRefused.INVALID_REQUEST,
                            "The connection '" + request.connection() + "' does not exist");
                }
                if (request.organization() == null) {
                    return Uni.createFrom().item(new To(usable(candidate, false, client)));
                }
                return organization(tenantId, request.organization()).map(organization -> {
                    if (candidate.link() == null || !candidate.link().organizationId().equals(organization.id())) {
                        throw new AuthorizeRefused(AuthorizeRefused.INVALID_REQUEST, "The connection '"
                                + request.connection() + "' is not a connection of the organization " + organization.id());
                    }
                    return new To(usable(candidate, true, client));
                });
            });
        }
        if (request.organization() != null) {
            return organization(tenantId, request.organization())
                    .chain(organization -> ofOrganization(client, organization.id(), request.loginHint()))
                    .map(route -> {
                        if (route == null) {
                            throw new AuthorizeRefused(AuthorizeRefused.ACCESS_DENIED, "The organization "
                                    + request.organization() + " has no active connection to sign in with");
                        }
                        return route;
                    });
        }
        if (request.loginHint() != null) {
            return byEmail(client, request.loginHint()).map(route -> {
                if (route == null) {
                    throw new AuthorizeRefused(AuthorizeRefused.INVALID_REQUEST, noConnectionFor(request.loginHint()));
                }
                return route;
            });
        }
        return Uni.createFrom().item(new AskEmail());
    }

    /**
     * Home-realm discovery of an email: the connection of the organization that has its domain verified, else the
     * application's first database connection; null when there is neither.
     */
    Uni<Route> byEmail(SignInClient client, String email) {
        String domain = domainOf(email);
        Uni<Route> discovered = domain == null ? Uni.createFrom().nullItem()
                : organizations.ownerOfVerifiedDomain(client.tenantId(), domain).chain(owner -> owner == null
                        || !owner.active() ? Uni.createFrom().nullItem() : ofOrganization(client, owner.id(), email));
        return discovered.chain(route -> route != null ? Uni.createFrom().item(route)
                : connections.databaseConnectionsFor(client.tenantId(), client.clientId())
                        .map(found -> found.isEmpty() ? null : new To(usable(found.get(0), false, client))));
    }

    /** One of the organization's connections, chosen on its page: it must be one of them. */
    Uni<SignInConnection> chosen(SignInClient client, String organizationId, String connectionId) {
        return connections.ofOrganization(client.tenantId(), organizationId, client.clientId()).map(found -> found
                .stream().filter(candidate -> candidate.connection().id().equals(connectionId)).findFirst()
                .map(candidate -> usable(candidate, true, client))
                .orElseThrow(() -> new AuthorizeRefused(AuthorizeRefused.INVALID_REQUEST,
                        "The connection chosen is not one of the organization's")));
    }

    /** The connections the organization page offers (for the email given, when there is one). */
    Uni<List<SignInConnection>> offered(SignInClient client, String organizationId, String email) {
        return ofOrganization(client, organizationId, email).map(route -> route == null ? List.<SignInConnection> of()
                : route instanceof To to ? List.of(to.connection()) : ((Choose) route).connections());
    }

    static String noConnectionFor(String email) {
        return "No connection to sign in " + email + " with: its domain is not a verified domain of an organization, "
                + "and no database connection is enabled for the application";
    }

    /** The organization's usable connections: the one for the email's domain, the only one, or a choice; or null. */
    private Uni<Route> ofOrganization(SignInClient client, String organizationId, String email) {
        return connections.ofOrganization(client.tenantId(), organizationId, client.clientId()).map(found -> {
            List<SignInConnections.Candidate> active = found.stream()
                    .filter(candidate -> candidate.connection().authenticationActive()).toList();
            if (active.isEmpty()) {
                return null;
            }
            String domain = email == null ? null : domainOf(email);
            List<SignInConnections.Candidate> forDomain = active.stream()
                    .filter(candidate -> candidate.link().domainName().equals(domain)).toList();
            if (forDomain.size() == 1) {
                return new To(usable(forDomain.get(0), true, client));
            }
            if (active.size() == 1) {
                return new To(usable(active.get(0), true, client));
            }
            List<SignInConnections.Candidate> offered = forDomain.isEmpty() ? active : forDomain;
            return new Choose(organizationId, offered.stream().map(candidate -> usable(candidate, true, client)).toList());
        });
    }

    private Uni<OrganizationsForSignIn.OrganizationRef> organization(String tenantId, String organizationId) {
        return organizations.organization(tenantId, organizationId).map(organization -> {
            if (organization == null) {
                throw new AuthorizeRefused(AuthorizeRefused.INVALID_REQUEST,
                        "The organization " + organizationId + " does not exist");
            }
            if (!organization.active()) {
                throw new AuthorizeRefused(AuthorizeRefused.ACCESS_DENIED,
                        "The organization " + organizationId + " is deactivated");
            }
            return organization;
        });
    }

    /** The connection, when this application may sign in through it now; the refusal that says why not otherwise. */
    private static SignInConnection usable(SignInConnections.Candidate candidate, boolean throughOrganization,
            SignInClient client) {
        var connection = candidate.connection();
        if (!throughOrganization && !connection.enabledForClient()) {
            throw new AuthorizeRefused(AuthorizeRefused.UNAUTHORIZED_CLIENT, "The connection '" + connection.name()
                    + "' is not enabled for the application '" + client.name() + "' (" + client.clientId() + ")");
        }
        if (!connection.authenticationActive()) {
            throw new AuthorizeRefused(AuthorizeRefused.UNAUTHORIZED_CLIENT,
                    "Sign-in through the connection '" + connection.name() + "' is turned off");
        }
        if (candidate.link() != null && !candidate.link().organizationActive()) {
            throw new AuthorizeRefused(AuthorizeRefused.ACCESS_DENIED, "The organization "
                    + candidate.link().organizationId() + " of the connection '" + connection.name() + "' is deactivated");
        }
        if (UpstreamKind.of(connection.strategy()) == null) {
            throw new AuthorizeRefused(AuthorizeRefused.ACCESS_DENIED, "Sign-in through connections of strategy '"
                    + connection.strategy() + "' is not available on this service (connection '" + connection.name() + "')");
        }
        return candidate.signIn();
    }

    /** The lower-cased domain of an email; null when it is not an email. */
    static String domainOf(String email) {
        int at = email.lastIndexOf('@');
        if (at <= 0 || at == email.length() - 1) {
            return null;
        }
        return email.substring(at + 1).trim().toLowerCase(Locale.ROOT);
    }
}
