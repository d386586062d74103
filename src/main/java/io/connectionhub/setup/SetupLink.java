package io.connectionhub.setup;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import io.vertx.mutiny.sqlclient.Row;

/** A row of setup_links; {@code testedAt}: when its connection last passed a test sign-in (since its last change). */
public record SetupLink(String id, String tenantId, String organizationId, long seq, List<String> intents,
        String returnUrl, int maxOpens, int opens, String spToken, String connectionId, OffsetDateTime createdAt,
        OffsetDateTime expiresAt, OffsetDateTime openedAt, OffsetDateTime completedAt, OffsetDateTime revokedAt,
        OffsetDateTime testedAt) {

    public static final String SSO = "sso";
    public static final String DOMAIN_VERIFICATION = "domain_verification";

    static final String COLUMNS = "id, tenant_id, organization_id, seq, intents, return_url, max_opens, opens, sp_token, "
            + "connection_id, created_at, expires_at, opened_at, completed_at, revoked_at, tested_at";

    static SetupLink of(Row row) {
        return new SetupLink(row.getString("id"), row.getString("tenant_id"), row.getString("organization_id"),
                row.getLong("seq"), Arrays.asList(row.getArrayOfStrings("intents")), row.getString("return_url"),
                row.getInteger("max_opens"), row.getInteger("opens"), row.getString("sp_token"),
                row.getString("connection_id"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("expires_at"),
                row.getOffsetDateTime("opened_at"), row.getOffsetDateTime("completed_at"),
                row.getOffsetDateTime("revoked_at"), row.getOffsetDateTime("tested_at"));
    }

    /** created, opened, completed, expired or revoked. */
    public String state() {
        if (revokedAt != null) {
            return "revoked";
        }
        if (completedAt != null) {
            return "completed";
        }
        if (expiresAt.isBefore(OffsetDateTime.now(ZoneOffset.UTC))) {
            return "expired";
        }
        return opens > 0 ? "opened" : "created";
    }

    public boolean wants(String intent) {
        return intents.contains(intent);
    }
}
