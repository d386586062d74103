package io.connectionhub.common;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Keeps the /v2/manage operations documented with the requirement their resources declare: the API key and the API
 * secret together ({@code @SecurityRequirementsSet}). Quarkus adds its default scheme to every {@code @RolesAllowed}
 * operation that carries no single {@code @SecurityRequirement}, which would offer a second, wrong way in.
 */
@OpenApiFilter
public class ApiKeyRequirementFilter implements OASFilter {

    static final String KEY = "apiKey";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (ApiFamily.of(path) != ApiFamily.LOGINRADIUS || item.getOperations() == null) {
                return;
            }
            item.getOperations().values().forEach(operation -> {
                if (operation.getSecurity() != null) {
                    operation.setSecurity(operation.getSecurity().stream()
                            .filter(requirement -> requirement.hasScheme(KEY)).toList());
                }
            });
        });
    }
}
