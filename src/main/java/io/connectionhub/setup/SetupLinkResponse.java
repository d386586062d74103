package io.connectionhub.setup;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.connectionhub.common.Timestamps;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A setup link as listed (never its token or URL). */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SetupLinkResponse(
        @JsonProperty("Id") String id,
        @JsonProperty("State") String state,
        @JsonProperty("Intents") List<String> intents,
        @JsonProperty("ReturnUrl") String returnUrl,
        @JsonProperty("Opens") int opens,
        @JsonProperty("MaxOpens") int maxOpens,
        @JsonProperty("ConnectionId") String connectionId,
        @JsonProperty("CreatedDate") String createdDate,
        @JsonProperty("ExpiresAt") String expiresAt,
        @JsonProperty("OpenedDate") String openedDate,
        @JsonProperty("CompletedDate") String completedDate,
        @JsonProperty("RevokedDate") String revokedDate) {

    static SetupLinkResponse of(SetupLink link) {
        return new SetupLinkResponse(link.id(), link.state(), link.intents(), link.returnUrl(), link.opens(),
                link.maxOpens(), link.connectionId() == null ? null : "conn_" + link.connectionId().substring(4),
                Timestamps.formatSeconds(link.createdAt()), Timestamps.formatSeconds(link.expiresAt()),
                Timestamps.formatSeconds(link.openedAt()), Timestamps.formatSeconds(link.completedAt()),
                Timestamps.formatSeconds(link.revokedAt()));
    }
}
