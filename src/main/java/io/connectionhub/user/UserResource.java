package io.connectionhub.user;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.connectionhub.auth.Caller;
import io.connectionhub.auth.Scopes;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;

/** Auth0's {@code /api/v2/users}. */
@Path("/api/v2/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@HttpAuthenticationMechanism("Bearer")
@Tag(name = "Users")
public class UserResource {

    private final UserService users;
    private final Caller caller;

    public UserResource(UserService users, Caller caller) {
        this.users = users;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Scopes.CREATE_USERS)
    @Operation(summary = "Create a user", description = "In the connection named by `connection`; email unique per "
            + "connection (409). password only, and required, for database (auth0) connections.")
    public Uni<RestResponse<UserResponse>> create(UserRequest request) {
        return users.create(caller.tenantId(), request).map(created -> RestResponse.ResponseBuilder
                .create(RestResponse.Status.CREATED, created)
                .location(URI.create("/api/v2/users/" + URLEncoder.encode(created.userId(), StandardCharsets.UTF_8)))
                .build());
    }

    @GET
    @RolesAllowed(Scopes.READ_USERS)
    @Operation(summary = "List users", description = "Of one connection (by name) or of the tenant; checkpoint "
            + "paging with take/from.")
    public Uni<UsersPage> list(@QueryParam("connection") String connection, @QueryParam("take") Integer take,
            @QueryParam("from") String from) {
        return users.list(caller.tenantId(), connection, take, from);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Scopes.READ_USERS)
    @Operation(summary = "Get a user")
    public Uni<UserResponse> get(@PathParam("id") String id) {
        return users.get(caller.tenantId(), id);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Scopes.DELETE_USERS)
    @Operation(summary = "Delete a user")
    public Uni<RestResponse<Void>> delete(@PathParam("id") String id) {
        return users.delete(caller.tenantId(), id).map(ignored -> RestResponse.noContent());
    }
}
