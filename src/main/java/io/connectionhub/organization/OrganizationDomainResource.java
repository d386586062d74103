package io.connectionhub.organization;

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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.connectionhub.auth.ApiKeyMechanism;
import io.connectionhub.auth.Caller;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;

/** LoginRadius's {@code /v2/manage/organizations/{orgId}/domains}: an organization's domains and their DNS proof. */
@Path("/v2/manage/organizations/{orgId}/domains")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@HttpAuthenticationMechanism(ApiKeyMechanism.SCHEME)
@RolesAllowed(ApiKeyMechanism.ROLE)
@SecurityRequirementsSet({ @SecurityRequirement(name = "apiKey"), @SecurityRequirement(name = "apiSecret") })
@Tag(name = "Organization domains", description = "LoginRadius family: domains an organization proves by DNS")
@APIResponse(responseCode = "401", description = "Missing or wrong API key or secret", content = @Content(
        examples = @ExampleObject(name = "6002", value = ErrorExamples.E6002)))
@APIResponse(responseCode = "404", description = "Unknown organization", content = @Content(
        examples = @ExampleObject(name = "8118", value = ErrorExamples.E8118)))
public class OrganizationDomainResource {

    static final String DOMAIN_EXAMPLE = "{\"Id\":\"org_domain_Z5ZtmHl2aMpi5VZR\",\"DomainName\":\"example.com\","
            + "\"IsVerified\":false,\"VerificationStrategy\":\"dns\",\"VerificationToken\":\"9fQ2xK7mLp4RtY8vB3nC6wZ1"
            + "dE5gH0jA\",\"VerificationRecordName\":\"_connectionhub-challenge.example.com\",\"VerificationRecordValue\""
            + ":\"connectionhub-verification=9fQ2xK7mLp4RtY8vB3nC6wZ1dE5gH0jA\",\"CreatedDate\":\"2023-10-01T00:00:00Z\"}";

    private final OrganizationDomainService domains;
    private final Caller caller;

    public OrganizationDomainResource(OrganizationDomainService domains, Caller caller) {
        this.domains = domains;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Add a domain", description = "Publish a TXT record named VerificationRecordName with the "
            + "value VerificationRecordValue, then verify. A lower-case DNS name; consumer mail domains and domains "
            + "another organization of the tenant has verified are refused.")
    @APIResponse(responseCode = "201", description = "Added, not yet verified", content = @Content(
            schema = @Schema(implementation = DomainResponse.class),
            examples = @ExampleObject(name = "added", value = DOMAIN_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Not a usable domain name", content = @Content(
            examples = @ExampleObject(name = "7900", value = ErrorExamples.E7900_DOMAIN)))
    @APIResponse(responseCode = "409", description = "The organization is deactivated", content = @Content(
            examples = @ExampleObject(name = "8180", value = ErrorExamples.E8180)))
    public Uni<RestResponse<DomainResponse>> add(@PathParam("orgId") String orgId, DomainRequest request) {
        return domains.add(caller.tenantId(), orgId, request).map(added -> RestResponse.ResponseBuilder
                .create(RestResponse.Status.CREATED, added)
                .location(URI.create("/v2/manage/organizations/" + orgId + "/domains/" + added.id())).build());
    }

    @GET
    @Operation(summary = "List an organization's domains", description = "{\"Data\":[...]}, oldest first.")
    @APIResponse(responseCode = "200", description = "The domains", content = @Content(
            schema = @Schema(implementation = DomainsList.class)))
    public Uni<DomainsList> list(@PathParam("orgId") String orgId) {
        return domains.list(caller.tenantId(), orgId);
    }

    @POST
    @Path("/{domainId}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Verify a domain", description = "Looks up the TXT records of _connectionhub-challenge."
            + "<domain> and expects one equal to connectionhub-verification=<VerificationToken>. A verified domain "
            + "is answered as it is.")
    @APIResponse(responseCode = "200", description = "Verified", content = @Content(
            schema = @Schema(implementation = DomainResponse.class)))
    @APIResponse(responseCode = "422", description = "No matching TXT record (or the lookup failed)", content = @Content(
            examples = @ExampleObject(name = "8168", value = ErrorExamples.E8168)))
    @APIResponse(responseCode = "409", description = "The organization is deactivated", content = @Content(
            examples = @ExampleObject(name = "8180", value = ErrorExamples.E8180)))
    public Uni<DomainResponse> verify(@PathParam("orgId") String orgId, @PathParam("domainId") String domainId) {
        return domains.verify(caller.tenantId(), orgId, domainId);
    }

    @DELETE
    @Path("/{domainId}")
    @Operation(summary = "Delete a domain", description = "Refused while a connection uses it.")
    @APIResponse(responseCode = "200", description = "Deleted", content = @Content(
            examples = @ExampleObject(name = "deleted", value = "{\"IsDeleted\":true}")))
    @APIResponse(responseCode = "400", description = "A connection uses the domain", content = @Content(
            examples = @ExampleObject(name = "7900", value = ErrorExamples.E7900_DOMAIN_IN_USE)))
    public Uni<Deleted> delete(@PathParam("orgId") String orgId, @PathParam("domainId") String domainId) {
        return domains.delete(caller.tenantId(), orgId, domainId);
    }
}
