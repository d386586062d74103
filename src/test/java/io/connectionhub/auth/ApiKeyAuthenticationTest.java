package io.connectionhub.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** The /v2/manage credentials matrix: every wrong combination is 401 ErrorCode 6002; the right one, either way, passes. */
@QuarkusTest
class ApiKeyAuthenticationTest {

    static final String ORGANIZATIONS = "/v2/manage/organizations";

    static TestTenant tenant;
    static TestTenant other;

    @BeforeEach
    void tenants() {
        if (tenant == null) {
            tenant = TestTenant.create();
            other = TestTenant.create();
        }
    }

    static void assertUnauthorized(ValidatableResponse response, String description) {
        response.statusCode(401)
                .header("WWW-Authenticate", startsWith("APIKey"))
                .body("ErrorCode", equalTo(6002))
                .body("Message", equalTo("Access Unauthorized"))
                .body("Description", equalTo(description));
    }

    static RequestSpecification query(String key, String secret) {
        RequestSpecification request = given();
        if (key != null) {
            request.queryParam("apikey", key);
        }
        if (secret != null) {
            request.queryParam("apisecret", secret);
        }
        return request;
    }

    @Test
    void missingCredentialsAre6002() {
        assertUnauthorized(given().get(ORGANIZATIONS).then(), "Missing authentication");
    }

    @Test
    void anUnknownKeyIs6002() {
        assertUnauthorized(query("not-a-key", tenant.apiSecret).get(ORGANIZATIONS).then(),
                "The API key or API secret is invalid");
    }

    @Test
    void theRightKeyWithAWrongSecretIs6002() {
        assertUnauthorized(query(tenant.apiKey, "wrong-secret").get(ORGANIZATIONS).then(),
                "The API key or API secret is invalid");
        assertUnauthorized(query(tenant.apiKey, tenant.apiSecret + "x").get(ORGANIZATIONS).then(),
                "The API key or API secret is invalid");
    }

    @Test
    void anotherTenantsKeyWithThisTenantsSecretIs6002() {
        assertUnauthorized(query(other.apiKey, tenant.apiSecret).get(ORGANIZATIONS).then(),
                "The API key or API secret is invalid");
    }

    @Test
    void aKeyWithoutItsSecretIs6002AndTheOtherWayRound() {
        assertUnauthorized(query(tenant.apiKey, null).get(ORGANIZATIONS).then(),
                "Both the API key and the API secret are required");
        assertUnauthorized(query(null, tenant.apiSecret).get(ORGANIZATIONS).then(),
                "Both the API key and the API secret are required");
        assertUnauthorized(given().header("X-LoginRadius-APIKey", tenant.apiKey).get(ORGANIZATIONS).then(),
                "Both the API key and the API secret are required");
    }

    @Test
    void theRightKeyAndSecretPassAsQueryParametersOrHeaders() {
        query(tenant.apiKey, tenant.apiSecret).get(ORGANIZATIONS).then().statusCode(200);
        given().header("X-LoginRadius-APIKey", tenant.apiKey).header("X-LoginRadius-APISecret", tenant.apiSecret)
                .get(ORGANIZATIONS).then().statusCode(200);
    }

    @Test
    void wrongHeadersAre6002() {
        assertUnauthorized(given().header("X-LoginRadius-APIKey", tenant.apiKey)
                .header("X-LoginRadius-APISecret", other.apiSecret).get(ORGANIZATIONS).then(),
                "The API key or API secret is invalid");
    }

    @Test
    void theOtherFamilysCredentialsDoNotCrossOver() {
        // A management token is not an API key, and an API key is not a token.
        assertUnauthorized(given().auth().oauth2(tenant.token()).get(ORGANIZATIONS).then(), "Missing authentication");
        query(tenant.apiKey, tenant.apiSecret).get("/api/v2/connections").then().statusCode(401)
                .body("errorCode", equalTo("invalid_token"));
    }

    @Test
    void everyVerbIsGuarded() {
        assertUnauthorized(given().contentType("application/json").body("{\"Name\":\"x\"}").post(ORGANIZATIONS).then(),
                "Missing authentication");
        assertUnauthorized(given().contentType("application/json").body("{\"Name\":\"x\"}")
                .put(ORGANIZATIONS + "/org_0000000000000000").then(), "Missing authentication");
        assertUnauthorized(given().delete(ORGANIZATIONS + "/org_0000000000000000/connections/conn_0000000000000000")
                .then(), "Missing authentication");
        assertUnauthorized(given().post(ORGANIZATIONS + "/org_0000000000000000/domains/org_domain_0000000000000000")
                .then(), "Missing authentication");
    }
}
