package io.connectionhub.common;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.logging.MDC;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Test-only endpoint: logs after a database round trip and answers the request id the MDC held at that point. */
@Path("/test-support/request-id")
public class RequestIdProbe {

    static final String MESSAGE = "request id probe answered";

    private final Pool pool;

    public RequestIdProbe(Pool pool) {
        this.pool = pool;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Uni<String> probe() {
        return pool.query("SELECT 1").execute().map(rows -> {
            Log.info(MESSAGE);
            return String.valueOf(MDC.get(RequestIds.MDC_KEY));
        });
    }
}
