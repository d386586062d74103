package io.connectionhub.organization;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.connectionhub.auth.ApiKeyMechanism;
import io.connectionhub.auth.Caller;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;

/** LoginRadius's {@code /v2/manage/organizations}. */
@Path("/v2/manage/organizations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@HttpAuthenticationMechanism(ApiKeyMechanism.SCHEME)
@RolesAllowed(ApiKeyMechanism.ROLE)
@SecurityRequirementsSet({ @SecurityRequirement(name = "apiKey"), @SecurityRequirement(name = "apiSecret") })
@Tag(name = "Organizations", description = "LoginRadius family: a tenant's B2B organizations")
@APIResponse(responseCode = "401", description = "Missing or wrong API key or secret", content = @Content(
        examples = @ExampleObject(name = "6002", value = ErrorExamples.E6002)))
@APIResponse(responseCode = "500", description = "Unexpected failure; the Description carries an error id",
        content = @Content(examples = @ExampleObject(name = "7909", value = ErrorExamples.E7909)))
public class OrganizationResource {

    static final String ORGANIZATION_EXAMPLE = "{\"Id\":\"org_Z5ZtmHl2aMpi5VZQ\",\"Name\":\"acme\",\"Display\":"
            + "{\"Name\":\"Acme Corporation\",\"LogoURL\":\"https://acme.example.com/logo.png\"},\"Metadata\":"
            + "{\"plan\":\"enterprise\"},\"IsActive\":true,\"CreatedDate\":\"2023-10-01T00:00:00Z\",\"ModifiedDate\":"
            + "\"2023-10-01T00:00:00Z\",\"Domains\":[],\"Connections\":[]}";

    private final OrganizationService organizations;
    private final Caller caller;

    public OrganizationResource(OrganizationService organizations, Caller caller) {
        this.organizations = organizations;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Create an organization")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(
            schema = @Schema(implementation = OrganizationResponse.class),
            examples = @ExampleObject(name = "created", value = ORGANIZATION_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A field breaks its rule", content = @Content(
            examples = @ExampleObject(name = "7900", value = ErrorExamples.E7900_NAME)))
    public Uni<RestResponse<OrganizationResponse>> create(OrganizationRequest request) {
        return organizations.create(caller.tenantId(), request).map(created -> RestResponse.ResponseBuilder
                .create(RestResponse.Status.CREATED, created)
                .location(URI.create("/v2/manage/organizations/" + created.id())).build());
    }

    @GET
    @Operation(summary = "List organizations", description = "{\"Data\":[...]} in creation order. PageSize (1-100, "
            + "default 100) and Cursor (ours): NextCursor is present when more remain; pass it as Cursor.")
    @APIResponse(responseCode = "200", description = "A page of organizations", content = @Content(
            schema = @Schema(implementation = OrganizationsPage.class)))
    public Uni<OrganizationsPage> list(@Parameter(description = "1-100") @QueryParam("PageSize") Integer pageSize,
            @Parameter(description = "A NextCursor of a previous page") @QueryParam("Cursor") String cursor) {
        return organizations.list(caller.tenantId(), pageSize, cursor);
    }

    @GET
    @Path("/{orgId}")
    @Operation(summary = "Get an organization, with its domains and connections")
    @APIResponse(responseCode = "200", description = "The organization", content = @Content(
            schema = @Schema(implementation = OrganizationResponse.class)))
    @APIResponse(responseCode = "404", description = "Unknown organization", content = @Content(
            examples = @ExampleObject(name = "8118", value = ErrorExamples.E8118)))
    public Uni<OrganizationResponse> get(@PathParam("orgId") String orgId) {
        return organizations.get(caller.tenantId(), orgId);
    }

    @PUT
    @Path("/{orgId}")
    @Operation(summary = "Update an organization", description = "Replaces Name, Display and Metadata.")
    @APIResponse(responseCode = "200", description = "The organization", content = @Content(
            schema = @Schema(implementation = OrganizationResponse.class)))
    @APIResponse(responseCode = "400", description = "A field breaks its rule", content = @Content(
            examples = @ExampleObject(name = "7900", value = ErrorExamples.E7900_NAME)))
    @APIResponse(responseCode = "404", description = "Unknown organization", content = @Content(
            examples = @ExampleObject(name = "8118", value = ErrorExamples.E8118)))
    public Uni<OrganizationResponse> update(@PathParam("orgId") String orgId, OrganizationRequest request) {
        return organizations.update(caller.tenantId(), orgId, request);
    }

    @PUT
    @Path("/{orgId}/status")
    @Operation(summary = "Activate or deactivate an organization", description = "A deactivated organization keeps "
            + "its domains and connections, but none can be added or changed (8180).")
    @APIResponse(responseCode = "200", description = "The organization", content = @Content(
            schema = @Schema(implementation = OrganizationResponse.class)))
    @APIResponse(responseCode = "404", description = "Unknown organization", content = @Content(
            examples = @ExampleObject(name = "8118", value = ErrorExamples.E8118)))
    public Uni<OrganizationResponse> setStatus(@PathParam("orgId") String orgId, OrganizationStatus status) {
        return organizations.setStatus(caller.tenantId(), orgId, status);
    }

    @DELETE
    @Path("/{orgId}")
    @Operation(summary = "Delete an organization", description = "Its connections are deleted as a connection delete "
            + "does (each name stays reserved until its purge ends), then the organization and its domains.")
    @APIResponse(responseCode = "200", description = "Deleted", content = @Content(
            examples = @ExampleObject(name = "deleted", value = "{\"IsDeleted\":true}")))
    @APIResponse(responseCode = "404", description = "Unknown organization", content = @Content(
            examples = @ExampleObject(name = "8118", value = ErrorExamples.E8118)))
    public Uni<Deleted> delete(@PathParam("orgId") String orgId) {
        return organizations.delete(caller.tenantId(), orgId);
    }
}
