package io.connectionhub.job;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.connectionhub.devdb.DevDefaultsConfigSourceFactory;
import io.connectionhub.devdb.EmbeddedPostgres;
import io.connectionhub.support.Jobs;
import io.connectionhub.support.TestDatabase;
import io.connectionhub.support.TestTenant;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Two packaged application processes on one PostgreSQL: a large purge is started, the process holding its lease is
 * killed with SIGKILL, and the other process finishes the job once the lease has run out.
 */
class TwoInstancesIT {

    private static final Duration LEASE = Duration.ofSeconds(3);

    private Process first;
    private Process second;

    @AfterEach
    void stop() {
        for (Process process : new Process[] { first, second }) {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void theSurvivorFinishesAPurgeWhoseWorkerWasKilled() throws Exception {
        // a database of its own: the workers of the other *IT suites' application share the default one
        String database = TestDatabase.createDatabase("two_instances");
        TestDatabase.Reads rows = TestDatabase.in(database);
        int firstPort = freePort();
        int secondPort = freePort();
        first = launch(database, firstPort, "first");
        second = launch(database, secondPort, "second");
        awaitReady(firstPort, first);
        awaitReady(secondPort, second);

        JsonPath created = given().port(firstPort).auth().oauth2(TestTenant.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("name", "two-" + UUID.randomUUID().toString().substring(0, 8)))
                .post("/admin/v1/tenants").then().statusCode(201).extract().jsonPath();
        String token = given().port(firstPort).contentType(ContentType.JSON)
                .body(Map.of("grant_type", "client_credentials", "client_id", created.getString("management_client.client_id"),
                        "client_secret", created.getString("management_client.client_secret")))
                .post("/oauth/token").then().statusCode(200).extract().path("access_token");
        String name = "shared-" + UUID.randomUUID().toString().substring(0, 8);
        String connectionId = api(firstPort, token).body(Map.of("name", name, "strategy", "auth0"))
                .post("/api/v2/connections").then().statusCode(201).extract().path("id");
        String importId = given().port(firstPort).auth().oauth2(token)
                .multiPart("users", "users.json", Jobs.usersArray(name, 30_000), "application/json")
                .multiPart("connection_id", connectionId).post("/api/v2/jobs/users-imports")
                .then().statusCode(202).extract().path("id");
        awaitStatus(firstPort, token, importId, "completed", Duration.ofMinutes(3));

        String location = api(secondPort, token).delete("/api/v2/connections/" + connectionId).then().statusCode(202)
                .extract().header("Location");
        String jobId = location.substring(location.lastIndexOf('/') + 1);

        // wait until a worker holds the lease and has purged something, then kill that process outright
        String owner = null;
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Object> row = rows.single("select lease_owner, deleted from jobs where id = ?", jobId);
            if (row.get("lease_owner") != null && ((Number) row.get("deleted")).longValue() > 0) {
                owner = row.get("lease_owner").toString();
                break;
            }
            Thread.sleep(20);
        }
        assertNotNull(owner, "a worker claimed the deletion");
        long ownerPid = Long.parseLong(owner.split(":")[1]);
        Process holder = ownerPid == first.pid() ? first : second;
        Process survivor = holder == first ? second : first;
        int survivorPort = holder == first ? secondPort : firstPort;
        assertTrue(ownerPid == first.pid() || ownerPid == second.pid(), "the lease owner is one of the two: " + owner);
        long deletedBeforeKill = ((Number) rows.single("select deleted from jobs where id = ?", jobId)
                .get("deleted")).longValue();
        holder.destroyForcibly().waitFor();
        assertTrue(deletedBeforeKill < 30_000, "killed mid-way, after " + deletedBeforeKill);

        // the name stays reserved on the survivor while the job waits for the lease to run out
        api(survivorPort, token).body(Map.of("name", name, "strategy", "auth0")).post("/api/v2/connections")
                .then().statusCode(409);

        JsonPath job = awaitStatus(survivorPort, token, jobId, "completed", Duration.ofMinutes(3));
        assertEquals(30_000L, job.getLong("summary.deleted"), "every user deleted exactly once");
        Map<String, Object> row = rows.single("select attempts from jobs where id = ?", jobId);
        assertTrue(((Number) row.get("attempts")).intValue() >= 2, "taken over: " + row);
        assertEquals(0L, rows.count("select count(*) from users where connection_id = ?", connectionId));
        assertEquals(0L, rows.count("select count(*) from connections where id = ?", connectionId));
        assertTrue(survivor.isAlive());
        api(survivorPort, token).body(Map.of("name", name, "strategy", "auth0")).post("/api/v2/connections")
                .then().statusCode(201);
    }

    @Test
    void aReplicaStoppedGracefullyHandsItsJobOverAtOnce() throws Exception {
        // a database of its own: the workers of the other *IT suites' application share the default one
        String database = TestDatabase.createDatabase("two_instances");
        TestDatabase.Reads rows = TestDatabase.in(database);
        int firstPort = freePort();
        int secondPort = freePort();
        // a lease far longer than the test may wait: only the handover on SIGTERM lets the other replica resume
        first = launch(database, firstPort, "graceful-first", Duration.ofMinutes(5));
        second = launch(database, secondPort, "graceful-second", Duration.ofMinutes(5));
        awaitReady(firstPort, first);
        awaitReady(secondPort, second);
        String token = tenantToken(firstPort);
        String name = "handover-" + UUID.randomUUID().toString().substring(0, 8);
        String connectionId = api(firstPort, token).body(Map.of("name", name, "strategy", "auth0"))
                .post("/api/v2/connections").then().statusCode(201).extract().path("id");
        String importId = given().port(firstPort).auth().oauth2(token)
                .multiPart("users", "users.json", Jobs.usersArray(name, 20_000), "application/json")
                .multiPart("connection_id", connectionId).post("/api/v2/jobs/users-imports")
                .then().statusCode(202).extract().path("id");
        awaitStatus(firstPort, token, importId, "completed", Duration.ofMinutes(3));
        String location = api(firstPort, token).delete("/api/v2/connections/" + connectionId).then().statusCode(202)
                .extract().header("Location");
        String jobId = location.substring(location.lastIndexOf('/') + 1);

        long holderPid = awaitLeaseHolder(rows, jobId);
        Process holder = holderPid == first.pid() ? first : second;
        int survivorPort = holder == first ? secondPort : firstPort;
        long stoppedAt = System.nanoTime();
        holder.destroy();
        assertTrue(holder.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "stopped on SIGTERM");
        Object owner = rows.single("select lease_owner from jobs where id = ?", jobId).get("lease_owner");
        assertTrue(owner == null || !owner.toString().contains(":" + holderPid + ":"),
                "the stopped replica handed its lease back (now: " + owner + ")");

        JsonPath job = awaitStatus(survivorPort, token, jobId, "completed", Duration.ofMinutes(2));
        long seconds = Duration.ofNanos(System.nanoTime() - stoppedAt).toSeconds();
        assertTrue(seconds < 120, "finished " + seconds + " s after the SIGTERM, long before the 5 min lease");
        assertEquals(20_000L, job.getLong("summary.deleted"));
        assertEquals(0L, rows.count("select count(*) from users where connection_id = ?", connectionId));
    }

    private static long awaitLeaseHolder(TestDatabase.Reads rows, String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Object> row = rows.single("select lease_owner, deleted from jobs where id = ?", jobId);
            if (row.get("lease_owner") != null && ((Number) row.get("deleted")).longValue() > 0) {
                return Long.parseLong(row.get("lease_owner").toString().split(":")[1]);
            }
            Thread.sleep(20);
        }
        fail("no worker took job " + jobId);
        return -1;
    }

    private static String tenantToken(int port) {
        JsonPath created = given().port(port).auth().oauth2(TestTenant.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("name", "two-" + UUID.randomUUID().toString().substring(0, 8)))
                .post("/admin/v1/tenants").then().statusCode(201).extract().jsonPath();
        return given().port(port).contentType(ContentType.JSON)
                .body(Map.of("grant_type", "client_credentials", "client_id", created.getString("management_client.client_id"),
                        "client_secret", created.getString("management_client.client_secret")))
                .post("/oauth/token").then().statusCode(200).extract().path("access_token");
    }

    private static RequestSpecification api(int port, String token) {
        return given().port(port).auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static JsonPath awaitStatus(int port, String token, String jobId, String status, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath job = given().port(port).auth().oauth2(token).get("/api/v2/jobs/" + jobId).then().statusCode(200)
                    .extract().jsonPath();
            if (status.equals(job.getString("status"))) {
                return job;
            }
            if ("failed".equals(job.getString("status"))) {
                fail("job failed: " + job.prettify());
            }
            Thread.sleep(200);
        }
        fail("job " + jobId + " not " + status + " within " + timeout);
        return null;
    }

    private static Process launch(String database, int port, String name) throws Exception {
        return launch(database, port, name, LEASE);
    }

    private static Process launch(String database, int port, String name, Duration lease) throws Exception {
        EmbeddedPostgres.Server server = EmbeddedPostgres.throwaway();
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.exists(jar), "package the application first");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString());
        Map<String, String> env = new HashMap<>(Map.of(
                "QUARKUS_HTTP_PORT", Integer.toString(port),
                "QUARKUS_DATASOURCE_REACTIVE_URL", TestDatabase.inDatabase(server.reactiveUrl(), database),
                "QUARKUS_DATASOURCE_JDBC_URL", TestDatabase.inDatabase(server.jdbcUrl(), database),
                "QUARKUS_DATASOURCE_USERNAME", server.username(),
                "QUARKUS_DATASOURCE_PASSWORD", server.password(),
                "CONNECTIONHUB_JWT_SIGNING_KEY", DevDefaultsConfigSourceFactory.testSigningKey(),
                "CONNECTIONHUB_ENCRYPTION_KEY", DevDefaultsConfigSourceFactory.testEncryptionKey(),
                "CONNECTIONHUB_ADMIN_TOKEN", TestTenant.ADMIN_TOKEN));
        env.putAll(Map.of(
                "CONNECTIONHUB_JOBS_LEASE", lease.toSeconds() + "s",
                "CONNECTIONHUB_JOBS_POLL_INTERVAL", "200ms",
                "CONNECTIONHUB_JOBS_PURGE_BATCH_SIZE", "500",
                "CONNECTIONHUB_JOBS_PURGE_PAUSE", "100ms",
                "CONNECTIONHUB_JOBS_INLINE_PURGE_THRESHOLD", "10"));
        builder.environment().putAll(env);
        File log = new File("target/two-instances-" + name + ".log");
        builder.redirectErrorStream(true).redirectOutput(log);
        return builder.start();
    }

    private static void awaitReady(int port, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("instance on port " + port + " exited: see target/two-instances-*.log");
            }
            try {
                if (given().port(port).get("/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (Exception notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        fail("instance on port " + port + " not ready within 60 s");
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
