package io.connectionhub.sso;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /saml/sp/acs/{token}}: the Assertion Consumer Service of every SAML connection (its {@code ACSEndpoint}
 * / {@code acs_url}), HTTP-POST binding. The answer is a 303 to the application; a response no sign-in can be tied to
 * is an error page.
 */
@Path("/saml/sp/acs/{token}")
@PermitAll
@Tag(name = "Sign-in")
public class SamlAcsResource {

    private final SamlSignIn signIn;

    public SamlAcsResource(SamlSignIn signIn) {
        this.signIn = signIn;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "The SAML connections' Assertion Consumer Service", description = "The IdP's SAMLResponse "
            + "and RelayState (HTTP-POST binding); redirects to the application with a code or access_denied naming "
            + "the failed check.")
    public Uni<RestResponse<Void>> consume(@RestPath String token, @RestForm("SAMLResponse") String samlResponse,
            @RestForm("RelayState") String relayState, @Context HttpServerRequest request) {
        return signIn.finish(token, samlResponse, relayState, Browser.of(request)).map(RestResponse::seeOther);
    }
}
