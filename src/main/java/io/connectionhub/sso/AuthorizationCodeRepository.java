package io.connectionhub.sso;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.connectionhub.common.FieldEncryption;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Authorization codes ({@code authorization_codes}), by the digest of the code. The profile is sealed, bound to the
 * tenant and the code's digest. Redeeming is one {@code UPDATE ... WHERE consumed_at IS NULL RETURNING} that also
 * records the id ({@code jti}) of the access token about to be issued, so that a second use can revoke it.
 */
@ApplicationScoped
public class AuthorizationCodeRepository {

    /** A code as stored, its profile opened (JSON text of the claims). */
    record StoredCode(String codeHash, String tenantId, String clientId, String redirectUri, String codeChallenge,
            String scope, String userId, String connectionId, String profileJson) {
    }

    /** What an access token was issued for: the claims, the scope, and whether it was revoked since. */
    record IssuedTo(String tenantId, String clientId, String scope, String profileJson, boolean revoked,
            boolean expired) {
    }

    private final Pool pool;
    private final FieldEncryption encryption;

    public AuthorizationCodeRepository(Pool pool, FieldEncryption encryption) {
        this.pool = pool;
        this.encryption = encryption;
    }

    Uni<Void> insert(SqlClient client, StoredCode code, Duration lifetime) {
        return client.preparedQuery("INSERT INTO authorization_codes (code_hash, tenant_id, client_id, redirect_uri, "
                + "code_challenge, scope, user_id, connection_id, profile_sealed, expires_at, purge_after) VALUES ($1, $2, "
                + "$3, $4, $5, $6, $7, $8, $9, now() + $10::float8 * interval '1 second', "
                + "now() + $10::float8 * interval '1 second')")
                .execute(Tuple.tuple().addString(code.codeHash()).addString(code.tenantId()).addString(code.clientId())
                        .addString(code.redirectUri()).addString(code.codeChallenge()).addString(code.scope())
                        .addString(code.userId()).addString(code.connectionId())
                        .addString(encryption.seal(code.profileJson(), owner(code.tenantId(), code.codeHash())))
                        .addDouble(lifetime.toMillis() / 1000.0))
                .replaceWithVoid();
    }

    /**
     * Redeems the client's unexpired, unused code, recording the access token about to be issued for it (kept until
     * that token expires); null when there is no such code.
     */
    Uni<StoredCode> redeem(String codeHash, String clientId, String accessTokenId, Duration tokenLifetime) {
        return pool.preparedQuery("UPDATE authorization_codes SET consumed_at = now(), access_token_id = $3, "
                + "access_token_expires_at = now() + $4::float8 * interval '1 second', "
                + "purge_after = greatest(purge_after, now() + $4::float8 * interval '1 second') "
                + "WHERE code_hash = $1 AND client_id = $2 AND consumed_at IS NULL AND expires_at > now() "
                + "RETURNING code_hash, tenant_id, client_id, redirect_uri, code_challenge, scope, user_id, connection_id, "
                + "profile_sealed")
                .execute(Tuple.of(codeHash, clientId, accessTokenId, tokenLifetime.toMillis() / 1000.0))
                .map(this::code);
    }

    /**
     * A code of the client presented again after it was redeemed: revokes the access token it gave (RFC 6749
     * 4.1.2). Whether it was such a code.
     */
    Uni<Boolean> revokeReused(String codeHash, String clientId) {
        return pool.preparedQuery("UPDATE authorization_codes SET revoked_at = coalesce(revoked_at, now()) "
                + "WHERE code_hash = $1 AND client_id = $2 AND consumed_at IS NOT NULL")
                .execute(Tuple.of(codeHash, clientId)).map(rows -> rows.rowCount() == 1);
    }

    /** What the access token with this id was issued for; null when unknown (or expired and purged). */
    Uni<IssuedTo> issuedTo(String accessTokenId) {
        return pool.preparedQuery("SELECT code_hash, tenant_id, client_id, scope, profile_sealed, "
                + "revoked_at IS NOT NULL AS revoked, access_token_expires_at <= now() AS expired "
                + "FROM authorization_codes WHERE access_token_id = $1")
                .execute(Tuple.of(accessTokenId)).map(rows -> {
                    var iterator = rows.iterator();
                    if (!iterator.hasNext()) {
                        return null;
                    }
                    Row row = iterator.next();
                    return new IssuedTo(row.getString("tenant_id"), row.getString("client_id"), row.getString("scope"),
                            encryption.open(row.getString("profile_sealed"),
                                    owner(row.getString("tenant_id"), row.getString("code_hash"))),
                            row.getBoolean("revoked"), !Boolean.FALSE.equals(row.getBoolean("expired")));
                });
    }

    /** Deletes up to {@code limit} codes nothing can use any more (expired unused, or their token expired). */
    Uni<Integer> purgeExpired(int limit) {
        return pool.preparedQuery("DELETE FROM authorization_codes WHERE code_hash IN (SELECT code_hash FROM "
                + "authorization_codes WHERE purge_after < now() LIMIT $1)").execute(Tuple.of(limit))
                .map(RowSet::rowCount);
    }

    private StoredCode code(RowSet<Row> rows) {
        var iterator = rows.iterator();
        if (!iterator.hasNext()) {
            return null;
        }
        Row row = iterator.next();
        String tenantId = row.getString("tenant_id");
        String codeHash = row.getString("code_hash");
        return new StoredCode(codeHash, tenantId, row.getString("client_id"), row.getString("redirect_uri"),
                row.getString("code_challenge"), row.getString("scope"), row.getString("user_id"),
                row.getString("connection_id"), encryption.open(row.getString("profile_sealed"), owner(tenantId, codeHash)));
    }

    private static String owner(String tenantId, String codeHash) {
        return "authorization-code/" + tenantId + "/" + codeHash;
    }
}
