package io.connectionhub.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Finishes the OpenAPI document per API family. Quarkus gives every {@code @RolesAllowed} operation a requirement on
 * its first security scheme, with the roles as scopes; this puts each family on its own scheme instead: bearer
 * tokens with the operation's scopes for /api/v2, the admin token for /admin, the API key and secret for
 * /v2/manage, nothing for the public endpoints. It also documents the Auth0 family's error responses, with examples,
 * on every /api/v2 operation (the LoginRadius family's are declared on its resources).
 */
@OpenApiFilter
public class ApiDocumentationFilter implements OASFilter {

    static final String BEARER = "bearer";
    static final String ADMIN = "adminToken";
    static final String API_KEY = "apiKey";

    private static final Map<String, Object[]> AUTH0_ERRORS = new LinkedHashMap<>();

    static {
        AUTH0_ERRORS.put("400", new Object[] { "Invalid body or query string", "Bad Request",
                "Payload validation error: 'String does not match pattern ^[a-zA-Z0-9](-[a-zA-Z0-9]|[a-zA-Z0-9])*$: -a' on property name.",
                "invalid_body" });
        AUTH0_ERRORS.put("401", new Object[] { "Missing, malformed, expired or foreign token (WWW-Authenticate: Bearer)",
                "Unauthorized", "Expired token received for JSON Web Token validation", "invalid_token" });
        AUTH0_ERRORS.put("403", new Object[] { "The token lacks every scope the operation accepts", "Forbidden",
                "Insufficient scope, expected any of: create:connections", "insufficient_scope" });
        AUTH0_ERRORS.put("404", new Object[] { "Unknown id, another tenant's id, or a connection being deleted",
                "Not Found", "The connection does not exist", "inexistent_connection" });
        AUTH0_ERRORS.put("429", new Object[] { "Rate limit of the tenant reached (Retry-After)", "Too Many Requests",
                "Global limit has been reached", "too_many_requests" });
        AUTH0_ERRORS.put("500", new Object[] { "Unexpected failure; the error id is in the log", "Internal Server Error",
                "An internal error occurred. Quote error id 3f1c2d7e-5b0a-4d8e-9a61-2b7c0e4f9d13 when reporting it.",
                "internal_error" });
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (item.getOperations() == null) {
                return;
            }
            item.getOperations().values().forEach(operation -> {
                if (path.startsWith("/v2/manage")) {
                    keepOnly(operation, API_KEY);
                } else if (path.startsWith("/admin/")) {
                    operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(ADMIN)));
                } else if (path.startsWith("/api/v2/")) {
                    operation.setSecurity(List.of(OASFactory.createSecurityRequirement()
                            .addScheme(BEARER, scopesOf(operation))));
                    addAuth0Errors(operation);
                } else {
                    operation.setSecurity(null);
                }
            });
        });
    }

    private static void keepOnly(Operation operation, String scheme) {
        if (operation.getSecurity() != null) {
            operation.setSecurity(operation.getSecurity().stream().filter(requirement -> requirement.hasScheme(scheme))
                    .toList());
        }
    }

    /** The roles Quarkus copied from {@code @RolesAllowed}, whatever scheme it put them under. */
    private static List<String> scopesOf(Operation operation) {
        List<String> scopes = new ArrayList<>();
        if (operation.getSecurity() != null) {
            for (SecurityRequirement requirement : operation.getSecurity()) {
                if (requirement.getSchemes() != null) {
                    requirement.getSchemes().values().forEach(scopes::addAll);
                }
            }
        }
        return scopes.stream().distinct().toList();
    }

    private static void addAuth0Errors(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        AUTH0_ERRORS.forEach((status, error) -> {
            // Quarkus's own 401/403 entries carry no body; an entry a resource documented with content stays.
            if (responses.hasAPIResponse(status) && responses.getAPIResponse(status).getContent() != null) {
                return;
            }
            Map<String, Object> example = new LinkedHashMap<>();
            example.put("statusCode", Integer.parseInt(status));
            example.put("error", error[1]);
            example.put("message", error[2]);
            example.put("errorCode", error[3]);
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description((String) error[0])
                    .content(OASFactory.createContent().addMediaType("application/json", OASFactory.createMediaType()
                            .addExample(error[3].toString(), OASFactory.createExample().value(example)))));
        });
    }
}
