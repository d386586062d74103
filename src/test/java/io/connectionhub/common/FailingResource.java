package io.connectionhub.common;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Test-only endpoints that fail the way a bug would, in each family. */
@Path("/")
@PermitAll
public class FailingResource {

    @GET
    @Path("/api/v2/test-only/failure")
    public String auth0() {
        throw new IllegalStateException("SELECT secret_hash FROM clients -- internal detail");
    }

    @GET
    @Path("/v2/manage/test-only/failure")
    public String loginRadius() {
        throw new IllegalStateException("SELECT secret_hash FROM api_keys -- internal detail");
    }
}
