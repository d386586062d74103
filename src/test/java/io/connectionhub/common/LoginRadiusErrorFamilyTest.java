package io.connectionhub.common;

import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** /v2/manage refusals that happen before or around a resource get the LoginRadius body and codes. */
@QuarkusTest
class LoginRadiusErrorFamilyTest {

    static final String ORGANIZATIONS = "/v2/manage/organizations";
    static final String INVALID = "A parameter is not formatted correctly.";

    static TestTenant tenant;

    @BeforeEach
    void tenant() {
        if (tenant == null) {
            tenant = TestTenant.create();
        }
    }

    @Test
    void wrongMethodOnAnExistingPathIs405() {
        tenant.manage().delete(ORGANIZATIONS).then().statusCode(405)
                .body("ErrorCode", equalTo(405)).body("Message", equalTo("Method not allowed"))
                .body("Description", equalTo("Verify that you are accessing the API endpoint with the correct method."));
        tenant.manage().patch(ORGANIZATIONS + "/org_0000000000000000").then().statusCode(405)
                .body("ErrorCode", equalTo(405));
    }

    @Test
    void anXmlBodyIs415() {
        tenant.manage().contentType(ContentType.XML).body("<Organization><Name>x</Name></Organization>")
                .post(ORGANIZATIONS).then().statusCode(415)
                .body("ErrorCode", equalTo(415)).body("Message", equalTo("Unsupported media type"))
                .body("Description", equalTo("Unsupported Content-Type; this endpoint reads application/json"));
    }

    @Test
    void malformedJsonIs7900() {
        tenant.manage().body("{\"Name\": ").post(ORGANIZATIONS).then().statusCode(400)
                .body("ErrorCode", equalTo(7900)).body("Message", equalTo(INVALID))
                .body("Description", equalTo("The request body is not valid JSON: Invalid request payload JSON format"));
        tenant.manage().body("[\"Name\"]").post(ORGANIZATIONS).then().statusCode(400)
                .body("ErrorCode", equalTo(7900)).body("Message", equalTo(INVALID))
                .body("Description", equalTo("The request body is not valid JSON: the body must be a JSON object"));
    }

    @Test
    void anUnknownFieldIs7900NamingIt() {
        tenant.manage().body("{\"Name\":\"acme\",\"Nmae\":\"typo\"}").post(ORGANIZATIONS).then().statusCode(400)
                .body("ErrorCode", equalTo(7900)).body("Message", equalTo(INVALID))
                .body("Description", equalTo("Additional properties not allowed: Nmae."));
        tenant.manage().body("{\"Name\":\"acme\",\"Display\":{\"Logo\":\"x\"}}").post(ORGANIZATIONS).then()
                .statusCode(400).body("ErrorCode", equalTo(7900))
                .body("Description", equalTo("The Display is invalid: Additional properties not allowed: Logo."));
    }

    @Test
    void aBodyOverOneMegabyteIs413() {
        String big = "{\"Name\":\"" + "x".repeat(1_100_000) + "\"}";
        tenant.manage().body(big).post(ORGANIZATIONS).then().statusCode(413)
                .body("ErrorCode", equalTo(413)).body("Message", equalTo("Request entity too large"))
                .body("Description", equalTo("Request entity too large: the limit is 1048576 bytes"));
    }

    @Test
    void anUnknownPathIs404() {
        tenant.manage().get("/v2/manage/organisations").then().statusCode(404)
                .body("ErrorCode", equalTo(404)).body("Message", equalTo("Not Found"))
                .body("Description", equalTo("The API endpoint does not exist. Verify the path and method."));
    }
}
