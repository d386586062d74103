package io.connectionhub.tenant;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import io.connectionhub.common.PageRequest;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;

/** Auth0's {@code /api/v2/clients}: the applications of the caller's tenant. */
@Path("/api/v2/clients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@HttpAuthenticationMechanism("Bearer")
@Tag(name = "Clients")
public class ClientResource {

    private final ClientService clients;
    private final Caller caller;

    public ClientResource(ClientService clients, Caller caller) {
        this.clients = clients;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Scopes.CREATE_CLIENTS)
    @Operation(summary = "Create a client", description = "The client_secret is in this answer only.")
    public Uni<RestResponse<ClientResponse>> create(ClientRequest request) {
        return clients.create(caller.tenantId(), request).map(created -> RestResponse.ResponseBuilder
                .create(RestResponse.Status.CREATED, created)
                .location(URI.create("/api/v2/clients/" + created.clientId())).build());
    }

    @GET
    @RolesAllowed(Scopes.READ_CLIENTS)
    @Operation(summary = "List clients", description = "A bare array by default; with include_totals=true the offset "
            + "object, with take/from the checkpoint object.")
    public Uni<Object> list(@QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @QueryParam("include_totals") Boolean includeTotals, @QueryParam("from") String from,
            @QueryParam("take") Integer take) {
        return clients.list(caller.tenantId(), PageRequest.of(page, perPage, includeTotals, from, take));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Scopes.READ_CLIENTS)
    @Operation(summary = "Get a client")
    public Uni<ClientResponse> get(@PathParam("id") String id) {
        return clients.get(caller.tenantId(), id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Scopes.UPDATE_CLIENTS)
    @Operation(summary = "Update a client", description = "Fields left out keep their value.")
    public Uni<ClientResponse> update(@PathParam("id") String id, ClientRequest request) {
        return clients.update(caller.tenantId(), id, request);
    }

    @POST
    @Path("/{id}/rotate-secret")
    @RolesAllowed(Scopes.UPDATE_CLIENTS)
    @Operation(summary = "Rotate a client's secret", description = "The new client_secret is in this answer only; "
            + "the old one stops working at once.")
    public Uni<ClientResponse> rotateSecret(@PathParam("id") String id) {
        return clients.rotateSecret(caller.tenantId(), id);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Scopes.DELETE_CLIENTS)
    @Operation(summary = "Delete a client")
    public Uni<RestResponse<Void>> delete(@PathParam("id") String id) {
        return clients.delete(caller.tenantId(), id).map(ignored -> RestResponse.noContent());
    }
}
