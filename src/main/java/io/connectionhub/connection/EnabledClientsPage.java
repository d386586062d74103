package io.connectionhub.connection;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code GET /api/v2/connections/{id}/clients}: {@code {"clients":[{"client_id":...}],"next":...}}. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnabledClientsPage(List<EnabledClient> clients, String next) {

    @RegisterForReflection
    public record EnabledClient(@JsonProperty("client_id") String clientId) {
    }
}
