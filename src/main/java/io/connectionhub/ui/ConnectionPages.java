package io.connectionhub.ui;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.databind.JsonNode;

import io.connectionhub.common.NotFound;
import io.connectionhub.connection.ConnectionResponse;
import io.connectionhub.connection.ConnectionRows;
import io.connectionhub.connection.ConnectionService;
import io.connectionhub.connection.Strategy;
import io.connectionhub.organization.OrgConnectionResponse;
import io.connectionhub.organization.OrgConnectionService;
import io.connectionhub.saml.SpEndpoints;
import io.connectionhub.saml.SpIdentityService;
import io.connectionhub.sso.Browser;
import io.connectionhub.sso.LogEvent;
import io.connectionhub.sso.SignInLog;
import io.connectionhub.sso.SignInTest;
import io.connectionhub.sso.TestSignInResult;
import io.connectionhub.user.UserService;
import io.connectionhub.user.UsersPage;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * The console's connections: the list (with deletions in progress), a connection's page, its users, and its test
 * sign-in (the real flow through the connection, back to a page of the member who started it).
 */
@Path("/ui/connections")
@ConsoleSignedIn
@Produces(MediaType.TEXT_HTML)
public class ConnectionPages {

    static final int PAGE_SIZE = 50;
    /**
     * A connection page counts users up to this many, so that it stays fast for a connection with millions (counting
     * 100,000 index entries took about 50 ms here, 10,000 a tenth of that).
     */
    static final long USER_COUNT_CAP = 10_000;
    static final int RECENT_EVENTS = 10;

    @CheckedTemplate(basePath = "ui")
    static class Templates {
        static native TemplateInstance connections(ConnectionRows page, String strategy, List<String> strategies);

        static native TemplateInstance connection(ConnectionDetail detail);

        static native TemplateInstance users(ConnectionResponse connection, UsersPage page, String email);

        static native TemplateInstance testResult(ConnectionResponse connection, TestSignInResult result);
    }

    private final ConnectionService connections;
    private final OrgConnectionService orgConnections;
    private final SpIdentityService spIdentities;
    private final UserService users;
    private final SignInLog log;
    private final SignInTest test;
    private final ConsoleCaller caller;

    public ConnectionPages(ConnectionService connections, OrgConnectionService orgConnections,
            SpIdentityService spIdentities, UserService users, SignInLog log, SignInTest test, ConsoleCaller caller) {
        this.connections = connections;
        this.orgConnections = orgConnections;
        this.spIdentities = spIdentities;
        this.users = users;
        this.log = log;
        this.test = test;
        this.caller = caller;
    }

    @GET
    @Operation(hidden = true)
    public Uni<TemplateInstance> list(@QueryParam("strategy") String strategy, @QueryParam("from") String from) {
        String chosen = strategy == null || strategy.isBlank() ? null : strategy;
        return connections.rows(caller.tenantId(), chosen, from, PAGE_SIZE)
                .map(page -> Templates.connections(page, chosen, Strategy.ALL.stream().sorted().toList()));
    }

    @GET
    @Path("/{id}")
    @Operation(hidden = true)
    public Uni<TemplateInstance> detail(@PathParam("id") String id) {
        String tenantId = caller.tenantId();
        return connections.get(tenantId, id, true).chain(connection -> spIdentities.endpoints(tenantId, List.of(id))
                .chain(sp -> orgConnections.findByConnection(tenantId, id).chain(org -> users
                        .countUpTo(id, USER_COUNT_CAP + 1).chain(count -> recentEvents(tenantId, id)
                                .map(events -> Templates.connection(detail(connection, sp.get(id),
                                        org == null ? null : org.organizationId(), org == null ? null : org.connection(),
                                        count, events)))))));
    }

    @GET
    @Path("/{id}/sp-metadata.xml")
    @Produces("application/samlmetadata+xml")
    @Operation(hidden = true)
    public Uni<Response> spMetadata(@PathParam("id") String id) {
        return spIdentities.endpoints(caller.tenantId(), List.of(id)).chain(found -> {
            SpEndpoints sp = found.get(id);
            if (sp == null) {
                throw new NotFound(NotFound.Kind.CONNECTION, "This connection has no SAML service provider metadata");
            }
            String token = sp.entityId().substring(sp.entityId().lastIndexOf('/') + 1);
            return spIdentities.metadata(token);
        }).map(xml -> Response.ok(xml, "application/samlmetadata+xml")
                .header("Content-Disposition", "attachment; filename=\"" + id + "-sp-metadata.xml\"").build());
    }

    @GET
    @Path("/{id}/users")
    @Operation(hidden = true)
    public Uni<TemplateInstance> users(@PathParam("id") String id, @QueryParam("email") String email,
            @QueryParam("from") String from) {
        String tenantId = caller.tenantId();
        return connections.get(tenantId, id, false).chain(connection -> users.search(tenantId, id, email, from, PAGE_SIZE)
                .map(page -> Templates.users(connection, page, email == null ? "" : email)));
    }

    @POST
    @Path("/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> delete(@PathParam("id") String id) {
        return connections.delete(caller.tenantId(), id)
                .map(started -> Response.seeOther(URI.create("/ui/connections")).build());
    }

    /** Starts a test sign-in through the connection; it ends on {@link #testResult}. */
    @POST
    @Path("/{id}/test")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> startTest(@PathParam("id") String id, @Context HttpServerRequest http) {
        ConsoleMember member = caller.member();
        return test.start(SignInTest.byMember(member.memberId()), member.tenantId(), id, Browser.of(http))
                .map(location -> Response.seeOther(location).build());
    }

    /** The result of the member's test sign-in through the connection, shown once. */
    @GET
    @Path("/{id}/test/{resultId}")
    @Operation(hidden = true)
    public Uni<TemplateInstance> testResult(@PathParam("id") String id, @PathParam("resultId") String resultId) {
        ConsoleMember member = caller.member();
        return connections.get(member.tenantId(), id, false).chain(connection -> test
                .result(SignInTest.byMember(member.memberId()), member.tenantId(), resultId).map(result -> {
                    if (!id.equals(result.connectionId())) {
                        throw new NotFound(NotFound.Kind.CONNECTION, "This test result is of another connection");
                    }
                    return Templates.testResult(withoutOptions(connection), result);
                }));
    }

    /** The connection's last {@value #RECENT_EVENTS} sign-in events, newest first. */
    @SuppressWarnings("unchecked")
    private Uni<List<LogEvent>> recentEvents(String tenantId, String connectionId) {
        return log.search(tenantId, "connection_id:\"" + connectionId + "\"", 0, RECENT_EVENTS, "date:-1", false)
                .map(found -> (List<LogEvent>) found);
    }

    private static ConnectionDetail detail(ConnectionResponse connection, SpEndpoints sp, String organizationId,
            OrgConnectionResponse org, long count, List<LogEvent> events) {
        Instant now = Instant.now();
        String entityId = null;
        String ssoUrl = null;
        CertificateFacts certificate = null;
        if (org != null) {
            entityId = org.idpEntityId();
            ssoUrl = org.idpSsoUrl();
            if (org.idpCertificate() != null) {
                certificate = CertificateFacts.parse(org.idpCertificate().notBefore(), org.idpCertificate().notAfter(), now);
            }
        } else if (connection.options() != null) {
            JsonNode options = connection.options();
            ssoUrl = text(options, "signInEndpoint");
            entityId = text(options, "entityId");
            String expires = text(options, "cert_expires_at");
            certificate = expires == null ? null : CertificateFacts.of(null, Instant.parse(expires), now);
        }
        return new ConnectionDetail(withoutOptions(connection), sp, entityId, ssoUrl, certificate, organizationId,
                Math.min(count, USER_COUNT_CAP), count > USER_COUNT_CAP, connection.enabledClients(), events,
                SignInTest.testable(connection.strategy()));
    }

    /** The page never shows options (they may hold secrets); it picked what it needs above. */
    private static ConnectionResponse withoutOptions(ConnectionResponse c) {
        return new ConnectionResponse(c.id(), null, c.strategy(), c.name(), c.displayName(), c.domainConnection(),
                c.showAsButton(), c.enabledClients(), c.realms(), c.metadata(), c.authentication(), c.connectedAccounts());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
