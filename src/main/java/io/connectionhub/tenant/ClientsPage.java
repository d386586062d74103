package io.connectionhub.tenant;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The object shapes of {@code GET /api/v2/clients}: offset ({@code start, limit, length, total}) or checkpoint
 * ({@code next}); fields of the other shape are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientsPage(Long start, Integer limit, Integer length, Long total, List<ClientResponse> clients,
        String next) {
}
