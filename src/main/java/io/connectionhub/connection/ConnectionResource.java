package io.connectionhub.connection;

import java.net.URI;
import java.util.List;
import java.util.Map;

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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.connectionhub.auth.Caller;
import io.connectionhub.auth.Scopes;
import io.connectionhub.common.FieldSelection;
import io.connectionhub.common.InsufficientScope;
import io.connectionhub.common.PageRequest;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;

/** Auth0's {@code /api/v2/connections}. */
@Path("/api/v2/connections")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@HttpAuthenticationMechanism("Bearer")
@Tag(name = "Connections")
public class ConnectionResource {

    static final String CONNECTION_EXAMPLE = "{\"id\":\"con_0000000000000001\",\"options\":{\"signInEndpoint\":"
            + "\"https://idp.example.com/sso\",\"signingCert\":\"MIIC...\",\"thumbprints\":[\"5c1f...\"],"
            + "\"cert_expires_at\":\"2030-01-01T00:00:00.000Z\"},\"strategy\":\"samlp\",\"name\":\"acme-saml\","
            + "\"display_name\":\"Acme\",\"is_domain_connection\":false,\"show_as_button\":false,\"enabled_clients\":[],"
            + "\"realms\":[\"acme-saml\"],\"authentication\":{\"active\":true},\"connected_accounts\":{\"active\":false}}";
    static final String CREATE_EXAMPLE = "{\"name\":\"acme-saml\",\"strategy\":\"samlp\",\"display_name\":\"Acme\","
            + "\"options\":{\"signInEndpoint\":\"https://idp.example.com/sso\",\"signingCert\":\"MIIC...\"}}";

    private final ConnectionService connections;
    private final Caller caller;
    private final ObjectMapper json;

    public ConnectionResource(ConnectionService connections, Caller caller, ObjectMapper json) {
        this.connections = connections;
        this.caller = caller;
        this.json = json;
    }

    @POST
    @RolesAllowed(Scopes.CREATE_CONNECTIONS)
    @Operation(summary = "Create a connection", description = "Name unique per tenant (case-insensitive), also "
            + "against a connection whose deletion is still running (409 connection_conflict with its progress).")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "samlp", value = CREATE_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(
            schema = @Schema(implementation = ConnectionResponse.class),
            examples = @ExampleObject(name = "created", value = CONNECTION_EXAMPLE)))
    public Uni<RestResponse<ConnectionResponse>> create(ConnectionRequest request) {
        return connections.create(caller.tenantId(), request, canReadOptions()).map(created -> RestResponse.ResponseBuilder
                .create(RestResponse.Status.CREATED, created)
                .location(URI.create("/api/v2/connections/" + created.id())).build());
    }

    @GET
    @RolesAllowed(Scopes.READ_CONNECTIONS)
    @Operation(summary = "List connections", description = "No paging parameters: a bare array of the first page. "
            + "page/per_page with include_totals=true: {start, limit, total, connections}. take/from: "
            + "{connections, next} (checkpoint; wins when both are sent; next is absent on the last page).")
    @APIResponse(responseCode = "200", description = "Connections in creation order", content = @Content(
            schema = @Schema(implementation = ConnectionsPage.class)))
    public Uni<Object> list(@QueryParam("strategy") List<String> strategy, @QueryParam("name") String name,
            @QueryParam("fields") String fields, @QueryParam("include_fields") Boolean includeFields,
            @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @QueryParam("include_totals") Boolean includeTotals, @QueryParam("from") String from,
            @QueryParam("take") Integer take) {
        return connections.list(caller.tenantId(), new ConnectionRepository.Filter(strategy, name),
                PageRequest.of(page, perPage, includeTotals, from, take), FieldSelection.of(fields, includeFields),
                canReadOptions());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Scopes.READ_CONNECTIONS)
    @Operation(summary = "Get a connection")
    @APIResponse(responseCode = "200", description = "The connection", content = @Content(
            schema = @Schema(implementation = ConnectionResponse.class),
            examples = @ExampleObject(name = "samlp", value = CONNECTION_EXAMPLE)))
    public Uni<Object> get(@PathParam("id") String id, @QueryParam("fields") String fields,
            @QueryParam("include_fields") Boolean includeFields) {
        FieldSelection selection = FieldSelection.of(fields, includeFields);
        return connections.get(caller.tenantId(), id, canReadOptions())
                .map(connection -> selection.isAll() ? connection : selection.apply(json.valueToTree(connection)));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Scopes.UPDATE_CONNECTIONS)
    @Operation(summary = "Update a connection", description = "name and strategy cannot change. options replaces "
            + "the whole object and needs update:connections_options. An omitted display_name resets to the name.")
    @APIResponse(responseCode = "200", description = "The updated connection", content = @Content(
            schema = @Schema(implementation = ConnectionResponse.class)))
    public Uni<ConnectionResponse> update(@PathParam("id") String id, ConnectionUpdate update) {
        if (update != null && update.options() != null && !caller.hasScope(Scopes.UPDATE_CONNECTIONS_OPTIONS)) {
            throw new InsufficientScope(List.of(Scopes.UPDATE_CONNECTIONS_OPTIONS));
        }
        return connections.update(caller.tenantId(), id, update, canReadOptions());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Scopes.DELETE_CONNECTIONS)
    @Operation(summary = "Delete a connection", description = "202: the connection leaves every read at once; its "
            + "users are purged by the job at Location, and its name stays reserved until that job completes.")
    @APIResponse(responseCode = "202", description = "Deletion started", content = @Content(
            examples = @ExampleObject(name = "accepted", value = "{\"deleted_at\":\"2026-03-10T05:18:25.111Z\"}")))
    public Uni<RestResponse<Map<String, String>>> delete(@PathParam("id") String id) {
        return connections.delete(caller.tenantId(), id).map(started -> {
            RestResponse.ResponseBuilder<Map<String, String>> response = RestResponse.ResponseBuilder
                    .create(RestResponse.Status.ACCEPTED, Map.of("deleted_at", started.deletedAt()));
            if (started.jobId() != null) {
                response.location(URI.create("/api/v2/jobs/" + started.jobId()));
            }
            return response.build();
        });
    }

    @GET
    @Path("/{id}/clients")
    @RolesAllowed(Scopes.READ_CONNECTIONS)
    @Operation(summary = "Clients the connection is enabled for", description = "Checkpoint paging with take/from.")
    public Uni<EnabledClientsPage> enabledClients(@PathParam("id") String id, @QueryParam("take") Integer take,
            @QueryParam("from") String from) {
        return connections.enabledClients(caller.tenantId(), id, take, from);
    }

    @PATCH
    @Path("/{id}/clients")
    @RolesAllowed(Scopes.UPDATE_CONNECTIONS)
    @Operation(summary = "Enable or disable the connection for clients", description = "1-50 items of "
            + "{client_id, status}; 204.")
    public Uni<RestResponse<Void>> updateEnabledClients(@PathParam("id") String id, List<ClientStatus> changes) {
        return connections.updateEnabledClients(caller.tenantId(), id, changes).map(ignored -> RestResponse.noContent());
    }

    private boolean canReadOptions() {
        return caller.hasScope(Scopes.READ_CONNECTIONS_OPTIONS);
    }
}
