package io.connectionhub.common;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The OpenAPI document's frame: the three ways to authenticate, one per API family. */
@OpenAPIDefinition(
        info = @Info(title = "Connection Hub", version = "1.0.0",
                description = "Identity-provider connection management. /api/v2: Auth0-compatible Management API "
                        + "(Bearer JWT from /oauth/token, snake_case). /v2/manage: LoginRadius-compatible organization "
                        + "API (tenant API key and secret, PascalCase). /admin/v1: the operator's tenant API."),
        tags = {
                @Tag(name = "Tokens", description = "OAuth 2.0 client credentials and the public keys"),
                @Tag(name = "Clients", description = "Auth0 family: applications of a tenant"),
                @Tag(name = "Admin: tenants", description = "Operator API, admin token")
        })
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
                bearerFormat = "JWT", description = "An access token from POST /oauth/token; its scope claim lists "
                        + "the operations it may call."),
        @SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.QUERY,
                apiKeyName = "apikey", description = "The tenant's API key (or header X-LoginRadius-APIKey); goes "
                        + "with apiSecret."),
        @SecurityScheme(securitySchemeName = "apiSecret", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.QUERY,
                apiKeyName = "apisecret", description = "The tenant's API secret (or header X-LoginRadius-APISecret)."),
        @SecurityScheme(securitySchemeName = "adminToken", type = SecuritySchemeType.HTTP, scheme = "bearer",
                description = "The operator's admin token (connectionhub.admin.token).")
})
public class ApiDocumentation extends Application {
}
