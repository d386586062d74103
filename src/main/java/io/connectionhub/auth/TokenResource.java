package io.connectionhub.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/** {@code POST /oauth/token} (client credentials, JSON or form) and the public keys that verify its tokens. */
@Path("/")
@PermitAll
@Tag(name = "Tokens")
public class TokenResource {

    private final TokenService tokens;
    private final SigningKeys keys;

    public TokenResource(TokenService tokens, SigningKeys keys) {
        this.tokens = tokens;
        this.keys = keys;
    }

    @POST
    @Path("/oauth/token")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get tokens (client credentials, or an authorization code)",
            description = "client_id and client_secret in the body, or as HTTP Basic credentials. grant_type "
                    + "authorization_code redeems a code from /authorize (code, redirect_uri, code_verifier) for an "
                    + "id token and a /userinfo access token.")
    public Uni<RestResponse<TokenResponse>> tokenFromJson(TokenRequest request,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        TokenRequest body = request == null ? new TokenRequest(null, null, null, null, null, null, null, null) : request;
        return issue(withBasicCredentials(body, authorization));
    }

    @POST
    @Path("/oauth/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get tokens (client credentials, or an authorization code), form-encoded")
    public Uni<RestResponse<TokenResponse>> tokenFromForm(@FormParam("grant_type") String grantType,
            @FormParam("client_id") String clientId, @FormParam("client_secret") String clientSecret,
            @FormParam("audience") String audience, @FormParam("scope") String scope,
            @FormParam("code") String code, @FormParam("redirect_uri") String redirectUri,
            @FormParam("code_verifier") String codeVerifier,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return issue(withBasicCredentials(new TokenRequest(grantType, clientId, clientSecret, audience, scope, code,
                redirectUri, codeVerifier), authorization));
    }

    @GET
    @Path("/.well-known/jwks.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The public keys that verify issued tokens (current and previous)")
    public Map<String, Object> jwks() {
        return keys.jwks();
    }

    private Uni<RestResponse<TokenResponse>> issue(TokenRequest request) {
        return tokens.issue(request).map(token -> RestResponse.ResponseBuilder.ok(token)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build());
    }

    /** RFC 6749 2.3.1: client credentials may come as HTTP Basic instead of body parameters. */
    private static TokenRequest withBasicCredentials(TokenRequest request, String authorization) {
        if (request.clientSecret() != null || authorization == null
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return request;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return request;
            }
            String id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            if (request.clientId() != null && !request.clientId().equals(id)) {
                throw new TokenRefused(TokenRefused.Reason.INVALID_REQUEST,
                        "The client_id of the body and of the Basic credentials differ");
            }
            return request.withClient(id, URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new TokenRefused(TokenRefused.Reason.INVALID_REQUEST, "Malformed Basic credentials");
        }
    }
}
