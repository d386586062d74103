package io.connectionhub.sso;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A log event as Auth0's {@code /api/v2/logs} shows it. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogEvent(
        @JsonProperty("log_id") String logId,
        String date,
        String type,
        String description,
        String connection,
        @JsonProperty("connection_id") String connectionId,
        String strategy,
        @JsonProperty("strategy_type") String strategyType,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_name") String clientName,
        String ip,
        @JsonProperty("user_agent") String userAgent,
        @JsonProperty("user_id") String userId,
        @JsonProperty("user_name") String userName,
        @JsonProperty("organization_id") String organizationId) {
}
