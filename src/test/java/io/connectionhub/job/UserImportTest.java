package io.connectionhub.job;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.connectionhub.support.Jobs;
import io.connectionhub.support.TestDatabase;
import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Bulk user import: streamed, batched, per-user errors with the contract's codes, upsert, broken files. */
@QuarkusTest
class UserImportTest {

    static TestTenant tenant;

    @BeforeEach
    void tenant() {
        if (tenant == null) {
            tenant = TestTenant.create();
        }
    }

    private static String connection(String strategy) {
        return tenant.api().body(Map.of("name", "imp-" + UUID.randomUUID().toString().substring(0, 8), "strategy", strategy))
                .post("/api/v2/connections").then().statusCode(201).extract().path("id");
    }

    @Test
    void aHundredThousandUsersWithOnePercentInvalid() {
        String connectionId = connection("auth0");
        StringBuilder file = new StringBuilder("[");
        Map<String, String> expectedCodes = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            if (i > 0) {
                file.append(',');
            }
            if (i % 100 == 7) {
                // 1 % invalid, five kinds in turn
                switch ((i / 100) % 5) {
                    case 0 -> file.append("{\"email\":\"not-an-email-").append(i).append("\"}");
                    case 1 -> file.append("{\"email\":\"t").append(i).append("@example.com\",\"email_verified\":\"yes\"}");
                    case 2 -> file.append("{\"given_name\":\"no email ").append(i).append("\"}");
                    case 3 -> file.append("{\"email\":\"l").append(i).append("@example.com\",\"name\":\"")
                            .append("x".repeat(301)).append("\"}");
                    default -> file.append("{\"email\":\"p").append(i).append("@example.com\",\"username\":\"bad name ")
                            .append(i).append("\"}");
                }
            } else {
                file.append("{\"email\":\"user").append(i).append("@example.com\",\"given_name\":\"G").append(i)
                        .append("\",\"user_metadata\":{\"n\":").append(i).append("}}");
            }
        }
        file.append(']');
        JsonPath started = Jobs.startImport(tenant, connectionId, file.toString().getBytes(StandardCharsets.UTF_8), false);
        assertEquals("pending", started.getString("status"));
        assertEquals("users_import", started.getString("type"));
        assertEquals(connectionId, started.getString("connection_id"));
        assertEquals("test-import", started.getString("external_id"));
        assertTrue(started.getString("id").matches("job_[A-Za-z0-9]{16}"));

        JsonPath job = Jobs.awaitFinished(tenant, started.getString("id"), Duration.ofMinutes(5));
        assertEquals("completed", job.getString("status"), job.prettify());
        assertEquals(100, job.getInt("percentage_done"));
        assertEquals(99_000L, job.getLong("summary.inserted"));
        assertEquals(0L, job.getLong("summary.updated"));
        assertEquals(1_000L, job.getLong("summary.failed"));
        assertEquals(100_000L, job.getLong("summary.total"));
        assertEquals(99_000L, TestDatabase.count("select count(*) from users where connection_id = ?", connectionId));

        List<Map<String, Object>> errors = Jobs.errors(tenant, started.getString("id"));
        assertEquals(1_000, errors.size());
        Map<String, Integer> byCode = new HashMap<>();
        for (Map<String, Object> entry : errors) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> problems = (List<Map<String, Object>>) entry.get("errors");
            byCode.merge((String) problems.get(0).get("code"), 1, Integer::sum);
            assertTrue(entry.get("user") instanceof Map, "the refused entry comes back as given");
        }
        assertEquals(Map.of("FORMAT", 200, "INVALID_TYPE", 200, "OBJECT_REQUIRED", 200, "MAX_LENGTH", 200, "PATTERN", 200),
                byCode);
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) ((List<?>) errors.get(0).get("errors")).get(0);
        assertEquals("email", first.get("path"));
        assertTrue(first.get("message").toString().contains("format email"));
    }

    @Test
    void ndjsonIsAccepted() {
        String connectionId = connection("auth0");
        String ndjson = "{\"email\":\"a1@nd.example\"}\n{\"email\":\"a2@nd.example\",\"blocked\":true}\n\n{\"email\":\"a3@nd.example\"}\n";
        JsonPath job = Jobs.awaitFinished(tenant, Jobs.startImport(tenant, connectionId,
                ndjson.getBytes(StandardCharsets.UTF_8), false).getString("id"), Duration.ofMinutes(1));
        assertEquals("completed", job.getString("status"));
        assertEquals(3L, job.getLong("summary.inserted"));
        tenant.api().get("/api/v2/jobs/" + job.getString("id") + "/errors").then().statusCode(204);
    }

    @Test
    void upsertUpdatesInsteadOfDuplicating() {
        String connectionId = connection("auth0");
        String first = "[{\"email\":\"up1@up.example\",\"given_name\":\"Old\"},{\"email\":\"up2@up.example\"}]";
        Jobs.awaitFinished(tenant, Jobs.startImport(tenant, connectionId, first.getBytes(StandardCharsets.UTF_8), false)
                .getString("id"), Duration.ofMinutes(1));
        String second = "[{\"email\":\"UP1@up.example\",\"given_name\":\"New\"},{\"email\":\"up3@up.example\"}]";

        JsonPath duplicate = Jobs.awaitFinished(tenant, Jobs.startImport(tenant, connectionId,
                second.getBytes(StandardCharsets.UTF_8), false).getString("id"), Duration.ofMinutes(1));
        assertEquals(1L, duplicate.getLong("summary.inserted"));
        assertEquals(1L, duplicate.getLong("summary.failed"));
        assertEquals("DUPLICATED_USER", ((Map<?, ?>) ((List<?>) Jobs.errors(tenant, duplicate.getString("id")).get(0)
                .get("errors")).get(0)).get("code"));

        JsonPath upsert = Jobs.awaitFinished(tenant, Jobs.startImport(tenant, connectionId,
                second.getBytes(StandardCharsets.UTF_8), true).getString("id"), Duration.ofMinutes(1));
        assertEquals(0L, upsert.getLong("summary.inserted"));
        assertEquals(2L, upsert.getLong("summary.updated"));
        assertEquals(0L, upsert.getLong("summary.failed"));
        assertEquals(3L, TestDatabase.count("select count(*) from users where connection_id = ?", connectionId));
        assertEquals("New", TestDatabase.single("select given_name from users where connection_id = ? and lower(email) = ?",
                connectionId, "up1@up.example").get("given_name"));
    }

    @Test
    void aRepeatedEmailInOneFileIsADuplicate() {
        String connectionId = connection("auth0");
        String file = "[{\"email\":\"twice@dup.example\"},{\"email\":\"other@dup.example\"},{\"email\":\"TWICE@dup.example\"}]";
        JsonPath job = Jobs.awaitFinished(tenant, Jobs.startImport(tenant, connectionId,
                file.getBytes(StandardCharsets.UTF_8), false).getString("id"), Duration.ofMinutes(1));
        assertEquals(2L, job.getLong("summary.inserted"));
        assertEquals(1L, job.getLong("summary.failed"));
    }

    @Test
    void aBrokenFileFailsTheJobAndWritesNoUser() {
        String connectionId = connection("auth0");
        String broken = "[{\"email\":\"fine@broken.example\"},{\"email\": \"half";
        JsonPath job = Jobs.awaitFinished(tenant, Jobs.startImport(tenant, connectionId,
                broken.getBytes(StandardCharsets.UTF_8), false).getString("id"), Duration.ofMinutes(1));
        assertEquals("failed", job.getString("status"));
        assertTrue(job.getString("error").startsWith("The file"), job.getString("error"));
        assertEquals(0L, TestDatabase.count("select count(*) from users where connection_id = ?", connectionId));

        JsonPath notJson = Jobs.awaitFinished(tenant, Jobs.startImport(tenant, connectionId,
                "email,name\na@b.c,x".getBytes(StandardCharsets.UTF_8), false).getString("id"), Duration.ofMinutes(1));
        assertEquals("failed", notJson.getString("status"));
        assertTrue(notJson.getString("error").contains("not valid JSON"), notJson.getString("error"));
    }

    @Test
    void importRefusesBadRequests() {
        String social = connection("github");
        byte[] file = "[{\"email\":\"x@y.example\"}]".getBytes(StandardCharsets.UTF_8);
        io.restassured.RestAssured.given().auth().oauth2(tenant.token()).multiPart("users", "u.json", file)
                .multiPart("connection_id", social).post("/api/v2/jobs/users-imports")
                .then().statusCode(400).body("errorCode", equalTo("operation_not_supported"));
        io.restassured.RestAssured.given().auth().oauth2(tenant.token()).multiPart("users", "u.json", file)
                .multiPart("connection_id", "con_0000000000000000").post("/api/v2/jobs/users-imports")
                .then().statusCode(400).body("errorCode", equalTo("inexistent_connection"));
        io.restassured.RestAssured.given().auth().oauth2(tenant.token()).multiPart("users", "u.json", file)
                .multiPart("connection_id", "nope").post("/api/v2/jobs/users-imports")
                .then().statusCode(400).body("errorCode", equalTo("invalid_body"))
                .body("message", containsString("^con_[A-Za-z0-9]{16}$"));
        io.restassured.RestAssured.given().auth().oauth2(tenant.token()).multiPart("connection_id", connection("auth0"))
                .post("/api/v2/jobs/users-imports")
                .then().statusCode(400).body("errorCode", equalTo("invalid_body"))
                .body("message", containsString("users"));
        io.restassured.RestAssured.given().auth().oauth2(tenant.token("read:users")).multiPart("users", "u.json", file)
                .multiPart("connection_id", connection("auth0")).post("/api/v2/jobs/users-imports")
                .then().statusCode(403).body("errorCode", equalTo("insufficient_scope"));
    }

    @Test
    void anotherTenantCannotSeeTheJob() {
        String connectionId = connection("auth0");
        String jobId = Jobs.startImport(tenant, connectionId, "[]".getBytes(StandardCharsets.UTF_8), false).getString("id");
        TestTenant other = TestTenant.create();
        other.api().get("/api/v2/jobs/" + jobId).then().statusCode(404).body("errorCode", equalTo("job_not_found"));
        other.api().get("/api/v2/jobs/" + jobId + "/errors").then().statusCode(404).body("errorCode", equalTo("job_not_found"));
        tenant.api().get("/api/v2/jobs/" + jobId).then().statusCode(200)
                .body("created_at", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
    }
}
