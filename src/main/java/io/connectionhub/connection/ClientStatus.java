package io.connectionhub.connection;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One item of {@code PATCH /api/v2/connections/{id}/clients}: enable ({@code true}) or disable a client. */
public record ClientStatus(@JsonProperty("client_id") String clientId, Boolean status) {
}
