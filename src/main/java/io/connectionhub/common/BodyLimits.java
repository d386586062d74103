package io.connectionhub.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.runtime.configuration.MemorySize;

/**
 * Refuses a body over its limit before it is read: JSON bodies get {@code connectionhub.http.max-body-size},
 * user-import uploads {@code connectionhub.import.max-file-size}. (The HTTP server's own cap,
 * {@code quarkus.http.limits.max-body-size}, sits above both and catches bodies sent without a length.)
 */
public class BodyLimits {

    static final String IMPORT_PATH = "/api/v2/jobs/users-imports";

    private final long maxBodySize;
    private final long maxImportSize;

    public BodyLimits(@ConfigProperty(name = "connectionhub.http.max-body-size", defaultValue = "1M") MemorySize maxBodySize,
            @ConfigProperty(name = "connectionhub.import.max-file-size", defaultValue = "256M") MemorySize maxImportSize) {
        this.maxBodySize = maxBodySize.asLongValue();
        this.maxImportSize = maxImportSize.asLongValue();
    }

    @ServerRequestFilter(preMatching = true)
    public void check(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return;
        }
        long limit = request.getUriInfo().getPath().startsWith(IMPORT_PATH) ? maxImportSize : maxBodySize;
        try {
            if (Long.parseLong(length.trim()) > limit) {
                throw new PayloadTooLarge(limit);
            }
        } catch (NumberFormatException e) {
            throw new MalformedBody("Invalid Content-Length");
        }
    }
}
