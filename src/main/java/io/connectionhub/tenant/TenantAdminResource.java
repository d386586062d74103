package io.connectionhub.tenant;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

/** The operator's API: tenants. Authenticated by the configured admin token. */
@Path("/admin/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@HttpAuthenticationMechanism(AdminTokenMechanism.SCHEME)
@RolesAllowed(Scopes.ADMIN)
@Tag(name = "Admin: tenants")
@SecurityRequirement(name = "adminToken")
public class TenantAdminResource {

    private final TenantService tenants;

    public TenantAdminResource(TenantService tenants) {
        this.tenants = tenants;
    }

    @POST
    @Operation(summary = "Create a tenant", description = "Creates the tenant with a management client holding every "
            + "management scope and an API key for /v2/manage. The secrets are shown in this answer only.")
    public Uni<RestResponse<TenantCreated>> create(TenantRequest request) {
        return tenants.create(request).map(created -> RestResponse.ResponseBuilder
                .create(RestResponse.Status.CREATED, created)
                .location(URI.create("/admin/v1/tenants/" + created.id())).build());
    }

    @GET
    @Operation(summary = "List tenants")
    public Uni<List<TenantResponse>> list() {
        return tenants.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a tenant")
    public Uni<TenantResponse> get(@PathParam("id") String id) {
        return tenants.get(id);
    }
}
