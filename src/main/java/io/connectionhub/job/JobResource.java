package io.connectionhub.job;

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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.connectionhub.auth.Caller;
import io.connectionhub.auth.Scopes;
import io.connectionhub.common.InvalidRequest;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;

/** Auth0's {@code /api/v2/jobs}: user imports, and the status of imports and connection deletions. */
@Path("/api/v2/jobs")
@Produces(MediaType.APPLICATION_JSON)
@HttpAuthenticationMechanism("Bearer")
@Tag(name = "Jobs")
public class JobResource {

    private final JobService jobs;
    private final Caller caller;

    public JobResource(JobService jobs, Caller caller) {
        this.jobs = jobs;
        this.caller = caller;
    }

    @POST
    @Path("/users-imports")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Scopes.CREATE_USERS)
    @Operation(summary = "Import users", description = "multipart: `users` (a JSON array of users, or NDJSON), "
            + "`connection_id` (a database connection), `upsert` (default false), `external_id`; "
            + "`send_completion_email` is accepted and ignored. 202 with the pending job.")
    public Uni<RestResponse<JobResponse>> importUsers(@RestForm("users") FileUpload users,
            @RestForm("connection_id") String connectionId, @RestForm("upsert") String upsert,
            @RestForm("external_id") String externalId, @RestForm("send_completion_email") String sendCompletionEmail) {
        if (users == null || users.uploadedFile() == null) {
            throw new InvalidRequest(null, "Missing required property: users", "The file of users to import");
        }
        return jobs.startImport(caller.tenantId(), connectionId, users.uploadedFile().toString(), flag("upsert", upsert),
                externalId).map(job -> RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED, job)
                        .location(URI.create("/api/v2/jobs/" + job.id())).build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Scopes.CREATE_USERS, Scopes.READ_USERS, Scopes.DELETE_CONNECTIONS })
    @Operation(summary = "Get a job", description = "status, percentage_done, time_left_seconds and the summary of "
            + "a users_import or connection_deletion job.")
    public Uni<JobResponse> get(@PathParam("id") String id) {
        return jobs.get(caller.tenantId(), id);
    }

    @GET
    @Path("/{id}/errors")
    @RolesAllowed({ Scopes.CREATE_USERS, Scopes.READ_USERS })
    @Operation(summary = "Users an import refused", description = "200 with [{user, errors[{code, message, path}]}], "
            + "or 204 when there are none.")
    public Uni<RestResponse<List<JobErrorEntry>>> errors(@PathParam("id") String id) {
        return jobs.errors(caller.tenantId(), id)
                .map(errors -> errors.isEmpty() ? RestResponse.noContent() : RestResponse.ok(errors));
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw new InvalidRequest(name, "Expected type boolean but found type string", "true or false");
        }
        return Boolean.parseBoolean(value);
    }
}
