package io.connectionhub.sso;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.connectionhub.common.FieldEncryption;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Pending /authorize requests ({@code sign_in_requests}). "Active" means not consumed and not expired; consuming is
 * one {@code UPDATE ... WHERE consumed_at IS NULL AND expires_at > now() RETURNING}, so of two replicas finishing the
 * same request only one gets it. The engines' secrets are sealed, bound to the request's id.
 */
@ApplicationScoped
public class PendingRequestRepository {

    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, tenant_id, client_id, redirect_uri, state, nonce, code_challenge, "
            + "code_challenge_method, scope, connection_id, organization_id, login_hint, prompt, upstream_id, "
            + "upstream::text AS upstream, upstream_sealed, expires_at, test_for";
    private static final String ACTIVE = "consumed_at IS NULL AND expires_at > now()";

    private final Pool pool;
    private final FieldEncryption encryption;
    private final ObjectMapper json;

    public PendingRequestRepository(Pool pool, FieldEncryption encryption, ObjectMapper json) {
        this.pool = pool;
        this.encryption = encryption;
        this.json = json;
    }

    Uni<PendingRequest> insert(PendingRequest request, Duration lifetime) {
        return insert(request, lifetime, null);
    }

    /** Stores a new request with what its engine started ({@code start}; none when null). */
    Uni<PendingRequest> insert(PendingRequest request, Duration lifetime, UpstreamStart start) {
        return pool.preparedQuery("INSERT INTO sign_in_requests (id, tenant_id, client_id, redirect_uri, state, nonce, "
                + "code_challenge, code_challenge_method, scope, connection_id, organization_id, login_hint, prompt, "
                + "expires_at, test_for, upstream_id, upstream, upstream_sealed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
                + "$9, $10, $11, $12, $13, now() + $14::float8 * interval '1 second', $15, $16, "
                + "coalesce($17::text::jsonb, '{}'::jsonb), $18) RETURNING " + COLUMNS)
                .execute(Tuple.tuple().addString(request.id()).addString(request.tenantId()).addString(request.clientId())
                        .addString(request.redirectUri()).addString(request.state()).addString(request.nonce())
                        .addString(request.codeChallenge()).addString(request.codeChallengeMethod())
                        .addString(request.scope()).addString(request.connectionId())
                        .addString(request.organizationId()).addString(request.loginHint()).addString(request.prompt())
                        .addDouble(lifetime.toMillis() / 1000.0).addString(request.testFor())
                        .addString(start == null ? null : start.upstreamId())
                        .addString(start == null ? null : upstreamData(start))
                        .addString(start == null ? null : sealedSecrets(request.id(), start)))
                .map(this::first);
    }

    /** The active request with this id, or null. */
    Uni<PendingRequest> findActive(String id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM sign_in_requests WHERE id = $1 AND " + ACTIVE)
                .execute(Tuple.of(id)).map(this::first);
    }

    /** The active request whose upstream request has this id (e.g. a SAML InResponseTo), or null. */
    Uni<PendingRequest> findActiveByUpstreamId(String upstreamId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM sign_in_requests WHERE upstream_id = $1 AND " + ACTIVE)
                .execute(Tuple.of(upstreamId)).map(this::first);
    }

    /** The request with this id whatever its state (to say whose a late or replayed answer was), or null. */
    Uni<PendingRequest> findAny(String id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM sign_in_requests WHERE id = $1")
                .execute(Tuple.of(id)).map(this::first);
    }

    /** Sets the connection chosen (and the organization, the email given) of an active request; null if not active. */
    Uni<PendingRequest> route(String id, String connectionId, String organizationId, String loginHint) {
        return pool.preparedQuery("UPDATE sign_in_requests SET connection_id = $2, "
                + "organization_id = coalesce($3, organization_id), login_hint = coalesce($4, login_hint) "
                + "WHERE id = $1 AND " + ACTIVE + " RETURNING " + COLUMNS)
                .execute(Tuple.of(id, connectionId, organizationId, loginHint)).map(this::first);
    }

    /** Stores what the engine must find again; false when the request is no longer active. */
    Uni<Boolean> attachUpstream(String id, UpstreamStart start) {
        return pool.preparedQuery("UPDATE sign_in_requests SET upstream_id = $2, upstream = $3::text::jsonb, "
                + "upstream_sealed = $4 WHERE id = $1 AND " + ACTIVE)
                .execute(Tuple.of(id, start.upstreamId(), upstreamData(start), sealedSecrets(id, start)))
                .map(rows -> rows.rowCount() == 1);
    }

    private String upstreamData(UpstreamStart start) {
        return write(start.data() == null ? Map.of() : start.data());
    }

    private String sealedSecrets(String id, UpstreamStart start) {
        return start.secrets() == null || start.secrets().isEmpty() ? null
                : encryption.seal(write(start.secrets()), owner(id));
    }

    /** Consumes the active request: it can never be used again. Null when it was not active. */
    Uni<PendingRequest> consume(SqlClient client, String id) {
        return client.preparedQuery("UPDATE sign_in_requests SET consumed_at = now() WHERE id = $1 AND " + ACTIVE
                + " RETURNING " + COLUMNS).execute(Tuple.of(id)).map(this::first);
    }

    /** Deletes up to {@code limit} requests that expired; how many went. */
    Uni<Integer> purgeExpired(int limit) {
        return pool.preparedQuery("DELETE FROM sign_in_requests WHERE id IN (SELECT id FROM sign_in_requests "
                + "WHERE expires_at < now() LIMIT $1)").execute(Tuple.of(limit)).map(RowSet::rowCount);
    }

    private PendingRequest first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        if (!iterator.hasNext()) {
            return null;
        }
        Row row = iterator.next();
        String id = row.getString("id");
        String sealed = row.getString("upstream_sealed");
        return new PendingRequest(id, row.getString("tenant_id"), row.getString("client_id"),
                row.getString("redirect_uri"), row.getString("state"), row.getString("nonce"),
                row.getString("code_challenge"), row.getString("code_challenge_method"), row.getString("scope"),
                row.getString("connection_id"), row.getString("organization_id"), row.getString("login_hint"),
                row.getString("prompt"), row.getString("upstream_id"), read(row.getString("upstream")),
                sealed == null ? Map.of() : read(encryption.open(sealed, owner(id))),
                row.getOffsetDateTime("expires_at"), row.getString("test_for"));
    }

    private static String owner(String requestId) {
        return "sign-in-request/" + requestId;
    }

    private String write(Map<String, String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> read(String text) {
        try {
            return text == null ? Map.of() : Collections.unmodifiableMap(json.readValue(text, STRINGS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
