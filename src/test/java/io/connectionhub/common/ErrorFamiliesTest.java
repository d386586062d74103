package io.connectionhub.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.DisabledOnIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The errors that never reach a resource still get the right family's shape. */
@QuarkusTest
class ErrorFamiliesTest {

    static TestTenant tenant;

    @BeforeEach
    void tenant() {
        if (tenant == null) {
            tenant = TestTenant.create();
        }
    }

    @Test
    void unknownPathAuth0() {
        tenant.api().get("/api/v2/nothing-here").then().statusCode(404)
                .body("statusCode", equalTo(404)).body("error", equalTo("Not Found"))
                .body("errorCode", equalTo("not_found"));
        given().get("/nothing/at/all").then().statusCode(404).body("errorCode", equalTo("not_found"));
    }

    @Test
    void unknownPathLoginRadius() {
        tenant.manage().get("/v2/manage/nothing-here").then().statusCode(404)
                .body("ErrorCode", equalTo(404)).body("Message", equalTo("Not Found"))
                .body("Description", not(equalTo(null)));
    }

    @Test
    void wrongMethodAuth0() {
        tenant.api().put("/api/v2/clients").then().statusCode(405)
                .body("statusCode", equalTo(405)).body("errorCode", equalTo("method_not_allowed"));
    }

    @Test
    void wrongMediaTypeAuth0() {
        tenant.api().contentType(ContentType.XML).body("<client/>").post("/api/v2/clients").then().statusCode(415)
                .body("statusCode", equalTo(415)).body("errorCode", equalTo("unsupported_media_type"));
    }

    @Test
    void malformedJsonAuth0() {
        tenant.api().body("{\"name\": ").post("/api/v2/clients").then().statusCode(400)
                .body("errorCode", equalTo("invalid_body"))
                .body("message", equalTo("Invalid request payload JSON format"));
        tenant.api().body("[1,2]").post("/api/v2/clients").then().statusCode(400)
                .body("errorCode", equalTo("invalid_body"));
    }

    @Test
    void bodyOverTheLimitAuth0() {
        String big = "{\"name\":\"" + "x".repeat(1_100_000) + "\"}";
        tenant.api().body(big).post("/api/v2/clients").then().statusCode(413)
                .body("statusCode", equalTo(413)).body("errorCode", equalTo("payload_too_large"));
    }

    @Test
    void bodyOverTheLimitLoginRadius() {
        String big = "{\"Name\":\"" + "x".repeat(1_100_000) + "\"}";
        tenant.manage().body(big).post("/v2/manage/organizations").then().statusCode(413)
                .body("ErrorCode", equalTo(413));
    }

    @Test
    void unauthenticatedAuth0HasBearerChallenge() {
        given().get("/api/v2/clients").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer")).body("errorCode", equalTo("invalid_token"));
    }

    @Test
    void forbiddenAuth0() {
        given().auth().oauth2(tenant.token("read:connections")).get("/api/v2/clients").then().statusCode(403)
                .body("errorCode", equalTo("insufficient_scope"));
    }

    @Test
    @DisabledOnIntegrationTest("the failing endpoint is a test class, not part of the packaged application")
    void internalErrorAuth0HidesDetailsAndGivesAnErrorId() {
        given().header("X-Request-Id", "req-auth0-500").get("/api/v2/test-only/failure").then().statusCode(500)
                .body("statusCode", equalTo(500)).body("errorCode", equalTo("internal_error"))
                .body("error_id", equalTo("req-auth0-500"))
                .body("message", containsString("req-auth0-500"))
                .body(not(containsString("SELECT"))).body(not(containsString("Exception")));
    }

    @Test
    @DisabledOnIntegrationTest("the failing endpoint is a test class, not part of the packaged application")
    void internalErrorLoginRadiusIs7909WithTheSeedTexts() {
        given().header("X-Request-Id", "req-lr-500").get("/v2/manage/test-only/failure").then().statusCode(500)
                .body("ErrorCode", equalTo(7909))
                .body("Message", equalTo("Operation failed due to an internal error."))
                .body("Description", startsWith("An unknown internal error occurred, please try again in a few "
                        + "minutes or contact your system administrator."))
                .body("Description", containsString("req-lr-500"))
                .body(not(containsString("SELECT")));
    }
}
