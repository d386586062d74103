package io.connectionhub.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;

/** Helpers for job tests: import files and waiting for a job to finish. */
public final class Jobs {

    private Jobs() {
    }

    /** Starts an import of {@code file} (bytes of a JSON array or NDJSON); the 202 body. */
    public static JsonPath startImport(TestTenant tenant, String connectionId, byte[] file, boolean upsert) {
        return io.restassured.RestAssured.given().auth().oauth2(tenant.token())
                .multiPart("users", "users.json", file, "application/json")
                .multiPart("connection_id", connectionId)
                .multiPart("upsert", Boolean.toString(upsert))
                .multiPart("external_id", "test-import")
                .post("/api/v2/jobs/users-imports")
                .then().statusCode(202).extract().jsonPath();
    }

    /** Polls the job until it is completed or failed. */
    public static JsonPath awaitFinished(TestTenant tenant, String jobId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath job = tenant.api().get("/api/v2/jobs/" + jobId).then().statusCode(200).extract().jsonPath();
            String status = job.getString("status");
            if ("completed".equals(status) || "failed".equals(status)) {
                return job;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
        fail("job " + jobId + " did not finish within " + timeout);
        return null;
    }

    /** A JSON array of {@code count} valid users, emails {@code <prefix>-<i>@example.com}. */
    public static byte[] usersArray(String prefix, int count) {
        StringBuilder json = new StringBuilder(count * 90).append('[');
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"email\":\"").append(prefix).append('-').append(i).append("@example.com\",")
                    .append("\"email_verified\":true,\"given_name\":\"Given").append(i).append("\"}");
        }
        return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A database connection of the tenant with {@code users} imported into it; its id. */
    public static String connectionWithUsers(TestTenant tenant, String name, int users) {
        String id = tenant.api().body(Map.of("name", name, "strategy", "auth0")).post("/api/v2/connections")
                .then().statusCode(201).extract().path("id");
        if (users > 0) {
            String jobId = startImport(tenant, id, usersArray(name, users), false).getString("id");
            JsonPath job = awaitFinished(tenant, jobId, Duration.ofMinutes(3));
            if (!"completed".equals(job.getString("status")) || job.getLong("summary.inserted") != users) {
                fail("seeding import did not complete: " + job.prettify());
            }
        }
        return id;
    }

    public static List<Map<String, Object>> errors(TestTenant tenant, String jobId) {
        return tenant.api().get("/api/v2/jobs/" + jobId + "/errors").then().statusCode(200).extract().jsonPath().getList("$");
    }
}
