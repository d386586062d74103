package io.connectionhub.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * {@link AuthFailureRouting} relies on the order of Quarkus's routes: its route must run after the authentication
 * filter (which sets the default handler) and before Quarkus REST's auth-failure filter (which would otherwise
 * replace that handler itself, at a cost on every request, and REST would remove the replacement). Either wrong
 * order shows here as a handler still present. The refusals' status and body in each family are tested by the
 * token and API-key matrices; here, that a refusal is answered once (a handler left in place would fail the request
 * again after the mapper's answer, which Quarkus logs as an error).
 */
@QuarkusTest
class AuthFailureRoutingTest {

    @Test
    void aRequestReachesRestWithoutAFailureHandler() {
        given().get("/test-support/auth-failure-handler")
                .then().statusCode(200).body(equalTo("none"));
    }

    @Test
    void refusalsInEachFamilyAreAnsweredOnceWithoutAnErrorLogged() throws InterruptedException {
        List<LogRecord> errors = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(capture);
        try {
            given().get("/api/v2/connections").then().statusCode(401).body("errorCode", equalTo("invalid_token"));
            given().header("Authorization", "Bearer not.a.token").get("/api/v2/clients")
                    .then().statusCode(401).body("errorCode", equalTo("invalid_token"));
            given().queryParam("apikey", "nope").queryParam("apisecret", "nope").get("/v2/manage/organizations")
                    .then().statusCode(401).body("ErrorCode", equalTo(6002));
            given().get("/admin/v1/tenants").then().statusCode(401);
            Thread.sleep(200); // a second answer would be attempted, and logged, just after the first
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
        assertEquals(List.of(), errors.stream().map(LogRecord::getMessage).toList());
    }
}
