package io.connectionhub.tenant;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.connectionhub.common.Timestamps;

/** A tenant as the admin API lists it (no secrets). */
public record TenantResponse(String id, String name, @JsonProperty("created_at") String createdAt) {

    static TenantResponse of(Tenant tenant) {
        return new TenantResponse(tenant.id, tenant.name, Timestamps.format(tenant.createdAt));
    }
}
