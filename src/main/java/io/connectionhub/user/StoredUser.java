package io.connectionhub.user;

import java.time.OffsetDateTime;

import io.vertx.mutiny.sqlclient.Row;

/** A user row with its connection's name and strategy. */
record StoredUser(long id, String connectionId, String connectionName, String strategy, String userId, String email,
        boolean emailVerified, String username, String givenName, String familyName, String name, String nickname,
        boolean blocked, String userMetadata, String appMetadata, OffsetDateTime createdAt, OffsetDateTime updatedAt,
        OffsetDateTime lastLogin, String lastIp, long loginsCount) {

    static final String COLUMNS = "u.id, u.connection_id, c.name AS connection_name, c.strategy, u.user_id, u.email, "
            + "u.email_verified, u.username, u.given_name, u.family_name, u.name, u.nickname, u.blocked, "
            + "u.user_metadata::text AS user_metadata, u.app_metadata::text AS app_metadata, u.created_at, u.updated_at, "
            + "u.last_login, u.last_ip, u.logins_count";

    static StoredUser of(Row row) {
        return new StoredUser(row.getLong("id"), row.getString("connection_id"), row.getString("connection_name"),
                row.getString("strategy"), row.getString("user_id"), row.getString("email"),
                row.getBoolean("email_verified"), row.getString("username"), row.getString("given_name"),
                row.getString("family_name"), row.getString("name"), row.getString("nickname"), row.getBoolean("blocked"),
                row.getString("user_metadata"), row.getString("app_metadata"), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"), row.getOffsetDateTime("last_login"), row.getString("last_ip"),
                row.getLong("logins_count"));
    }
}
