package io.connectionhub.sso;

import java.net.URI;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.connectionhub.common.FieldEncryption;
import io.connectionhub.common.Ids;
import io.connectionhub.page.PageRefused;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The results of test sign-ins ({@code test_sign_in_results}): sealed at rest (bound to their id), shown once to whoever
 * ran the test (the same {@code test_for}, the same tenant), for {@link #LIFETIME} at most. Taking one deletes it, in
 * one statement, so a result is never shown twice.
 */
@ApplicationScoped
class TestResults {

    static final Duration LIFETIME = Duration.ofMinutes(10);
    static final String CONSOLE = "console:";
    static final String SETUP = "setup:";

    private final Pool pool;
    private final FieldEncryption encryption;
    private final ObjectMapper json;

    TestResults(Pool pool, FieldEncryption encryption, ObjectMapper json) {
        this.pool = pool;
        this.encryption = encryption;
        this.json = json;
    }

    /** Stores the result of the test {@code request} (inside the caller's transaction); where the browser sees it. */
    Uni<URI> store(SqlClient client, PendingRequest request, TestSignInResult result) {
        String id = Ids.secret(24);
        return client.preparedQuery("INSERT INTO test_sign_in_results (id, tenant_id, connection_id, test_for, "
                + "result_sealed, expires_at) VALUES ($1, $2, $3, $4, $5, now() + $6::float8 * interval '1 second')")
                .execute(Tuple.tuple().addString(id).addString(request.tenantId()).addString(result.connectionId())
                        .addString(request.testFor()).addString(encryption.seal(write(result), owner(id)))
                        .addDouble(LIFETIME.toMillis() / 1000.0))
                .map(ignored -> resultPage(request.testFor(), result.connectionId(), id));
    }

    /**
     * The result {@code id} of a test {@code testFor} ran in the tenant, deleted as it is read. Unknown, already shown,
     * or another's: a 404 page; expired: a 410 page.
     */
    Uni<TestSignInResult> take(String testFor, String tenantId, String id) {
        if (id == null || id.length() > 64 || !id.matches("[A-Za-z0-9_-]+")) {
            return Uni.createFrom().failure(new PageRefused(404, UNKNOWN));
        }
        return pool.preparedQuery("DELETE FROM test_sign_in_results WHERE id = $1 AND tenant_id = $2 AND test_for = $3 "
                + "RETURNING result_sealed, expires_at > now() AS live").execute(Tuple.of(id, tenantId, testFor))
                .map(rows -> {
                    var iterator = rows.iterator();
                    if (!iterator.hasNext()) {
                        throw new PageRefused(404, UNKNOWN);
                    }
                    Row row = iterator.next();
                    if (!row.getBoolean("live")) {
                        throw new PageRefused(410, "This test result has expired (results are kept for "
                                + LIFETIME.toMinutes() + " minutes). Run the test sign-in again.");
                    }
                    return read(encryption.open(row.getString("result_sealed"), owner(id)));
                });
    }

    /** Deletes up to {@code limit} results that expired unread; how many went. */
    Uni<Integer> purgeExpired(int limit) {
        return pool.preparedQuery("DELETE FROM test_sign_in_results WHERE id IN (SELECT id FROM test_sign_in_results "
                + "WHERE expires_at < now() LIMIT $1)").execute(Tuple.of(limit)).map(RowSet::rowCount);
    }

    /** How a log event names the test. */
    static String origin(String testFor) {
        return testFor.startsWith(SETUP) ? "test sign-in from the setup portal" : "test sign-in from the console";
    }

    static final String UNKNOWN = "There is no such test result: it was already shown, or belongs to someone else. "
            + "Run the test sign-in again.";

    private static URI resultPage(String testFor, String connectionId, String id) {
        return URI.create(testFor.startsWith(SETUP) ? "/setup/test/" + id
                : "/ui/connections/" + connectionId + "/test/" + id);
    }

    private static String owner(String id) {
        return "test-sign-in-result/" + id;
    }

    private String write(TestSignInResult result) {
        try {
            return json.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private TestSignInResult read(String text) {
        try {
            return json.readValue(text, TestSignInResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
