package io.connectionhub.common;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;

/** Test-only endpoint: the authentication-failure handler a request reached REST with ("none" if none). */
@Path("/test-support/auth-failure-handler")
public class AuthFailureHandlerProbe {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String probe(RoutingContext context) {
        Object handler = context.get(QuarkusHttpUser.AUTH_FAILURE_HANDLER);
        return handler == null ? "none" : handler.getClass().getName();
    }
}
