package io.connectionhub.tenant;

import java.time.OffsetDateTime;

import io.vertx.mutiny.sqlclient.Row;

/** A tenant's administrator, who signs in to the console. */
record Member(String id, String tenantId, long seq, String email, String passwordHash, OffsetDateTime createdAt) {

    static final String COLUMNS = "id, tenant_id, seq, email, password_hash, created_at";

    static Member of(Row row) {
        return new Member(row.getString("id"), row.getString("tenant_id"), row.getLong("seq"), row.getString("email"),
                row.getString("password_hash"), row.getOffsetDateTime("created_at"));
    }
}
