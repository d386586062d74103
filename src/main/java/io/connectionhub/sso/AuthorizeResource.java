package io.connectionhub.sso;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code /authorize} (GET, or POST with a form, as OpenID Connect allows): starts a sign-in of the application's
 * user. An unknown application or a redirect URI that is not exactly one of its callbacks gets an HTML error page,
 * never a redirect; every other outcome is a redirect (to the IdP, a sign-in page, or back to the application).
 */
@Path("/authorize")
@PermitAll
@Tag(name = "Sign-in")
public class AuthorizeResource {

    private final SignInStart start;

    public AuthorizeResource(SignInStart start) {
        this.start = start;
    }

    @GET
    @Operation(summary = "Start a sign-in (OpenID Connect authorization request, code flow)",
            description = "response_type=code, client_id, redirect_uri (exactly one of the application's callbacks), "
                    + "scope (openid profile email), state, nonce, code_challenge with code_challenge_method=S256 "
                    + "(required for public clients), and optionally connection, organization, login_hint, prompt.")
    public Uni<Response> authorize(@Context UriInfo uri, @Context HttpServerRequest request) {
        return redirect(uri.getQueryParameters(), request);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Start a sign-in, parameters form-encoded")
    public Uni<Response> authorizeForm(MultivaluedMap<String, String> form, @Context HttpServerRequest request) {
        return redirect(form, request);
    }

    private Uni<Response> redirect(Map<String, List<String>> parameters, HttpServerRequest request) {
        return start.authorize(parameters, Browser.of(request))
                .map(location -> Response.status(Response.Status.FOUND).location(location).build());
    }
}
