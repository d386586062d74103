package io.connectionhub.sso;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.connectionhub.auth.Caller;
import io.connectionhub.auth.PublicUrl;
import io.connectionhub.auth.Scopes;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;

/** Auth0's {@code /api/v2/logs}: the tenant's sign-in and code-exchange events. */
@Path("/api/v2/logs")
@Produces(MediaType.APPLICATION_JSON)
@HttpAuthenticationMechanism("Bearer")
@Tag(name = "Logs")
public class LogResource {

    private final SignInLog log;
    private final Caller caller;
    private final PublicUrl publicUrl;

    public LogResource(SignInLog log, Caller caller, PublicUrl publicUrl) {
        this.log = log;
        this.caller = caller;
        this.publicUrl = publicUrl;
    }

    @GET
    @RolesAllowed(Scopes.READ_LOGS)
    @Operation(summary = "List log events", description = "By checkpoint: from (a log_id; none for the first) and take "
            + "(1-100): the events after it, oldest first, with a Link rel=\"next\" header. By search otherwise: page, "
            + "per_page (1-100), sort (date:-1, the default, or date:1), include_totals; the first 1,000 events only. "
            + "q filters both: field:value or field:\"value\" terms joined by AND, exact matches on type, connection, "
            + "connection_id, client_id, user_id, user_name, organization_id, ip, strategy.")
    public Uni<RestResponse<Object>> list(@QueryParam("q") String q, @QueryParam("page") Integer page,
            @QueryParam("per_page") Integer perPage, @QueryParam("sort") String sort,
            @QueryParam("include_totals") Boolean includeTotals, @QueryParam("from") String from,
            @QueryParam("take") Integer take) {
        String tenantId = caller.tenantId();
        if (from != null || take != null) {
            return log.checkpoint(tenantId, from, take, q).map(checkpoint -> RestResponse.ResponseBuilder
                    .<Object> ok(checkpoint.logs())
                    .header("Link", "<" + next(checkpoint.next(), take, q) + ">; rel=\"next\"").build());
        }
        return log.search(tenantId, q, page, perPage, sort, includeTotals).map(RestResponse::ok);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Scopes.READ_LOGS)
    @Operation(summary = "Get a log event")
    public Uni<LogEvent> get(@PathParam("id") String id) {
        return log.get(caller.tenantId(), id);
    }

    private String next(String from, Integer take, String q) {
        StringBuilder next = new StringBuilder(publicUrl.base()).append("/api/v2/logs?from=").append(from);
        if (take != null) {
            next.append("&take=").append(take);
        }
        if (q != null && !q.isEmpty()) {
            next.append("&q=").append(URLEncoder.encode(q, StandardCharsets.UTF_8));
        }
        return next.toString();
    }
}
