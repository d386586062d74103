package io.connectionhub.ship;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class MetricsTest {

    private static final Pattern TOKENS_ISSUED = Pattern.compile("(?m)^connectionhub_tokens_issued_total ([0-9.E]+)$");

    @Test
    void httpTimingsAreTaggedByRouteTemplateNotByPath() {
        TestTenant tenant = TestTenant.create();
        String clientId = "no-such-client-" + UUID.randomUUID();
        tenant.api().get("/api/v2/clients/" + clientId).then().statusCode(404);

        String metrics = metrics();
        assertTrue(metrics.contains("uri=\"/api/v2/clients/{id}\""), "the route template is the uri tag");
        assertFalse(metrics.contains(clientId), "a path parameter never becomes a tag value");
    }

    @Test
    void pathsThatMatchNoRouteShareOneTag() {
        String first = "no-such-path-" + UUID.randomUUID();
        String second = "no-such-path-" + UUID.randomUUID();
        given().get("/" + first).then().statusCode(404);
        given().get("/v2/manage/" + second).then().statusCode(404);

        String metrics = metrics();
        assertTrue(metrics.contains("status=\"404\",uri=\"NOT_FOUND\""), metrics);
        assertFalse(metrics.contains(first) || metrics.contains(second), "unmatched paths are not tag values");
    }

    @Test
    void tokensIssuedIsExportedBeforeTheFirstToken() {
        assertTrue(TOKENS_ISSUED.matcher(metrics()).find(), "connectionhub_tokens_issued_total is exported");
    }

    @Test
    void tokensIssuedCountsSignedTokensOnly() {
        TestTenant tenant = TestTenant.create();
        double before = tokensIssued();

        tenant.token();
        given().contentType(ContentType.JSON).body(Map.of("grant_type", "client_credentials",
                "client_id", tenant.clientId, "client_secret", "wrong")).post("/oauth/token").then().statusCode(401);

        assertEquals(before + 1, tokensIssued());
    }

    @Test
    void databasePoolAndJvmMetricsAreExported() {
        TestTenant.create();

        String metrics = metrics();
        assertTrue(metrics.contains("sql_pool_active{"), "reactive pool in use");
        assertTrue(metrics.contains("sql_pool_queue_delay_seconds_count{"), "reactive pool wait time");
        assertTrue(metrics.contains("postgresql_processing_seconds_count{"), "database round trips");
        assertTrue(metrics.contains("jvm_memory_used_bytes{"), "JVM memory");
        assertTrue(metrics.contains("jvm_gc_pause_seconds_count{") || metrics.contains("jvm_gc_memory_allocated"),
                "JVM garbage collection");
    }

    @Test
    void jobMetricsAreExportedByTypeOnly() {
        TestTenant tenant = TestTenant.create();
        String connectionId = tenant.api().body(Map.of("name", "metrics-" + UUID.randomUUID().toString().substring(0, 8),
                "strategy", "auth0")).post("/api/v2/connections").then().statusCode(201).extract().path("id");
        double before = value(metrics(), "connectionhub_jobs_rows_processed_total{type=\"users_import\"}");
        String jobId = io.connectionhub.support.Jobs.startImport(tenant, connectionId,
                io.connectionhub.support.Jobs.usersArray("metrics", 25), false).getString("id");
        io.connectionhub.support.Jobs.awaitFinished(tenant, jobId, java.time.Duration.ofMinutes(1));

        String metrics = metrics();
        assertTrue(value(metrics, "connectionhub_jobs_rows_processed_total{type=\"users_import\"}") >= before + 25, metrics);
        for (String gauge : new String[] { "connectionhub_jobs_queued{type=\"users_import\"}",
                "connectionhub_jobs_queued{type=\"connection_deletion\"}", "connectionhub_jobs_running{type=\"users_import\"}",
                "connectionhub_jobs_rows_per_second{type=\"connection_deletion\"}", "connectionhub_jobs_oldest_pending_age_seconds ",
                "connectionhub_rate_limit_refusals_total " }) {
            assertTrue(metrics.contains(gauge), gauge + " is exported");
        }
        assertFalse(metrics.contains(jobId) || metrics.contains(connectionId) || metrics.contains(tenant.id),
                "no job, connection or tenant label");
    }

    private static double value(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    private static double tokensIssued() {
        Matcher matcher = TOKENS_ISSUED.matcher(metrics());
        assertTrue(matcher.find(), "connectionhub_tokens_issued_total is exported without tags");
        return Double.parseDouble(matcher.group(1));
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
