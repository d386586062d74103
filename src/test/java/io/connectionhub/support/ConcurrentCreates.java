package io.connectionhub.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.restassured.RestAssured;

/** Many creates of one connection name released at the same instant, half of them in upper case. */
public final class ConcurrentCreates {

    private ConcurrentCreates() {
    }

    /** The status of each of {@code count} simultaneous {@code POST /api/v2/connections} of {@code name}. */
    public static List<Integer> createAtOnce(String token, String name, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String casing = i % 2 == 0 ? name : name.toUpperCase();
                results.add(pool.submit(() -> {
                    start.await();
                    return RestAssured.given().auth().oauth2(token).contentType("application/json")
                            .body(Map.of("name", casing, "strategy", "auth0")).post("/api/v2/connections").statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
