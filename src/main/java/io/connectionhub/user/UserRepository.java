package io.connectionhub.user;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Users, through the reactive SQL client: single rows for the API, set-based batches (unnest) for imports and
 * purges. Reads see only users of active connections; every query is scoped by tenant or by a connection the
 * caller resolved within its tenant.
 */
@ApplicationScoped
public class UserRepository {

    private static final String INSERT = "INSERT INTO users (connection_id, tenant_id, user_id, email, email_verified, "
            + "username, given_name, family_name, name, nickname, blocked, password_hash, user_metadata, app_metadata) "
            + "SELECT $1, $2, t.user_id, t.email, t.email_verified, t.username, t.given_name, t.family_name, t.name, "
            + "t.nickname, t.blocked, t.password_hash, t.user_metadata::jsonb, t.app_metadata::jsonb "
            + "FROM unnest($3::text[], $4::text[], $5::bool[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], "
            + "$11::bool[], $12::text[], $13::text[], $14::text[]) AS t(user_id, email, email_verified, username, "
            + "given_name, family_name, name, nickname, blocked, password_hash, user_metadata, app_metadata) ";

    private final Pool pool;

    public UserRepository(Pool pool) {
        this.pool = pool;
    }

    Uni<StoredUser> insertOne(SqlConnection tx, String connectionId, String tenantId, String userId, NewUser user) {
        return tx.preparedQuery(INSERT + "RETURNING id").execute(arrays(connectionId, tenantId, List.of(userId), List.of(user)))
                .chain(rows -> findByUserId(tx, tenantId, userId));
    }

    Uni<StoredUser> findByUserId(SqlConnection client, String tenantId, String userId) {
        return (client == null ? pool : client).preparedQuery("SELECT " + StoredUser.COLUMNS + " FROM users u JOIN connections c "
                + "ON c.id = u.connection_id AND c.state = 'active' WHERE u.tenant_id = $1 AND u.user_id = $2")
                .execute(Tuple.of(tenantId, userId)).map(UserRepository::first);
    }

    Uni<Integer> deleteByUserId(String tenantId, String userId) {
        return pool.preparedQuery("DELETE FROM users u USING connections c WHERE c.id = u.connection_id "
                + "AND c.state = 'active' AND u.tenant_id = $1 AND u.user_id = $2")
                .execute(Tuple.of(tenantId, userId)).map(RowSet::rowCount);
    }

    Uni<Integer> deleteByEmail(SqlConnection tx, String connectionId, String email) {
        return tx.preparedQuery("DELETE FROM users WHERE connection_id = $1 AND lower(email) = lower($2)")
                .execute(Tuple.of(connectionId, email)).map(RowSet::rowCount);
    }

    /** Keyset page of a connection's users in creation order. */
    Uni<List<StoredUser>> pageOfConnection(String connectionId, long afterId, int size) {
        return pool.preparedQuery("SELECT " + StoredUser.COLUMNS + " FROM users u JOIN connections c ON c.id = u.connection_id "
                + "AND c.state = 'active' WHERE u.connection_id = $1 AND u.id > $2 ORDER BY u.id LIMIT $3")
                .execute(Tuple.of(connectionId, afterId, size)).map(UserRepository::all);
    }

    /**
     * Keyset page of a connection's users whose lower-cased email starts with {@code prefix}, in byte order of that
     * email, after the user whose email is {@code afterEmail}: a range scan of {@code users_connection_email_prefix}
     * (the range ends below the prefix followed by the highest code point).
     */
    Uni<List<StoredUser>> byEmailPrefix(String connectionId, String prefix, String afterEmail, int size) {
        String key = "lower(u.email) COLLATE \"C\"";
        String range = prefix.isEmpty() ? "" : " AND " + key + " >= lower($2) AND " + key + " < lower($2) || chr(1114111)";
        return pool.preparedQuery("SELECT " + StoredUser.COLUMNS + " FROM users u JOIN connections c ON c.id = u.connection_id "
                + "AND c.state = 'active' WHERE u.connection_id = $1 AND $2 = $2" + range + " AND " + key + " > lower($3) "
                + "ORDER BY " + key + " LIMIT $4")
                .execute(Tuple.of(connectionId, prefix, afterEmail == null ? "" : afterEmail, size))
                .map(UserRepository::all);
    }

    /** How many users the connection has, counting no further than {@code limit}. */
    Uni<Long> countUpTo(String connectionId, long limit) {
        return pool.preparedQuery("SELECT count(*) AS n FROM (SELECT 1 FROM users WHERE connection_id = $1 LIMIT $2) s")
                .execute(Tuple.of(connectionId, limit)).map(rows -> rows.iterator().next().getLong("n"));
    }

    /** Keyset page of all users of the tenant, by user id. */
    Uni<List<StoredUser>> pageOfTenant(String tenantId, String afterUserId, int size) {
        return pool.preparedQuery("SELECT " + StoredUser.COLUMNS + " FROM users u JOIN connections c ON c.id = u.connection_id "
                + "AND c.state = 'active' WHERE u.tenant_id = $1 AND u.user_id > $2 ORDER BY u.user_id LIMIT $3")
                .execute(Tuple.of(tenantId, afterUserId, size)).map(UserRepository::all);
    }

    /** How many users the connection has, counting no further than {@code limit}. */
    Uni<Long> countUpTo(SqlConnection tx, String connectionId, long limit) {
        return tx.preparedQuery("SELECT count(*) AS n FROM (SELECT 1 FROM users WHERE connection_id = $1 LIMIT $2) s")
                .execute(Tuple.of(connectionId, limit)).map(rows -> rows.iterator().next().getLong("n"));
    }

    Uni<Long> count(String connectionId) {
        return pool.preparedQuery("SELECT count(*) AS n FROM users WHERE connection_id = $1")
                .execute(Tuple.of(connectionId)).map(rows -> rows.iterator().next().getLong("n"));
    }

    /** Deletes up to {@code limit} users of the connection; how many went. */
    Uni<Integer> deleteBatch(SqlConnection tx, String connectionId, int limit) {
        return tx.preparedQuery("DELETE FROM users WHERE connection_id = $1 AND id IN "
                + "(SELECT id FROM users WHERE connection_id = $1 LIMIT $2)")
                .execute(Tuple.of(connectionId, limit)).map(RowSet::rowCount);
    }

    /** Inserts new users, leaving out any that collide; the lower-cased emails of those that went in. */
    Uni<List<String>> insertNew(SqlConnection tx, String connectionId, String tenantId, List<String> userIds,
            List<NewUser> users) {
        return tx.preparedQuery(INSERT + "ON CONFLICT DO NOTHING RETURNING lower(email) AS email_key")
                .execute(arrays(connectionId, tenantId, userIds, users))
                .map(rows -> {
                    List<String> keys = new ArrayList<>();
                    rows.forEach(row -> keys.add(row.getString("email_key")));
                    return keys;
                });
    }

    /** Inserts or updates by email; for each lower-cased email written, whether it was an insert. */
    Uni<Map<String, Boolean>> upsert(SqlConnection tx, String connectionId, String tenantId, List<String> userIds,
            List<NewUser> users) {
        return tx.preparedQuery(INSERT + "ON CONFLICT (connection_id, lower(email)) DO UPDATE SET email = EXCLUDED.email, "
                + "email_verified = EXCLUDED.email_verified, username = coalesce(EXCLUDED.username, users.username), "
                + "given_name = coalesce(EXCLUDED.given_name, users.given_name), "
                + "family_name = coalesce(EXCLUDED.family_name, users.family_name), "
                + "name = coalesce(EXCLUDED.name, users.name), nickname = coalesce(EXCLUDED.nickname, users.nickname), "
                + "blocked = EXCLUDED.blocked, password_hash = coalesce(EXCLUDED.password_hash, users.password_hash), "
                + "user_metadata = coalesce(EXCLUDED.user_metadata, users.user_metadata), "
                + "app_metadata = coalesce(EXCLUDED.app_metadata, users.app_metadata), updated_at = now() "
                + "RETURNING lower(email) AS email_key, (xmax = 0) AS inserted")
                .execute(arrays(connectionId, tenantId, userIds, users))
                .map(rows -> {
                    Map<String, Boolean> written = new HashMap<>();
                    rows.forEach(row -> written.put(row.getString("email_key"), row.getBoolean("inserted")));
                    return written;
                });
    }

    /** Of the given user ids, those already taken in the tenant, with the connection and email holding them. */
    Uni<Map<String, String>> takenUserIds(SqlConnection tx, String tenantId, List<String> userIds) {
        return tx.preparedQuery("SELECT user_id, connection_id || ' ' || lower(email) AS holder FROM users "
                + "WHERE tenant_id = $1 AND user_id = ANY($2::text[])")
                .execute(Tuple.of(tenantId, userIds.toArray(new String[0])))
                .map(rows -> {
                    Map<String, String> taken = new HashMap<>();
                    rows.forEach(row -> taken.put(row.getString("user_id"), row.getString("holder")));
                    return taken;
                });
    }

    private static Tuple arrays(String connectionId, String tenantId, List<String> userIds, List<NewUser> users) {
        int n = users.size();
        String[] ids = userIds.toArray(new String[0]);
        String[] emails = new String[n];
        Boolean[] verified = new Boolean[n];
        String[] usernames = new String[n];
        String[] given = new String[n];
        String[] family = new String[n];
        String[] names = new String[n];
        String[] nicknames = new String[n];
        Boolean[] blocked = new Boolean[n];
        String[] hashes = new String[n];
        String[] userMetadata = new String[n];
        String[] appMetadata = new String[n];
        for (int i = 0; i < n; i++) {
            NewUser user = users.get(i);
            emails[i] = user.email();
            verified[i] = user.emailVerified();
            usernames[i] = user.username();
            given[i] = user.givenName();
            family[i] = user.familyName();
            names[i] = user.name();
            nicknames[i] = user.nickname();
            blocked[i] = user.blocked();
            hashes[i] = user.passwordHash();
            userMetadata[i] = user.userMetadata();
            appMetadata[i] = user.appMetadata();
        }
        return Tuple.tuple().addString(connectionId).addString(tenantId).addArrayOfString(ids)
                .addArrayOfString(emails).addArrayOfBoolean(verified).addArrayOfString(usernames)
                .addArrayOfString(given).addArrayOfString(family).addArrayOfString(names).addArrayOfString(nicknames)
                .addArrayOfBoolean(blocked).addArrayOfString(hashes).addArrayOfString(userMetadata)
                .addArrayOfString(appMetadata);
    }

    // --- sign-in

    /** A database user's id, password hash and blocked flag; null when the connection has no user with the email. */
    record Credentials(String userId, String passwordHash) {
    }

    private static final String SIGNED_IN = "user_id, email, email_verified, name, given_name, family_name, blocked";
    /** A sign-in's user: its profile updated and its login counted, unless it is blocked or another connection's. */
    private static final String UPSERT_SIGNED_IN = "ON CONFLICT (tenant_id, user_id) DO UPDATE SET "
            + "email = coalesce(EXCLUDED.email, users.email), email_verified = EXCLUDED.email_verified, "
            + "name = coalesce(EXCLUDED.name, users.name), given_name = coalesce(EXCLUDED.given_name, users.given_name), "
            + "family_name = coalesce(EXCLUDED.family_name, users.family_name), last_login = now(), "
            + "last_ip = EXCLUDED.last_ip, logins_count = users.logins_count + 1, updated_at = now() "
            + "WHERE users.connection_id = EXCLUDED.connection_id AND NOT users.blocked RETURNING " + SIGNED_IN;

    Uni<Credentials> findCredentials(String connectionId, String email) {
        return pool.preparedQuery("SELECT user_id, password_hash FROM users WHERE connection_id = $1 "
                + "AND lower(email) = lower($2)").execute(Tuple.of(connectionId, email))
                .map(rows -> {
                    var iterator = rows.iterator();
                    if (!iterator.hasNext()) {
                        return null;
                    }
                    Row row = iterator.next();
                    return new Credentials(row.getString("user_id"), row.getString("password_hash"));
                });
    }

    /** Counts a login of a user of the connection; the user as it is now, or null when it is gone. */
    Uni<SignedInUser> recordLogin(SqlConnection tx, String connectionId, String userId, String ip) {
        return tx.preparedQuery("UPDATE users SET last_login = now(), last_ip = $3, logins_count = logins_count + 1, "
                + "updated_at = now() WHERE connection_id = $1 AND user_id = $2 RETURNING " + SIGNED_IN)
                .execute(Tuple.of(connectionId, userId, ip)).map(UserRepository::signedIn);
    }

    /**
     * Creates the user signed in through an identity provider, or updates its profile from the IdP's and counts the
     * login. Null when the user exists but is blocked (left as it is), or belongs to another connection. An email
     * another user of the connection has fails on {@code users_connection_email}.
     */
    Uni<SignedInUser> upsertSignedIn(SqlConnection tx, String connectionId, String tenantId, String userId,
            UpstreamUser user, String ip) {
        return tx.preparedQuery("INSERT INTO users (connection_id, tenant_id, user_id, email, email_verified, name, "
                + "given_name, family_name, last_login, last_ip, logins_count) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), $9, 1) " + UPSERT_SIGNED_IN)
                .execute(Tuple.tuple().addString(connectionId).addString(tenantId).addString(userId)
                        .addString(user.email()).addBoolean(user.emailVerified()).addString(user.name())
                        .addString(user.givenName()).addString(user.familyName()).addString(ip))
                .map(UserRepository::signedIn);
    }

    /**
     * As {@link #upsertSignedIn}, in one statement with the connection's share lock: the user id is
     * {@code <strategy>|<name>|<subject>} of the connection as locked. Null when the connection is not active, the user
     * is blocked, or the id is another connection's (the caller then looks at each step on its own).
     */
    Uni<SignedInUser> upsertSignedInLocked(SqlConnection tx, String connectionId, String tenantId, String subject,
            UpstreamUser user, String ip) {
        return tx.preparedQuery("WITH c AS (SELECT id, tenant_id, strategy || '|' || name || '|' || $3 AS user_id "
                + "FROM connections WHERE tenant_id = $2 AND id = $1 AND state = 'active' FOR SHARE) "
                + "INSERT INTO users (connection_id, tenant_id, user_id, email, email_verified, name, "
                + "given_name, family_name, last_login, last_ip, logins_count) "
                + "SELECT c.id, c.tenant_id, c.user_id, $4, $5, $6, $7, $8, now(), $9, 1 FROM c "
                + UPSERT_SIGNED_IN)
                .execute(Tuple.tuple().addString(connectionId).addString(tenantId).addString(subject)
                        .addString(user.email()).addBoolean(user.emailVerified()).addString(user.name())
                        .addString(user.givenName()).addString(user.familyName()).addString(ip))
                .map(UserRepository::signedIn);
    }

    /** The user with this id in the connection as it is (no login counted), or null. */
    Uni<SignedInUser> findSignedIn(SqlConnection tx, String connectionId, String userId) {
        return tx.preparedQuery("SELECT " + SIGNED_IN + " FROM users WHERE connection_id = $1 AND user_id = $2")
                .execute(Tuple.of(connectionId, userId)).map(UserRepository::signedIn);
    }

    private static SignedInUser signedIn(RowSet<Row> rows) {
        var iterator = rows.iterator();
        if (!iterator.hasNext()) {
            return null;
        }
        Row row = iterator.next();
        return new SignedInUser(row.getString("user_id"), row.getString("email"), row.getBoolean("email_verified"),
                row.getString("name"), row.getString("given_name"), row.getString("family_name"),
                row.getBoolean("blocked"));
    }

    private static StoredUser first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? StoredUser.of(iterator.next()) : null;
    }

    private static List<StoredUser> all(RowSet<Row> rows) {
        List<StoredUser> users = new ArrayList<>();
        rows.forEach(row -> users.add(StoredUser.of(row)));
        return users;
    }
}
