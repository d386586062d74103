package io.connectionhub.user;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
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

/** {@code DELETE /api/v2/connections/{id}/users?email=}: a database connection's user, by email. */
@Path("/api/v2/connections/{id}/users")
@Produces(MediaType.APPLICATION_JSON)
@HttpAuthenticationMechanism("Bearer")
@Tag(name = "Users")
public class ConnectionUsersResource {

    private final UserService users;
    private final Caller caller;

    public ConnectionUsersResource(UserService users, Caller caller) {
        this.users = users;
        this.caller = caller;
    }

    @DELETE
    @RolesAllowed(Scopes.DELETE_USERS)
    @Operation(summary = "Delete a database connection's user by email", description = "204, also when no user has "
            + "the email; 400 operation_not_supported unless the connection is a database (auth0) one.")
    public Uni<RestResponse<Void>> deleteByEmail(@PathParam("id") String connectionId, @QueryParam("email") String email) {
        return users.deleteByEmail(caller.tenantId(), connectionId, email).map(ignored -> RestResponse.noContent());
    }
}
