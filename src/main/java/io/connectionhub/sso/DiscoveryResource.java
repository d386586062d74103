package io.connectionhub.sso;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.connectionhub.auth.PublicUrl;

/**
 * OpenID Connect discovery: what an unmodified OIDC client library needs to use the service as its provider. There
 * are no refresh tokens (not offered), so {@code refresh_token} is not among the grant types.
 */
@Path("/.well-known/openid-configuration")
@PermitAll
@Tag(name = "Sign-in")
public class DiscoveryResource {

    private final Map<String, Object> configuration;

    public DiscoveryResource(PublicUrl publicUrl) {
        String base = publicUrl.base();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", publicUrl.issuer());
        document.put("authorization_endpoint", base + "/authorize");
        document.put("token_endpoint", base + "/oauth/token");
        document.put("userinfo_endpoint", base + "/userinfo");
        document.put("jwks_uri", base + "/.well-known/jwks.json");
        document.put("response_types_supported", List.of("code"));
        document.put("response_modes_supported", List.of("query"));
        document.put("grant_types_supported", List.of("authorization_code", "client_credentials"));
        document.put("code_challenge_methods_supported", List.of(AuthorizationRequest.S256));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("subject_types_supported", List.of("public"));
        document.put("scopes_supported", AuthorizationRequest.KNOWN_SCOPES);
        document.put("claims_supported", List.of("sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "at_hash",
                "name", "given_name", "family_name", "email", "email_verified", "org_id", "groups", "roles",
                "connection", "connection_strategy"));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post",
                "none"));
        document.put("prompt_values_supported", List.of("none", "login", "consent", "select_account"));
        document.put("request_parameter_supported", false);
        document.put("request_uri_parameter_supported", false);
        document.put("authorization_response_iss_parameter_supported", true);
        this.configuration = Collections.unmodifiableMap(document);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OpenID Connect discovery document of the service's provider")
    public Map<String, Object> configuration() {
        return configuration;
    }
}
