package io.connectionhub.sso;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import io.connectionhub.oidc.OidcCallback;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code GET /login/callback}: where every OIDC connection's IdP sends the browser back (the redirect URI registered
 * there, shown as {@code callback_url}). The answer is a 303 to the application; an unknown or used state is an
 * error page.
 */
@Path("/login/callback")
@PermitAll
@Tag(name = "Sign-in")
public class OidcCallbackResource {

    private final OidcSignIn signIn;

    public OidcCallbackResource(OidcSignIn signIn) {
        this.signIn = signIn;
    }

    @GET
    @Operation(summary = "The OIDC connections' callback", description = "The IdP's authorization response "
            + "(code or error, state, iss); redirects to the application with a code or access_denied.")
    public Uni<RestResponse<Void>> callback(@RestQuery String code, @RestQuery String state, @RestQuery String iss,
            @RestQuery String error, @RestQuery("error_description") String errorDescription,
            @Context HttpServerRequest request) {
        return signIn.finish(new OidcCallback(code, state, iss, error, errorDescription), Browser.of(request))
                .map(RestResponse::seeOther);
    }
}
