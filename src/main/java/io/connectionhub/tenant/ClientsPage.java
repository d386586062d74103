package io.connectionhub.tenant;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The object shapes of {@code GET /api/v2/clients}: offset ({@code start, limit, length, total}) or checkpoint
 * ({@code next}); fields of the other shape are left out. The list endpoint returns {@code Object} (the shape
 * depends on the query), so nothing registers this record for reflection in a native image but the annotation.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientsPage(Long start, Integer limit, Integer length, Long total, List<ClientResponse> clients,
        String next) {
}
