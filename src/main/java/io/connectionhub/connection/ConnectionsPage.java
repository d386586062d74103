package io.connectionhub.connection;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The object shapes of {@code GET /api/v2/connections}: offset ({@code start, limit, total}) or checkpoint
 * ({@code next}, absent on the last page).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectionsPage(Long start, Integer limit, Long total, List<JsonNode> connections, String next) {
}
