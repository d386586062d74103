package io.connectionhub.sso;

import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/**
 * {@code /userinfo} (OpenID Connect Core 5.3): the signed-in user's claims for an access token from the
 * authorization code grant ({@code Authorization: Bearer}, or {@code access_token} in a form body, RFC 6750). A
 * missing, invalid, expired or revoked token, or a management token, is a 401 with {@code WWW-Authenticate: Bearer
 * error="invalid_token"}.
 */
@Path("/userinfo")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sign-in")
public class UserinfoResource {

    private final Userinfo userinfo;

    public UserinfoResource(Userinfo userinfo) {
        this.userinfo = userinfo;
    }

    @GET
    @Operation(summary = "The signed-in user's claims (Bearer access token from the authorization code grant)")
    public Uni<RestResponse<Map<String, Object>>> get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return claims(Userinfo.bearer(authorization, null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "The signed-in user's claims; the access token as Bearer or as the access_token form field")
    public Uni<RestResponse<Map<String, Object>>> post(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @RestForm("access_token") String accessToken) {
        return claims(Userinfo.bearer(authorization, accessToken));
    }

    private Uni<RestResponse<Map<String, Object>>> claims(String token) {
        return userinfo.claims(token).map(claims -> RestResponse.ResponseBuilder.ok(claims)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build());
    }
}
