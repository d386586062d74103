package io.connectionhub.connection;

import static io.connectionhub.support.ConcurrentCreates.createAtOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Races: the database constraint, not a check, decides which create of a name wins; cursors survive churn. */
@QuarkusTest
class ConnectionConcurrencyTest {

    @Test
    void fiftyConcurrentCreatesOfOneNameGiveExactlyOne201() throws Exception {
        TestTenant tenant = TestTenant.create();
        String token = tenant.token();
        String name = "race-" + System.nanoTime();
        List<Integer> statuses = createAtOnce(token, name, 50);
        assertEquals(1, Collections.frequency(statuses, 201), statuses.toString());
        assertEquals(49, Collections.frequency(statuses, 409), statuses.toString());
        // the winner has one of the two casings; the name filter is an exact match
        int listed = tenant.api().queryParam("name", name).get("/api/v2/connections").then().statusCode(200)
                .extract().jsonPath().getList("$").size()
                + tenant.api().queryParam("name", name.toUpperCase()).get("/api/v2/connections").then().statusCode(200)
                        .extract().jsonPath().getList("$").size();
        assertEquals(1, listed);
    }

    @Test
    void pagingThroughAThousandConnectionsSeesEachOnceWhileOthersComeAndGo() throws Exception {
        TestTenant tenant = TestTenant.create();
        String token = tenant.token();
        Set<String> stable = Collections.synchronizedSet(new HashSet<>());
        ConcurrentLinkedQueue<String> churn = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> seeding = new ArrayList<>();
            for (int worker = 0; worker < 4; worker++) {
                int w = worker;
                seeding.add(pool.submit(() -> {
                    for (int i = w; i < 1200; i += 4) {
                        String id = create(token, (i < 1000 ? "stable-" : "churn-") + i);
                        if (i < 1000) {
                            stable.add(id);
                        } else {
                            churn.add(id);
                        }
                    }
                }));
            }
            for (Future<?> f : seeding) {
                f.get(5, TimeUnit.MINUTES);
            }
            assertEquals(1000, stable.size());

            AtomicBoolean paging = new AtomicBoolean(true);
            Future<?> churner = pool.submit(() -> {
                int n = 0;
                while (paging.get()) {
                    String victim = churn.poll();
                    if (victim != null) {
                        io.restassured.RestAssured.given().auth().oauth2(token).delete("/api/v2/connections/" + victim)
                                .then().statusCode(202);
                    }
                    churn.add(create(token, "late-" + n++));
                }
            });

            List<String> seen = new ArrayList<>();
            String from = null;
            do {
                var request = io.restassured.RestAssured.given().auth().oauth2(token).queryParam("take", 50);
                if (from != null) {
                    request.queryParam("from", from);
                }
                JsonPath page = request.get("/api/v2/connections").then().statusCode(200).extract().jsonPath();
                seen.addAll(page.getList("connections.id"));
                from = page.getString("next");
            } while (from != null && seen.size() < 10_000);
            paging.set(false);
            churner.get(1, TimeUnit.MINUTES);

            Set<String> distinct = new HashSet<>(seen);
            assertEquals(seen.size(), distinct.size(), "no connection is returned twice");
            assertTrue(distinct.containsAll(stable), "every connection that existed throughout is returned");
        } finally {
            pool.shutdownNow();
        }
    }

    private static String create(String token, String name) {
        return io.restassured.RestAssured.given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("name", name, "strategy", "auth0")).post("/api/v2/connections")
                .then().statusCode(201).extract().path("id");
    }
}
