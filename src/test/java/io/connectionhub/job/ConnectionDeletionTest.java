package io.connectionhub.job;

import static io.connectionhub.support.ConcurrentCreates.createAtOnce;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.connectionhub.support.Jobs;
import io.connectionhub.support.TestDatabase;
import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * The name-reservation mechanism: a large connection's deletion runs as a job and its name stays taken, for any
 * caller, until the last user is purged; a small one is purged in the request. The purge is slowed down here so
 * that the tests can act while it runs.
 */
@QuarkusTest
@TestProfile(ConnectionDeletionTest.SlowPurge.class)
class ConnectionDeletionTest {

    public static class SlowPurge implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("connectionhub.jobs.purge-batch-size", "500",
                    "connectionhub.jobs.purge-pause", "150ms",
                    "connectionhub.jobs.inline-purge-threshold", "100",
                    "connectionhub.jobs.lease", "3s",
                    "connectionhub.jobs.poll-interval", "200ms");
        }
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static ExtractableResponse<Response> delete(TestTenant tenant, String id) {
        return tenant.api().delete("/api/v2/connections/" + id).then().statusCode(202)
                .header("Location", matchesPattern(".*/api/v2/jobs/job_[A-Za-z0-9]{16}"))
                .body("deleted_at", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"))
                .extract();
    }

    private static String jobIdOf(ExtractableResponse<Response> deleted) {
        String location = deleted.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Test
    void nameStaysReservedUntilTheLargePurgeCompletes() {
        TestTenant tenant = TestTenant.create();
        String name = unique("big");
        String id = Jobs.connectionWithUsers(tenant, name, 20_000);
        String aUser = tenant.api().queryParam("connection", name).queryParam("take", 1).get("/api/v2/users")
                .then().statusCode(200).extract().path("users[0].user_id");

        String jobId = jobIdOf(delete(tenant, id));

        // at once: the name is taken, in any case, and the 409 says how far the deletion has got
        tenant.api().body(Map.of("name", name.toUpperCase(), "strategy", "auth0")).post("/api/v2/connections").then()
                .statusCode(409)
                .body("errorCode", equalTo("connection_conflict"))
                .body("message", equalTo("A connection with the same name is being deleted; the name is free once the "
                        + "deletion has finished"))
                .body("deletion_job_id", equalTo(jobId))
                .body("percentage_done", org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThanOrEqualTo(0))
                        .and(org.hamcrest.Matchers.lessThan(100)))
                .header("Retry-After", matchesPattern("[1-9][0-9]*"));
        // and the connection and its users are gone from every read
        tenant.api().get("/api/v2/connections/" + id).then().statusCode(404).body("errorCode", equalTo("inexistent_connection"));
        tenant.api().queryParam("name", name).get("/api/v2/connections").then().statusCode(200).body("$", hasSize(0));
        tenant.api().get("/api/v2/users/" + aUser).then().statusCode(404);
        tenant.api().delete("/api/v2/connections/" + id).then().statusCode(404);
        tenant.api().get("/api/v2/jobs/" + jobId).then().statusCode(200)
                .body("type", equalTo("connection_deletion")).body("connection_id", equalTo(id))
                .body("status", org.hamcrest.Matchers.oneOf("pending", "processing"));

        JsonPath job = Jobs.awaitFinished(tenant, jobId, Duration.ofMinutes(3));
        assertEquals("completed", job.getString("status"));
        assertEquals(100, job.getInt("percentage_done"));
        assertEquals(20_000L, job.getLong("summary.deleted"));
        assertEquals(20_000L, job.getLong("summary.total"));
        assertEquals(0L, TestDatabase.count("select count(*) from users where connection_id = ?", id));
        assertEquals(0L, TestDatabase.count("select count(*) from connections where id = ?", id));

        String again = tenant.api().body(Map.of("name", name, "strategy", "auth0")).post("/api/v2/connections")
                .then().statusCode(201).extract().path("id");
        assertNotEquals(id, again);
    }

    @Test
    void concurrentCreatesDuringADeletionAllConflictAndAfterwardsExactlyOneWins() throws Exception {
        TestTenant tenant = TestTenant.create();
        String name = unique("race");
        String id = Jobs.connectionWithUsers(tenant, name, 10_000);
        String jobId = jobIdOf(delete(tenant, id));

        List<Integer> during = createAtOnce(tenant.token(), name, 50);
        assertEquals(50, Collections.frequency(during, 409), during.toString());

        Jobs.awaitFinished(tenant, jobId, Duration.ofMinutes(3));
        List<Integer> after = createAtOnce(tenant.token(), name, 50);
        assertEquals(1, Collections.frequency(after, 201), after.toString());
        assertEquals(49, Collections.frequency(after, 409), after.toString());
    }

    @Test
    void aSmallConnectionIsPurgedInTheRequestAndItsNameIsFreeAtOnce() {
        TestTenant tenant = TestTenant.create();
        String name = unique("small");
        String id = Jobs.connectionWithUsers(tenant, name, 50);
        String jobId = jobIdOf(delete(tenant, id));
        tenant.api().get("/api/v2/jobs/" + jobId).then().statusCode(200)
                .body("status", equalTo("completed")).body("summary.deleted", equalTo(50))
                .body("percentage_done", equalTo(100));
        tenant.api().body(Map.of("name", name, "strategy", "auth0")).post("/api/v2/connections").then().statusCode(201);
        assertEquals(0L, TestDatabase.count("select count(*) from users where connection_id = ?", id));
    }

    @Test
    void aJobWhoseWorkerDiedIsFinishedByAnotherWithNothingDeletedTwice() {
        TestTenant tenant = TestTenant.create();
        String name = unique("orphan");
        String id = Jobs.connectionWithUsers(tenant, name, 3_000);
        // What a worker that died half-way leaves behind: the connection marked deleting, a job it held the lease
        // of, and part of the users gone (with the count committed in the same transaction).
        String jobId = "job_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        TestDatabase.query("update connections set state = 'deleting' where id = ?", id);
        TestDatabase.query("insert into jobs (id, tenant_id, type, status, connection_id, connection_name, total, deleted, "
                + "processed, lease_owner, lease_expires_at, attempts, started_at) values (?, ?, 'connection_deletion', "
                + "'processing', ?, ?, 3000, 1200, 1200, 'dead-worker:1:x', now() + interval '1 hour', 1, now())",
                jobId, tenant.id, id, name);
        TestDatabase.query("delete from users where connection_id = ? and id in (select id from users where connection_id = ? "
                + "order by id limit 1200)", id, id);
        tenant.api().body(Map.of("name", name, "strategy", "auth0")).post("/api/v2/connections").then().statusCode(409)
                .body("deletion_job_id", equalTo(jobId)).body("percentage_done", equalTo(40));

        // its lease runs out: another worker takes the job over and resumes
        TestDatabase.query("update jobs set lease_expires_at = now() - interval '1 second' where id = ?", jobId);
        JsonPath job = Jobs.awaitFinished(tenant, jobId, Duration.ofMinutes(2));
        assertEquals("completed", job.getString("status"));
        assertEquals(3_000L, job.getLong("summary.deleted"), "each user counted once");
        Map<String, Object> row = TestDatabase.single("select attempts, lease_owner from jobs where id = ?", jobId);
        assertEquals(2, ((Number) row.get("attempts")).intValue());
        assertEquals(null, row.get("lease_owner"));
        assertEquals(0L, TestDatabase.count("select count(*) from users where connection_id = ?", id));
        tenant.api().body(Map.of("name", name, "strategy", "auth0")).post("/api/v2/connections").then().statusCode(201);
    }

    @Test
    void aUserCannotBeAddedToAConnectionBeingDeleted() {
        TestTenant tenant = TestTenant.create();
        String name = unique("closing");
        String id = Jobs.connectionWithUsers(tenant, name, 5_000);
        String jobId = jobIdOf(delete(tenant, id));
        tenant.api().body(Map.of("connection", name, "email", "late@closing.example", "password", "pw"))
                .post("/api/v2/users").then().statusCode(400).body("errorCode", equalTo("inexistent_connection"));
        Jobs.awaitFinished(tenant, jobId, Duration.ofMinutes(2));
        assertTrue(TestDatabase.count("select count(*) from users where connection_id = ?", id) == 0);
        tenant.api().get("/api/v2/jobs/" + jobId).then().body("status", not(equalTo("failed")));
    }
}
