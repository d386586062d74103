package io.connectionhub.tenant;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.connectionhub.common.Timestamps;

/** A member as the admin API shows it (never the password). */
public record MemberResponse(String id, @JsonProperty("tenant_id") String tenantId, String email,
        @JsonProperty("created_at") String createdAt) {

    static MemberResponse of(Member member) {
        return new MemberResponse(member.id(), member.tenantId(), member.email(), Timestamps.format(member.createdAt()));
    }
}
