package io.connectionhub.tenant;

import java.net.URI;
import java.util.List;

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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.connectionhub.auth.AdminTokenMechanism;
import io.connectionhub.auth.Scopes;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;

/** The operator's API for a tenant's members: the administrators who sign in to the console (ours). */
@Path("/admin/v1/tenants/{tenantId}/members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@HttpAuthenticationMechanism(AdminTokenMechanism.SCHEME)
@RolesAllowed(Scopes.ADMIN)
@Tag(name = "Admin: members")
@SecurityRequirement(name = "adminToken")
public class MemberResource {

    private final MemberService members;

    public MemberResource(MemberService members) {
        this.members = members;
    }

    @POST
    @Operation(summary = "Create a member", description = "An email (one member per email in the service) and a "
            + "password of 8-1024 characters; the member signs in to the console at /ui and sees this tenant only.")
    public Uni<RestResponse<MemberResponse>> create(@PathParam("tenantId") String tenantId, MemberRequest request) {
        return members.create(tenantId, request).map(created -> RestResponse.ResponseBuilder
                .create(RestResponse.Status.CREATED, created)
                .location(URI.create("/admin/v1/tenants/" + tenantId + "/members/" + created.id())).build());
    }

    @GET
    @Operation(summary = "List a tenant's members")
    public Uni<List<MemberResponse>> list(@PathParam("tenantId") String tenantId) {
        return members.list(tenantId);
    }

    @PUT
    @Path("/{memberId}/password")
    @Operation(summary = "Set a member's password", description = "Body {\"password\": ...}; 204.")
    public Uni<RestResponse<Void>> setPassword(@PathParam("tenantId") String tenantId,
            @PathParam("memberId") String memberId, MemberRequest request) {
        return members.setPassword(tenantId, memberId, request).map(ignored -> RestResponse.noContent());
    }

    @DELETE
    @Path("/{memberId}")
    @Operation(summary = "Delete a member", description = "Ends the member's console sessions at once; 204.")
    public Uni<RestResponse<Void>> delete(@PathParam("tenantId") String tenantId, @PathParam("memberId") String memberId) {
        return members.delete(tenantId, memberId).map(ignored -> RestResponse.noContent());
    }
}
