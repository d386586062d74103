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
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.connectionhub.auth.ApiKeyMechanism;
import io.connectionhub.auth.Caller;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;

/**
 * LoginRadius's {@code /v2/manage/organizations/{orgId}/connections}: an organization's SAML and OIDC connections,
 * tenant connections like those of /api/v2/connections (same names, same deletion).
 */
@Path("/v2/manage/organizations/{orgId}/connections")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@HttpAuthenticationMechanism(ApiKeyMechanism.SCHEME)
@RolesAllowed(ApiKeyMechanism.ROLE)
@SecurityRequirementsSet({ @SecurityRequirement(name = "apiKey"), @SecurityRequirement(name = "apiSecret") })
@Tag(name = "Organization connections", description = "LoginRadius family: an organization's identity providers")
@APIResponse(responseCode = "401", description = "Missing or wrong API key or secret", content = @Content(
        examples = @ExampleObject(name = "6002", value = ErrorExamples.E6002)))
@APIResponse(responseCode = "500", description = "Unexpected failure; the Description carries an error id",
        content = @Content(examples = @ExampleObject(name = "7909", value = ErrorExamples.E7909)))
public class OrgConnectionResource {

    static final String CREATE_EXAMPLE = "{\"Name\":\"AzureAD\",\"ConnectionType\":\"saml_custom\",\"Domain\":"
            + "\"example.com\",\"IsIDPInitiated\":true,\"IDPMetadataUrl\":\"https://exampleIdp.com/metadata.xml\","
            + "\"Attributes\":{\"ID\":\"sub\",\"Email\":\"email\",\"FirstName\":\"firstName\",\"LastName\":\"lastName\","
            + "\"Groups\":\"groups\",\"CustomMapping\":{\"Gender\":\"gender\"}},\"GroupRoles\":[{\"GroupId\":"
            + "\"eca8da89-09ed-476f-a689-11fa9a0b14ce\",\"Name\":\"Security\",\"RoleId\":\"role_Z6NE1ZkupP7lwD6E\"}]}";
    static final String CONNECTION_EXAMPLE = "{\"Id\":\"conn_Z5ZtmHl2aMpi5VZP\",\"IsActive\":true,\"CreatedDate\":"
            + "\"2023-10-01T00:00:00Z\",\"GroupRoles\":[{\"GroupId\":\"eca8da89-09ed-476f-a689-11fa9a0b14ce\",\"Name\":"
            + "\"Security\",\"RoleId\":\"role_Z6NE1ZkupP7lwD6E\",\"Id\":\"group_role_Z6NFN5kupP7lwD6G\"}],"
            + "\"ModifiedDate\":\"2023-10-01T00:00:00Z\",\"Name\":\"AzureAD\",\"Domain\":\"example.com\",\"Attributes\":"
            + "{\"ID\":\"sub\",\"Email\":\"email\",\"FirstName\":\"firstName\",\"LastName\":\"lastName\",\"Groups\":"
            + "\"groups\",\"CustomMapping\":{\"Gender\":\"gender\"}},\"IDPEntityId\":\"https://exampleIdp.com\","
            + "\"IDPSSOUrl\":\"https://exampleIdp.com/sso\",\"IDPMetadataUrl\":\"https://exampleIdp.com/metadata.xml\","
            + "\"IsIDPInitiated\":true,\"IDPCertificate\":{\"Certificate\":\"-----BEGIN CERTIFICATE-----\\n...\\n-----END "
            + "CERTIFICATE-----\\n\",\"NotAfter\":\"2033-10-01T00:00:00Z\",\"NotBefore\":\"2023-10-01T00:00:00Z\","
            + "\"Expired\":false},\"ConnectionType\":\"saml_custom\",\"EntityId\":\"https://hub.example.com/saml/sp/"
            + "Z5ZtBULhXHAJKrLsOmeWbZh5dmjKYuVWTw\",\"MetadataUrl\":\"https://hub.example.com/saml/sp/"
            + "Z5ZtBULhXHAJKrLsOmeWbZh5dmjKYuVWTw/metadata.xml\",\"ACSEndpoint\":\"https://hub.example.com/saml/sp/acs/"
            + "Z5ZtBULhXHAJKrLsOmeWbZh5dmjKYuVWTw\",\"SPCertificate\":{\"Certificate\":\"-----BEGIN CERTIFICATE-----\\n"
            + "...\\n-----END CERTIFICATE-----\\n\"}}";

    private final OrgConnectionService connections;
    private final Caller caller;

    public OrgConnectionResource(OrgConnectionService connections, Caller caller) {
        this.connections = connections;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Create an organization connection", description = "A tenant connection (strategy samlp for "
            + "saml_*, oidc for oidc_*) listed by GET /api/v2/connections too; its name is unique in the tenant across "
            + "both families. SAML: IDPEntityId, IDPSSOUrl and IDPCertificate by hand, or from IDPMetadataUrl / "
            + "IDPMetadataXml; the service makes the SP identity (EntityId, MetadataUrl, ACSEndpoint, SPCertificate). "
            + "OIDC: OIDCIssuer (checked by discovery), ClientId, ClientSecret, Scopes.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "saml", value = CREATE_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(
            schema = @Schema(implementation = OrgConnectionResponse.class),
            examples = @ExampleObject(name = "saml", value = CONNECTION_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A field breaks its rule (7900), or the Domain is not the "
            + "organization's (8150)", content = @Content(examples = {
                    @ExampleObject(name = "7900", value = ErrorExamples.E7900_TYPE),
                    @ExampleObject(name = "7900 certificate", value = ErrorExamples.E7900_CERTIFICATE),
                    @ExampleObject(name = "8150", value = ErrorExamples.E8150) }))
    @APIResponse(responseCode = "404", description = "Unknown organization", content = @Content(
            examples = @ExampleObject(name = "8118", value = ErrorExamples.E8118)))
    @APIResponse(responseCode = "409", description = "Name taken in the tenant (8148), Domain not verified (8177), "
            + "organization deactivated (8180)", content = @Content(examples = {
                    @ExampleObject(name = "8148", value = ErrorExamples.E8148),
                    @ExampleObject(name = "8177", value = ErrorExamples.E8177),
                    @ExampleObject(name = "8180", value = ErrorExamples.E8180) }))
    public Uni<RestResponse<OrgConnectionResponse>> create(@PathParam("orgId") String orgId,
            OrgConnectionRequest request) {
        return connections.create(caller.tenantId(), orgId, request).map(created -> RestResponse.ResponseBuilder
                .create(RestResponse.Status.CREATED, created)
                .location(URI.create("/v2/manage/organizations/" + orgId + "/connections/" + created.id())).build());
    }

    @GET
    @Operation(summary = "List an organization's connections", description = "{\"Data\":[...]}, oldest first.")
    @APIResponse(responseCode = "200", description = "The connections", content = @Content(
            schema = @Schema(implementation = OrgConnectionsList.class)))
    @APIResponse(responseCode = "404", description = "Unknown organization", content = @Content(
            examples = @ExampleObject(name = "8118", value = ErrorExamples.E8118)))
    public Uni<OrgConnectionsList> list(@PathParam("orgId") String orgId) {
        return connections.list(caller.tenantId(), orgId);
    }

    @GET
    @Path("/{connId}")
    @Operation(summary = "Get an organization connection")
    @APIResponse(responseCode = "200", description = "The connection", content = @Content(
            schema = @Schema(implementation = OrgConnectionResponse.class)))
    @APIResponse(responseCode = "404", description = "Unknown organization (8118) or connection (8151)",
            content = @Content(examples = { @ExampleObject(name = "8118", value = ErrorExamples.E8118),
                    @ExampleObject(name = "8151", value = ErrorExamples.E8151) }))
    public Uni<OrgConnectionResponse> get(@PathParam("orgId") String orgId, @PathParam("connId") String connId) {
        return connections.get(caller.tenantId(), orgId, connId);
    }

    @PUT
    @Path("/{connId}")
    @Operation(summary = "Update an organization connection", description = "Takes the create body and replaces "
            + "the settings; Name may change but not collide (8148); SAML and OIDC types do not convert into each "
            + "other. Without ClientSecret the stored one stays. GroupRoles items may carry the Id of an existing "
            + "mapping to keep it.")
    @APIResponse(responseCode = "200", description = "The connection", content = @Content(
            schema = @Schema(implementation = OrgConnectionResponse.class)))
    @APIResponse(responseCode = "400", description = "A field breaks its rule (7900), or the Domain is not the "
            + "organization's (8150)", content = @Content(examples = {
                    @ExampleObject(name = "7900", value = ErrorExamples.E7900_TYPE),
                    @ExampleObject(name = "8150", value = ErrorExamples.E8150) }))
    @APIResponse(responseCode = "404", description = "Unknown organization (8118) or connection (8151)",
            content = @Content(examples = { @ExampleObject(name = "8118", value = ErrorExamples.E8118),
                    @ExampleObject(name = "8151", value = ErrorExamples.E8151) }))
    @APIResponse(responseCode = "409", description = "Name taken (8148), Domain not verified (8177), organization "
            + "deactivated (8180)", content = @Content(examples = {
                    @ExampleObject(name = "8148", value = ErrorExamples.E8148),
                    @ExampleObject(name = "8177", value = ErrorExamples.E8177),
                    @ExampleObject(name = "8180", value = ErrorExamples.E8180) }))
    public Uni<OrgConnectionResponse> update(@PathParam("orgId") String orgId, @PathParam("connId") String connId,
            OrgConnectionRequest request) {
        return connections.update(caller.tenantId(), orgId, connId, request);
    }

    @DELETE
    @Path("/{connId}")
    @Operation(summary = "Delete an organization connection", description = "The same deletion as /api/v2: the "
            + "connection leaves every read at once, its users are purged by a job, and its name stays reserved until "
            + "that job completes.")
    @APIResponse(responseCode = "200", description = "Deleted", content = @Content(
            examples = @ExampleObject(name = "deleted", value = "{\"IsDeleted\":true}")))
    @APIResponse(responseCode = "404", description = "Unknown organization (8118) or connection (8151)",
            content = @Content(examples = { @ExampleObject(name = "8118", value = ErrorExamples.E8118),
                    @ExampleObject(name = "8151", value = ErrorExamples.E8151) }))
    @APIResponse(responseCode = "409", description = "Already deleted or being deleted", content = @Content(
            examples = @ExampleObject(name = "8166", value = ErrorExamples.E8166)))
    public Uni<Deleted> delete(@PathParam("orgId") String orgId, @PathParam("connId") String connId) {
        return connections.delete(caller.tenantId(), orgId, connId);
    }
}
