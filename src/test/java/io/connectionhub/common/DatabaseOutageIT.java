package io.connectionhub.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.connectionhub.devdb.DevDefaultsConfigSourceFactory;
import io.connectionhub.devdb.EmbeddedPostgres;
import io.connectionhub.support.Jobs;
import io.connectionhub.support.TestTenant;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The packaged application on a PostgreSQL of its own, restarted (fast shutdown) while 16 clients read a connection
 * and a purge and an import run: every answer is 200 or a 503 with {@code Retry-After} in the family's shape, none
 * slower than the acquisition timeout plus a margin; readiness is DOWN during the outage and UP within 5 s after it;
 * both jobs complete with exact counts; the application logs no uncaught exception and no ERROR.
 */
class DatabaseOutageIT {

    private static final Duration ACQUISITION_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration LATENCY_MARGIN = Duration.ofSeconds(2);
    private static final int CLIENTS = 16;
    private static final int PURGED_USERS = 6_000;
    private static final int IMPORTED_USERS = 8_000;

    private EmbeddedPostgres.Restartable database;
    private Process app;
    private int previousPort;

    @AfterEach
    void stop() {
        RestAssured.port = previousPort;
        if (app != null && app.isAlive()) {
            app.destroyForcibly();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void keepsServingThroughADatabaseRestart() throws Exception {
        database = EmbeddedPostgres.restartable();
        int port = freePort();
        Path log = Path.of("target/database-outage-app.log");
        app = launch(port, log.toFile());
        previousPort = RestAssured.port;
        RestAssured.port = port;
        awaitReady(port);

        TestTenant tenant = TestTenant.create();
        String token = tenant.token();
        String read = tenant.api().body(Map.of("name", "read-under-load", "strategy", "auth0"))
                .post("/api/v2/connections").then().statusCode(201).extract().path("id");
        String doomed = Jobs.connectionWithUsers(tenant, "doomed", PURGED_USERS);
        String destination = tenant.api().body(Map.of("name", "import-destination", "strategy", "auth0"))
                .post("/api/v2/connections").then().statusCode(201).extract().path("id");

        Load load = new Load(URI.create("http://127.0.0.1:" + port + "/api/v2/connections/" + read), token);
        load.start();
        String location = tenant.api().delete("/api/v2/connections/" + doomed).then().statusCode(202).extract()
                .header("Location");
        String deletionJob = location.substring(location.lastIndexOf('/') + 1);
        String importJob = Jobs.startImport(tenant, destination, Jobs.usersArray("imported", IMPORTED_USERS), false)
                .getString("id");
        awaitUnderWay(tenant, deletionJob, "deleted");
        awaitUnderWay(tenant, importJob, "inserted");
        JsonPath purgeBefore = job(tenant, deletionJob);
        JsonPath importBefore = job(tenant, importJob);

        database.stop();
        long stoppedAt = System.nanoTime();
        assertEquals(503, given().get("/q/health/ready").statusCode(), "readiness while the database is down");
        Thread.sleep(1000);
        assertUnavailableInEveryShape(tenant, doomed);
        Thread.sleep(Math.max(0, 3000 - Duration.ofNanos(System.nanoTime() - stoppedAt).toMillis()));

        database.start();
        long startedAt = System.nanoTime();
        Duration readyAfter = awaitReady(port);
        assertTrue(readyAfter.compareTo(Duration.ofSeconds(5)) <= 0, "ready " + readyAfter + " after the restart");
        Thread.sleep(2000);
        load.stop();

        assertMidWay(purgeBefore, "deleted", PURGED_USERS);
        assertMidWay(importBefore, "inserted", IMPORTED_USERS);
        JsonPath purged = Jobs.awaitFinished(tenant, deletionJob, Duration.ofSeconds(30));
        assertEquals("completed", purged.getString("status"), purged.prettify());
        assertEquals(PURGED_USERS, purged.getLong("summary.deleted"), "each user deleted once: " + purged.prettify());
        assertEquals(PURGED_USERS, purged.getLong("summary.total"));
        JsonPath imported = Jobs.awaitFinished(tenant, importJob, Duration.ofSeconds(30));
        assertEquals("completed", imported.getString("status"), imported.prettify());
        assertEquals(IMPORTED_USERS, imported.getLong("summary.inserted"), imported.prettify());
        assertEquals(0, imported.getLong("summary.failed"), imported.prettify());
        assertEquals(0, count("SELECT count(*) FROM users WHERE connection_id = ?", doomed), "users left behind");
        assertEquals(0, count("SELECT count(*) FROM connections WHERE id = ?", doomed), "the purged connection's row");
        assertEquals(IMPORTED_USERS, count("SELECT count(*) FROM users WHERE connection_id = ?", destination));
        tenant.api().get("/api/v2/connections/" + doomed).then().statusCode(404);

        // The pool's acquisition timers of the queries that failed during the outage have all fired by now.
        long sinceRestart = Duration.ofNanos(System.nanoTime() - startedAt).toMillis();
        Thread.sleep(Math.max(0, ACQUISITION_TIMEOUT.toMillis() + 1000 - sinceRestart));
        app.destroy();
        app.waitFor(30, TimeUnit.SECONDS);

        List<String> errors = Files.readAllLines(log).stream()
                .filter(line -> line.contains("Uncaught exception") || line.contains("\"level\":\"ERROR\""))
                .toList();
        load.report();
        System.out.println("DatabaseOutageIT: ready " + readyAfter.toMillis() + " ms after the restart; " + errors.size()
                + " ERROR lines; purge " + purged.getLong("summary.deleted") + ", import "
                + imported.getLong("summary.inserted"));
        Map<Integer, Integer> statuses = load.statuses();
        assertEquals(List.of(200, 503), List.copyOf(statuses.keySet()), "only 200 and 503, and both: " + statuses);
        assertTrue(load.unavailableWithoutRetryAfter() == 0, load.unavailableWithoutRetryAfter()
                + " answers 503 without Retry-After or temporarily_unavailable");
        Duration limit = ACQUISITION_TIMEOUT.plus(LATENCY_MARGIN);
        assertTrue(load.slowest().compareTo(limit) <= 0, "slowest answer " + load.slowest() + ", limit " + limit);

        assertEquals(List.of(), errors, "ERROR lines in " + log);
    }

    /** Each family's 503 while the database is down: Auth0, LoginRadius, OAuth, the sign-in and setup pages. */
    private static void assertUnavailableInEveryShape(TestTenant tenant, String connection) {
        Response auth0 = tenant.api().get("/api/v2/connections/" + connection);
        assertEquals(503, auth0.statusCode(), auth0.asString());
        assertEquals("temporarily_unavailable", auth0.jsonPath().getString("errorCode"));
        assertEquals(503, auth0.jsonPath().getInt("statusCode"));
        assertEquals("Service Unavailable", auth0.jsonPath().getString("error"));
        assertTrue(auth0.jsonPath().getString("message").contains("temporarily unavailable"), auth0.asString());
        assertRetryAfter(auth0);

        Response loginRadius = tenant.manage().get("/v2/manage/organizations/org_unknown");
        assertEquals(503, loginRadius.statusCode(), loginRadius.asString());
        assertEquals(503, loginRadius.jsonPath().getInt("ErrorCode"));
        assertTrue(loginRadius.jsonPath().getString("Description").contains("temporarily unavailable"),
                loginRadius.asString());
        assertTrue(loginRadius.jsonPath().getString("Message") != null, loginRadius.asString());
        assertRetryAfter(loginRadius);

        Response token = given().contentType(ContentType.JSON).body(Map.of("grant_type", "client_credentials",
                "client_id", tenant.clientId, "client_secret", tenant.clientSecret)).post("/oauth/token");
        assertEquals(503, token.statusCode(), token.asString());
        assertEquals("temporarily_unavailable", token.jsonPath().getString("error"));
        assertTrue(token.jsonPath().getString("error_description").contains("temporarily unavailable"));
        assertRetryAfter(token);

        Response page = given().redirects().follow(false).queryParam("client_id", tenant.clientId)
                .queryParam("response_type", "code").queryParam("redirect_uri", "https://app.example/callback")
                .get("/authorize");
        assertEquals(503, page.statusCode(), page.asString());
        assertTrue(page.contentType().startsWith("text/html"), page.contentType());
        assertTrue(page.asString().contains("Temporarily unavailable"), page.asString());
        assertRetryAfter(page);

        Response setup = given().redirects().follow(false).get("/setup/" + "A".repeat(43)); // a well-formed link token, unknown
        assertEquals(503, setup.statusCode(), setup.asString());
        assertTrue(setup.contentType().startsWith("text/html"), setup.contentType());
        assertTrue(setup.asString().contains("Temporarily unavailable"), setup.asString());
        assertRetryAfter(setup);
    }

    private static void assertRetryAfter(Response response) {
        assertTrue(response.header("Retry-After") != null && Integer.parseInt(response.header("Retry-After")) > 0,
                "Retry-After: " + response.header("Retry-After"));
    }

    /** 16 clients reading one connection until stopped; every status, the 503s' shape, the slowest answer. */
    private static final class Load {
        private final URI uri;
        private final String token;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ConcurrentLinkedQueue<int[]> answers = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<String> badUnavailable = new ConcurrentLinkedQueue<>();
        private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private volatile long slowestNanos;

        Load(URI uri, String token) {
            this.uri = uri;
            this.token = token;
        }

        void start() {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); // a bound even if never stopped
            for (int i = 0; i < CLIENTS; i++) {
                clients.submit(() -> {
                    HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                            .timeout(Duration.ofSeconds(30)).GET().build();
                    while (running.get() && System.nanoTime() < deadline) {
                        long started = System.nanoTime();
                        try {
                            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                            record(response, System.nanoTime() - started);
                        } catch (Exception e) {
                            answers.add(new int[] { -1 });
                            badUnavailable.add(e.toString());
                        }
                    }
                    return null;
                });
            }
        }

        private void record(HttpResponse<String> response, long nanos) {
            answers.add(new int[] { response.statusCode() });
            synchronized (this) {
                slowestNanos = Math.max(slowestNanos, nanos);
            }
            if (response.statusCode() == 503 && (response.headers().firstValue("Retry-After").isEmpty()
                    || !response.body().contains("\"errorCode\":\"temporarily_unavailable\""))) {
                badUnavailable.add(response.body());
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            clients.shutdown();
            assertTrue(clients.awaitTermination(40, TimeUnit.SECONDS), "load clients stopped");
        }

        Map<Integer, Integer> statuses() {
            Map<Integer, Integer> counts = new TreeMap<>();
            for (int[] answer : answers) {
                counts.merge(answer[0], 1, Integer::sum);
            }
            return counts;
        }

        int unavailableWithoutRetryAfter() {
            return badUnavailable.size();
        }

        Duration slowest() {
            return Duration.ofNanos(slowestNanos);
        }

        void report() {
            System.out.println("DatabaseOutageIT: " + answers.size() + " answers " + statuses() + ", slowest "
                    + slowest().toMillis() + " ms" + (badUnavailable.isEmpty() ? "" : ", bad: " + badUnavailable.peek()));
        }
    }

    private static JsonPath job(TestTenant tenant, String jobId) {
        return tenant.api().get("/api/v2/jobs/" + jobId).then().statusCode(200).extract().jsonPath();
    }

    /** The job was running, with part of its work done, when the database went down. */
    private static void assertMidWay(JsonPath job, String counter, long total) {
        assertEquals("processing", job.getString("status"), job.prettify());
        long done = job.getLong("summary." + counter);
        assertTrue(done > 0 && done < total, counter + " " + done + " of " + total + " when the database stopped");
    }

    /** Waits until the job has done part of its work (and not all of it, or the outage would not test it). */
    private static void awaitUnderWay(TestTenant tenant, String jobId, String counter) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath job = tenant.api().get("/api/v2/jobs/" + jobId).then().statusCode(200).extract().jsonPath();
            long done = job.getLong("summary." + counter);
            assertTrue(!"completed".equals(job.getString("status")), "job " + jobId + " finished before the outage");
            if (done > 0) {
                return;
            }
            Thread.sleep(20);
        }
        fail("job " + jobId + " did not start within 30 s");
    }

    private long count(String sql, String parameter) throws Exception {
        EmbeddedPostgres.Server server = database.server();
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private Process launch(int port, File log) throws Exception {
        EmbeddedPostgres.Server server = database.server();
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.exists(jar), "package the application first");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString());
        Map<String, String> env = new HashMap<>(Map.of(
                "QUARKUS_HTTP_PORT", Integer.toString(port),
                "QUARKUS_DATASOURCE_REACTIVE_URL", server.reactiveUrl(),
                "QUARKUS_DATASOURCE_JDBC_URL", server.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", server.username(),
                "QUARKUS_DATASOURCE_PASSWORD", server.password(),
                "CONNECTIONHUB_JWT_SIGNING_KEY", DevDefaultsConfigSourceFactory.testSigningKey(),
                "CONNECTIONHUB_ENCRYPTION_KEY", DevDefaultsConfigSourceFactory.testEncryptionKey(),
                "CONNECTIONHUB_ADMIN_TOKEN", TestTenant.ADMIN_TOKEN,
                "CONNECTIONHUB_DATASOURCE_ACQUISITION_TIMEOUT", ACQUISITION_TIMEOUT.toMillis() + "ms"));
        env.putAll(Map.of(
                "CONNECTIONHUB_JOBS_LEASE", "5s",
                "CONNECTIONHUB_JOBS_POLL_INTERVAL", "200ms",
                "CONNECTIONHUB_JOBS_PURGE_BATCH_SIZE", "200",
                "CONNECTIONHUB_JOBS_PURGE_PAUSE", "250ms",
                "CONNECTIONHUB_JOBS_INLINE_PURGE_THRESHOLD", "10",
                "CONNECTIONHUB_JOBS_IMPORT_BATCH_SIZE", "100",
                // the limiter would answer the load 429 before the database is even asked
                "CONNECTIONHUB_RATE_LIMIT_ENABLED", "false"));
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(log);
        return builder.start();
    }

    private Duration awaitReady(int port) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                fail("the application exited: see target/database-outage-app.log");
            }
            try {
                if (given().port(port).get("/q/health/ready").statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - started);
                }
            } catch (Exception notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        fail("not ready within 60 s");
        return null;
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
