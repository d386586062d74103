package io.connectionhub.setup;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.connectionhub.auth.ApiKeyMechanism;
import io.connectionhub.auth.Caller;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;

/** Setup links of an organization (ours, LoginRadius family): a self-serve SSO setup portal for its IT admin. */
@Path("/v2/manage/organizations/{orgId}/setup-links")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@HttpAuthenticationMechanism(ApiKeyMechanism.SCHEME)
@RolesAllowed(ApiKeyMechanism.ROLE)
@SecurityRequirementsSet({ @SecurityRequirement(name = "apiKey"), @SecurityRequirement(name = "apiSecret") })
@Tag(name = "Setup links", description = "LoginRadius family (ours): one-time links to the self-serve setup portal")
public class SetupLinkResource {

    private final SetupLinkService links;
    private final Caller caller;

    public SetupLinkResource(SetupLinkService links, Caller caller) {
        this.links = links;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Create a setup link", description = "{Intents: [sso, domain_verification], TtlSeconds (default "
            + "5 days, at most 30 days), ReturnUrl} → 201 {Id, Url, ExpiresAt}. The Url is in this answer only.")
    public Uni<RestResponse<SetupLinkCreated>> create(@PathParam("orgId") String orgId, SetupLinkRequest request) {
        return links.create(caller.tenantId(), orgId, request).map(created -> RestResponse.ResponseBuilder
                .create(RestResponse.Status.CREATED, created)
                .location(URI.create("/v2/manage/organizations/" + orgId + "/setup-links/" + created.id())).build());
    }

    @GET
    @Operation(summary = "List setup links", description = "Newest first, with their State: created, opened, completed, "
            + "expired or revoked.")
    public Uni<SetupLinksList> list(@PathParam("orgId") String orgId) {
        return links.list(caller.tenantId(), orgId);
    }

    @DELETE
    @Path("/{linkId}")
    @Operation(summary = "Revoke a setup link", description = "Its portal sessions end at once; the link stays listed as "
            + "revoked.")
    public Uni<SetupLinkResponse> revoke(@PathParam("orgId") String orgId, @PathParam("linkId") String linkId) {
        return links.revoke(caller.tenantId(), orgId, linkId);
    }
}
