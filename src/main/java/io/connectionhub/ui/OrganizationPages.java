package io.connectionhub.ui;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

import io.connectionhub.common.DomainException;
import io.connectionhub.common.NotFound;
import io.connectionhub.organization.Display;
import io.connectionhub.organization.DomainRequest;
import io.connectionhub.organization.OrganizationDomainService;
import io.connectionhub.organization.OrganizationRequest;
import io.connectionhub.organization.OrganizationService;
import io.connectionhub.organization.OrganizationsPage;
import io.connectionhub.setup.SetupLink;
import io.connectionhub.setup.SetupLinkCreated;
import io.connectionhub.setup.SetupLinkRequest;
import io.connectionhub.setup.SetupLinkService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;

/** The console's organizations: list and create, and an organization's domains, connections and setup links. */
@Path("/ui/organizations")
@ConsoleSignedIn
@Produces(MediaType.TEXT_HTML)
public class OrganizationPages {

    static final int PAGE_SIZE = 50;

    static final FieldNames ORGANIZATION_FIELDS = FieldNames.form("name", "Name").map("Name", "name", "Name")
            .map("Display.Name", "display-name", "Display name");
    static final FieldNames DOMAIN_FIELDS = FieldNames.form("domain-name", "Domain").map("DomainName", "domain-name",
            "Domain");
    static final FieldNames LINK_FIELDS = FieldNames.form("intent-sso", "Setup link").map("Intents", "intent-sso",
            "What the IT admin may do").map("TtlSeconds", "ttl-days", "Valid for").map("ReturnUrl", "return-url",
                    "Return URL");

    @CheckedTemplate(basePath = "ui")
    static class Templates {
        static native TemplateInstance organizations(OrganizationsPage page, String name, FormErrors errors);

        static native TemplateInstance organization(OrganizationView view);
    }

    private final OrganizationService organizations;
    private final OrganizationDomainService domains;
    private final SetupLinkService setupLinks;
    private final ConsoleCaller caller;

    public OrganizationPages(OrganizationService organizations, OrganizationDomainService domains,
            SetupLinkService setupLinks, ConsoleCaller caller) {
        this.organizations = organizations;
        this.domains = domains;
        this.setupLinks = setupLinks;
        this.caller = caller;
    }

    @GET
    @Operation(hidden = true)
    public Uni<TemplateInstance> list(@QueryParam("from") String from) {
        return organizations.list(caller.tenantId(), PAGE_SIZE, from)
                .map(page -> Templates.organizations(page, "", FormErrors.none()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> create(@RestForm("name") String name, @RestForm("display-name") String displayName) {
        String tenantId = caller.tenantId();
        return Uni.createFrom().deferred(() -> organizations.create(tenantId, new OrganizationRequest(blankToNull(name),
                new Display(blankToNull(displayName), null), null)))
                .map(created -> Response.seeOther(URI.create("/ui/organizations/" + created.id())).build())
                .onFailure(DomainException.class).recoverWithUni(refusal -> organizations.list(tenantId, PAGE_SIZE, null)
                        .map(page -> html(400, Templates.organizations(page, name == null ? "" : name,
                                FormErrors.from((DomainException) refusal, ORGANIZATION_FIELDS)))));
    }

    @GET
    @Path("/{id}")
    @Operation(hidden = true)
    public Uni<TemplateInstance> detail(@PathParam("id") String id) {
        return view(id, null, null, FormErrors.none(), "").map(Templates::organization);
    }

    @POST
    @Path("/{id}/domains")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> addDomain(@PathParam("id") String id, @RestForm("domain-name") String domainName) {
        String given = domainName == null ? "" : domainName.strip();
        return Uni.createFrom().deferred(() -> domains.add(caller.tenantId(), id, new DomainRequest(given)))
                .chain(added -> page(200, id, null, "Domain " + added.domainName() + " added: publish its TXT record, then "
                        + "check it.", FormErrors.none(), ""))
                .onFailure(DomainException.class).recoverWithUni(refusal -> refused(id, (DomainException) refusal,
                        DOMAIN_FIELDS, given));
    }

    @POST
    @Path("/{id}/domains/{domainId}/check")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> checkDomain(@PathParam("id") String id, @PathParam("domainId") String domainId) {
        return Uni.createFrom().deferred(() -> domains.verify(caller.tenantId(), id, domainId))
                .chain(domain -> page(200, id, null, "Domain " + domain.domainName() + " is verified.", FormErrors.none(),
                        ""))
                .onFailure(failure -> failure instanceof DomainException && !(failure instanceof NotFound))
                .recoverWithUni(refusal -> refused(id, (DomainException) refusal,
                        FieldNames.form("domain-" + domainId, "Domain check"), ""));
    }

    @POST
    @Path("/{id}/setup-links")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> createLink(@PathParam("id") String id, @RestForm("intent-sso") String sso,
            @RestForm("intent-domain") String domain, @RestForm("ttl-days") String ttlDays,
            @RestForm("return-url") String returnUrl) {
        List<String> intents = new ArrayList<>();
        if (sso != null) {
            intents.add(SetupLink.SSO);
        }
        if (domain != null) {
            intents.add(SetupLink.DOMAIN_VERIFICATION);
        }
        Long ttl = days(ttlDays);
        return Uni.createFrom().deferred(() -> setupLinks.create(caller.tenantId(), id,
                new SetupLinkRequest(intents, ttl, blankToNull(returnUrl))))
                .chain(created -> page(201, id, created, null, FormErrors.none(), ""))
                .onFailure(failure -> failure instanceof DomainException && !(failure instanceof NotFound))
                .recoverWithUni(refusal -> refused(id, (DomainException) refusal, LINK_FIELDS, ""));
    }

    @POST
    @Path("/{id}/setup-links/{linkId}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> revokeLink(@PathParam("id") String id, @PathParam("linkId") String linkId) {
        return setupLinks.revoke(caller.tenantId(), id, linkId)
                .chain(link -> page(200, id, null, "Setup link " + link.id() + " revoked.", FormErrors.none(), ""));
    }

    private Uni<OrganizationView> view(String id, SetupLinkCreated created, String notice, FormErrors errors,
            String domainName) {
        String tenantId = caller.tenantId();
        return organizations.get(tenantId, id).chain(organization -> setupLinks.list(tenantId, id)
                .map(links -> new OrganizationView(organization, links.data(), created, notice, errors, domainName)));
    }

    private Uni<Response> page(int status, String id, SetupLinkCreated created, String notice, FormErrors errors,
            String domainName) {
        return view(id, created, notice, errors, domainName).map(view -> html(status, Templates.organization(view)));
    }

    private Uni<Response> refused(String id, DomainException refusal, FieldNames fields, String domainName) {
        int status = refusal instanceof io.connectionhub.organization.DomainVerificationFailed ? 422 : 400;
        return page(status, id, null, null, FormErrors.from(refusal, fields), domainName);
    }

    private static Long days(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip()) * 86_400L;
        } catch (NumberFormatException e) {
            return -1L;
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static Response html(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page.render()).build();
    }
}
