package io.connectionhub.setup;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

import io.connectionhub.auth.PublicUrl;
import io.connectionhub.common.DomainException;
import io.connectionhub.common.InvalidRequest;
import io.connectionhub.common.NotFound;
import io.connectionhub.connection.ConnectionNameTaken;
import io.connectionhub.organization.DomainNotInOrganization;
import io.connectionhub.organization.DomainNotVerified;
import io.connectionhub.organization.DomainRequest;
import io.connectionhub.organization.OrgConnectionRequest;
import io.connectionhub.organization.OrgConnectionResponse;
import io.connectionhub.organization.OrgConnectionService;
import io.connectionhub.organization.OrganizationDomainService;
import io.connectionhub.organization.OrganizationService;
import io.connectionhub.page.PageRefused;
import io.connectionhub.saml.SpIdentityService;
import io.connectionhub.sso.Browser;
import io.connectionhub.sso.SignInTest;
import io.connectionhub.sso.TestSignInResult;
import io.connectionhub.ui.FieldNames;
import io.connectionhub.ui.FormErrors;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;

/**
 * The self-serve setup portal an organization's IT admin reaches through a setup link: prove a domain, choose the
 * identity provider, enter its side, validate, test a sign-in, activate. Every handler works on the link's own organization only
 * (tenant and organization come from the session, never from the request), through the same services and rules as
 * the APIs.
 */
@Path("/setup")
@Produces(MediaType.TEXT_HTML)
public class PortalResource {

    static final FieldNames CONNECTION_FIELDS = FieldNames.form("name", "Connection").map("Name", "name",
            "Connection name").map("Domain", "domain", "Domain").map("IDPMetadataUrl", "metadata-url", "Metadata URL")
            .map("IDPMetadataXml", "metadata-xml", "Metadata XML").map("IDPEntityId", "entity-id", "IdP entity ID")
            .map("IDPSSOUrl", "sso-url", "Single sign-on URL").map("IDPCertificate", "certificate", "Signing certificate")
            .map("OIDCIssuer", "issuer", "Issuer URL").map("ClientId", "client-id", "Client ID")
            .map("ClientSecret", "client-secret", "Client secret").map("ConnectionType", "name", "Connection");
    static final FieldNames DOMAIN_FIELDS = FieldNames.form("domain-name", "Domain").map("DomainName", "domain-name",
            "Domain");

    /** What the IdP form was given, shown again when it is refused. */
    public record IdpForm(String name, String domain, String metadataUrl, String metadataXml, String entityId,
            String ssoUrl, String certificate, String issuer, String clientId) {
    }

    @CheckedTemplate(basePath = "setup")
    static class Templates {
        static native TemplateInstance tasks(PortalState state);

        static native TemplateInstance domain(PortalState state, String notice, FormErrors errors, String domainName);

        static native TemplateInstance choose(PortalState state, List<IdentityProvider> providers);

        static native TemplateInstance idp(PortalState state, IdentityProvider provider, IdpForm form, FormErrors errors);

        static native TemplateInstance validate(PortalState state, FormErrors errors);

        static native TemplateInstance done(PortalState state);

        static native TemplateInstance test(PortalState state, TestSignInResult result);
    }

    private final SetupSessions sessions;
    private final SetupCaller caller;
    private final SetupLinkRepository links;
    private final OrganizationService organizations;
    private final OrganizationDomainService domains;
    private final OrgConnectionService orgConnections;
    private final SpIdentityService spIdentities;
    private final SignInTest test;
    private final PublicUrl publicUrl;

    public PortalResource(SetupSessions sessions, SetupCaller caller, SetupLinkRepository links,
            OrganizationService organizations, OrganizationDomainService domains, OrgConnectionService orgConnections,
            SpIdentityService spIdentities, SignInTest test, PublicUrl publicUrl) {
        this.sessions = sessions;
        this.caller = caller;
        this.links = links;
        this.organizations = organizations;
        this.domains = domains;
        this.orgConnections = orgConnections;
        this.spIdentities = spIdentities;
        this.test = test;
        this.publicUrl = publicUrl;
    }

    /** Exchanges the link's token for a portal session, then sends the browser on so the token leaves the address bar. */
    @GET
    @Path("/{token}")
    @Operation(hidden = true)
    public Uni<Response> open(@PathParam("token") String token) {
        return sessions.open(token).map(cookie -> Response.seeOther(URI.create("/setup")).cookie(newCookie(cookie))
                .build());
    }

    @GET
    @Operation(hidden = true)
    @SetupSignedIn
    public Uni<TemplateInstance> tasks() {
        return state().map(Templates::tasks);
    }

    // --- 1. domain

    @GET
    @Path("/domain")
    @Operation(hidden = true)
    @SetupSignedIn
    public Uni<TemplateInstance> domain() {
        requireIntent(SetupLink.DOMAIN_VERIFICATION);
        return state().map(state -> Templates.domain(state, null, FormErrors.none(), ""));
    }

    @POST
    @Path("/domain")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    @SetupSignedIn
    public Uni<Response> addDomain(@RestForm("domain-name") String domainName) {
        SetupLink link = requireIntent(SetupLink.DOMAIN_VERIFICATION);
        String given = domainName == null ? "" : domainName.strip().toLowerCase(Locale.ROOT);
        return Uni.createFrom().deferred(() -> domains.add(link.tenantId(), link.organizationId(), new DomainRequest(given)))
                .chain(added -> domainPage(200, "Domain " + added.domainName() + " added. Publish the TXT record below, "
                        + "then choose Check now.", FormErrors.none(), ""))
                .onFailure(failure -> failure instanceof DomainException && !(failure instanceof NotFound))
                .recoverWithUni(refusal -> domainPage(400, null, FormErrors.from((DomainException) refusal, DOMAIN_FIELDS),
                        given));
    }

    @POST
    @Path("/domain/{domainId}/check")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    @SetupSignedIn
    public Uni<Response> checkDomain(@PathParam("domainId") String domainId) {
        SetupLink link = requireIntent(SetupLink.DOMAIN_VERIFICATION);
        return Uni.createFrom().deferred(() -> domains.verify(link.tenantId(), link.organizationId(), domainId))
                .chain(domain -> domainPage(200, "Domain " + domain.domainName() + " is verified.", FormErrors.none(), ""))
                .onFailure(failure -> failure instanceof DomainException && !(failure instanceof NotFound))
                .recoverWithUni(refusal -> domainPage(422, null, FormErrors.of("check-" + domainId, "Domain check",
                        refusal.getMessage()), ""));
    }

    // --- 2. identity provider

    @GET
    @Path("/idp")
    @Operation(hidden = true)
    @SetupSignedIn
    public Uni<TemplateInstance> choose() {
        requireIntent(SetupLink.SSO);
        return state().map(state -> Templates.choose(state, IdentityProvider.ALL));
    }

    // --- 3. the IdP's side

    @GET
    @Path("/idp/{kind}")
    @Operation(hidden = true)
    @SetupSignedIn
    public Uni<TemplateInstance> idp(@PathParam("kind") String kind) {
        requireIntent(SetupLink.SSO);
        IdentityProvider provider = provider(kind);
        return state().map(state -> Templates.idp(state, provider, form(state, provider), FormErrors.none()));
    }

    @POST
    @Path("/idp/{kind}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    @SetupSignedIn
    public Uni<Response> saveIdp(@PathParam("kind") String kind, @RestForm("name") String name,
            @RestForm("domain") String domain, @RestForm("metadata-url") String metadataUrl,
            @RestForm("metadata-xml") String metadataXml, @RestForm("entity-id") String entityId,
            @RestForm("sso-url") String ssoUrl, @RestForm("certificate") String certificate,
            @RestForm("issuer") String issuer, @RestForm("client-id") String clientId,
            @RestForm("client-secret") String clientSecret) {
        SetupLink link = requireIntent(SetupLink.SSO);
        IdentityProvider provider = provider(kind);
        IdpForm given = new IdpForm(text(name), text(domain), text(metadataUrl), text(metadataXml), text(entityId),
                text(ssoUrl), text(certificate), text(issuer), text(clientId));
        OrgConnectionRequest request = request(provider, given, text(clientSecret));
        return state().chain(state -> {
            if (state.connection() != null && state.provider() != null && state.provider().saml() != provider.saml()) {
                return Uni.createFrom().failure(new InvalidRequest("ConnectionType", "this organization's connection "
                        + "is for " + state.provider().label() + "; a SAML connection cannot become OpenID Connect or "
                        + "the other way round", null));
            }
            Uni<OrgConnectionResponse> saved = state.connection() == null
                    ? Uni.createFrom().deferred(() -> orgConnections.create(link.tenantId(), link.organizationId(), request,
                            link.spToken()))
                            .call(created -> links.setConnection(link.id(), "con_" + created.id().substring(5)))
                    : Uni.createFrom().deferred(() -> orgConnections.update(link.tenantId(), link.organizationId(),
                            state.connection().id(), request)).call(() -> links.clearTested(link.id()));
            return saved;
        }).map(saved -> Response.seeOther(URI.create("/setup/validate")).build())
                .onFailure(failure -> failure instanceof DomainException && !(failure instanceof NotFound))
                .recoverWithUni(refusal -> state().map(state -> html(400, Templates.idp(state, provider, given,
                        connectionErrors((DomainException) refusal)))));
    }

    // --- 4. validate, 6. activate

    @GET
    @Path("/validate")
    @Operation(hidden = true)
    @SetupSignedIn
    public Uni<TemplateInstance> validate() {
        requireIntent(SetupLink.SSO);
        return state().map(state -> Templates.validate(state, FormErrors.none()));
    }

    @POST
    @Path("/activate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    @SetupSignedIn
    public Uni<Response> activate() {
        SetupLink link = requireIntent(SetupLink.SSO);
        return state().chain(state -> {
            if (!state.valid()) {
                return Uni.createFrom().item(html(409, Templates.validate(state, FormErrors.of("activate", "Activate",
                        "Fix what the checks above report before activating."))));
            }
            return Uni.createFrom().deferred(() -> orgConnections.setActive(link.tenantId(), link.organizationId(),
                    state.connection().id(), true))
                    .chain(() -> links.complete(link.id()))
                    .map(ignored -> Response.seeOther(URI.create("/setup/done")).build())
                    .onFailure(failure -> failure instanceof DomainException && !(failure instanceof NotFound))
                    .recoverWithUni(refusal -> state().map(fresh -> html(409, Templates.validate(fresh,
                            FormErrors.of("activate", "Activate", refusal.getMessage())))));
        });
    }

    // --- 5. test sign-in

    /** Signs in through the link's connection (its organization's only: the id comes from the link, never the form). */
    @POST
    @Path("/test")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    @SetupSignedIn
    public Uni<Response> startTest(@Context HttpServerRequest http) {
        SetupLink link = requireIntent(SetupLink.SSO);
        return state().chain(state -> {
            if (state.connection() == null) {
                return Uni.createFrom().item(html(409, Templates.validate(state, FormErrors.of("test", "Test sign-in",
                        "Enter your identity provider's details before testing a sign-in."))));
            }
            return test.start(SignInTest.bySetupLink(link.id()), link.tenantId(), link.connectionId(), Browser.of(http))
                    .map(location -> Response.seeOther(location).build());
        });
    }

    /** The result of the link's test sign-in, shown once; a success marks step 5 done. */
    @GET
    @Path("/test/{resultId}")
    @Operation(hidden = true)
    @SetupSignedIn
    public Uni<TemplateInstance> testResult(@PathParam("resultId") String resultId) {
        SetupLink link = requireIntent(SetupLink.SSO);
        return test.result(SignInTest.bySetupLink(link.id()), link.tenantId(), resultId)
                .call(result -> result.succeeded() ? links.markTested(link.id()) : Uni.createFrom().voidItem())
                .chain(result -> state().map(state -> Templates.test(state, result)));
    }

    /** For a link without single sign-on: the IT admin says the domains are done. */
    @POST
    @Path("/finish")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    @SetupSignedIn
    public Uni<Response> finish() {
        SetupLink link = caller.link();
        return links.complete(link.id()).map(ignored -> Response.seeOther(URI.create("/setup/done")).build());
    }

    @GET
    @Path("/done")
    @Operation(hidden = true)
    @SetupSignedIn
    public Uni<TemplateInstance> done() {
        return state().map(Templates::done);
    }

    // ---

    /** The link's organization, the connection it made (if still there) and the SP values for its IdP. */
    private Uni<PortalState> state() {
        SetupLink link = caller.link();
        return organizations.get(link.tenantId(), link.organizationId()).chain(organization -> {
            Uni<OrgConnectionResponse> connection = link.connectionId() == null ? Uni.createFrom().nullItem()
                    : orgConnections.get(link.tenantId(), link.organizationId(), "conn_" + link.connectionId().substring(4))
                            .onFailure(NotFound.class).recoverWithNull();
            return connection.map(found -> new PortalState(link, organization, found,
                    found == null ? null : IdentityProvider.byConnectionType(found.connectionType()),
                    found != null && found.entityId() != null
                            ? new io.connectionhub.saml.SpEndpoints(found.entityId(), found.metadataUrl(), found.acsEndpoint(),
                                    null)
                            : spIdentities.planned(link.spToken()),
                    publicUrl.base() + "/login/callback"));
        });
    }

    private Uni<Response> domainPage(int status, String notice, FormErrors errors, String domainName) {
        return state().map(state -> html(status, Templates.domain(state, notice, errors, domainName)));
    }

    private SetupLink requireIntent(String intent) {
        SetupLink link = caller.link();
        if (!link.wants(intent)) {
            throw new PageRefused(403, "This setup link does not allow " + (SetupLink.SSO.equals(intent)
                    ? "setting up single sign-on." : "verifying domains."));
        }
        return link;
    }

    private static IdentityProvider provider(String kind) {
        IdentityProvider provider = IdentityProvider.byKey(kind);
        if (provider == null) {
            throw new PageRefused(404, "Unknown identity provider. Go back and choose one from the list.");
        }
        return provider;
    }

    private static IdpForm form(PortalState state, IdentityProvider provider) {
        OrgConnectionResponse c = state.connection();
        if (c != null) {
            return new IdpForm(c.name(), c.domain(), c.idpMetadataUrl(), null, c.idpEntityId(), c.idpSsoUrl(),
                    c.idpCertificate() == null ? null : c.idpCertificate().certificate(), c.oidcIssuer(), c.clientId());
        }
        String slug = state.organization().name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        String name = (slug.isEmpty() ? "org" : slug.length() > 100 ? slug.substring(0, 100).replaceAll("-+$", "") : slug)
                + "-" + provider.key();
        List<io.connectionhub.organization.DomainResponse> verified = state.verifiedDomains();
        return new IdpForm(name, verified.isEmpty() ? null : verified.get(0).domainName(), null, null, null, null, null,
                null, null);
    }

    private static OrgConnectionRequest request(IdentityProvider provider, IdpForm form, String clientSecret) {
        if (provider.saml()) {
            return new OrgConnectionRequest(form.name(), provider.connectionType(), form.domain(), false, false,
                    form.entityId(), form.ssoUrl(), form.certificate() == null ? null
                            : new OrgConnectionRequest.Certificate(form.certificate()),
                    form.metadataUrl(), form.metadataXml(), null, null, null, null, null, null);
        }
        return new OrgConnectionRequest(form.name(), provider.connectionType(), form.domain(), false, null, null, null, null,
                null, null, form.issuer(), form.clientId(), clientSecret, null, null, null);
    }

    private static FormErrors connectionErrors(DomainException refusal) {
        if (refusal instanceof ConnectionNameTaken) {
            return FormErrors.of("name", "Connection name", "Connection name: " + refusal.getMessage()
                    + ". Choose another name.");
        }
        if (refusal instanceof DomainNotVerified || refusal instanceof DomainNotInOrganization) {
            return FormErrors.of("domain", "Domain", "Domain: " + refusal.getMessage());
        }
        return FormErrors.from(refusal, CONNECTION_FIELDS);
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Response html(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page.render()).build();
    }

    private static NewCookie newCookie(Cookie cookie) {
        return new NewCookie.Builder(cookie.getName()).value(cookie.getValue()).path(cookie.getPath())
                .httpOnly(cookie.isHttpOnly()).secure(cookie.isSecure()).maxAge((int) cookie.getMaxAge())
                .sameSite(NewCookie.SameSite.LAX).build();
    }
}
