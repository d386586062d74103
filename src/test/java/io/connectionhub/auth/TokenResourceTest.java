package io.connectionhub.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.connectionhub.support.TestTenant;
import io.connectionhub.support.TokenForge;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class TokenResourceTest {

    static TestTenant tenant;

    @BeforeEach
    void tenant() {
        if (tenant == null) {
            tenant = TestTenant.create();
        }
    }

    private Map<String, Object> body(Object... extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("grant_type", "client_credentials",
                "client_id", tenant.clientId, "client_secret", tenant.clientSecret));
        for (int i = 0; i < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        return body;
    }

    @Test
    void jsonRequestGetsAnRs256TokenWithTheContractClaims() {
        String token = given().contentType(ContentType.JSON).body(body()).post("/oauth/token")
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(86400))
                .body("scope", equalTo(String.join(" ", Scopes.ALL)))
                .extract().path("access_token");
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        JsonPath claims = JsonPath.from(TokenForge.payloadOf(token));
        assertTrue(header.contains("\"RS256\""), header);
        String kid = given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys", hasSize(1)).body("keys[0].kty", equalTo("RSA")).body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].n", notNullValue()).body("keys[0].e", equalTo("AQAB"))
                .extract().path("keys[0].kid");
        assertTrue(header.contains(kid), "token kid is the published one");
        assertEquals("http://localhost:8080/", claims.getString("iss"));
        assertEquals(tenant.clientId + "@clients", claims.getString("sub"));
        assertEquals("http://localhost:8080/api/v2/", claims.getString("aud"));
        assertEquals(tenant.id, claims.getString("tenant_id"));
        assertEquals(86400L, claims.getLong("exp") - claims.getLong("iat"));
    }

    @Test
    void formEncodedRequestWorks() {
        given().contentType(ContentType.URLENC).formParams(body()).post("/oauth/token")
                .then().statusCode(200).body("access_token", notNullValue());
    }

    @Test
    void basicCredentialsWork() {
        given().auth().preemptive().basic(tenant.clientId, tenant.clientSecret).contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").post("/oauth/token")
                .then().statusCode(200).body("access_token", notNullValue());
    }

    @Test
    void wrongSecretIsAccessDenied() {
        given().contentType(ContentType.JSON).body(body("client_secret", "wrong")).post("/oauth/token")
                .then().statusCode(401).body("error", equalTo("access_denied"))
                .body("error_description", equalTo("Unauthorized"));
    }

    @Test
    void unknownClientIsAccessDeniedLikeAWrongSecret() {
        given().contentType(ContentType.JSON).body(body("client_id", "nope")).post("/oauth/token")
                .then().statusCode(401).body("error", equalTo("access_denied"))
                .body("error_description", equalTo("Unauthorized"));
    }

    @Test
    void otherGrantTypesAreUnsupported() {
        given().contentType(ContentType.JSON).body(body("grant_type", "password")).post("/oauth/token")
                .then().statusCode(400).body("error", equalTo("unsupported_grant_type"))
                .body("error_description", equalTo("Unsupported grant type: password"));
    }

    @Test
    void missingGrantTypeIsInvalidRequest() {
        given().contentType(ContentType.JSON).body(Map.of("client_id", tenant.clientId)).post("/oauth/token")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void clientWithoutClientCredentialsGrantIsUnauthorizedClient() {
        JsonPath spa = tenant.api().body(Map.of("name", "web app", "app_type", "regular_web",
                "grant_types", java.util.List.of("authorization_code"))).post("/api/v2/clients")
                .then().statusCode(201).extract().jsonPath();
        given().contentType(ContentType.JSON).body(body("client_id", spa.getString("client_id"),
                "client_secret", spa.getString("client_secret"))).post("/oauth/token")
                .then().statusCode(403).body("error", equalTo("unauthorized_client"));
    }

    @Test
    void requestedScopesAreNarrowedToWhatTheClientMayHave() {
        given().contentType(ContentType.JSON).body(body("scope", "read:clients read:connections made:up"))
                .post("/oauth/token").then().statusCode(200).body("scope", equalTo("read:clients read:connections"));
        JsonPath limited = tenant.api().body(Map.of("name", "reader", "app_type", "non_interactive",
                "scopes", java.util.List.of("read:clients"))).post("/api/v2/clients").then().statusCode(201)
                .extract().jsonPath();
        given().contentType(ContentType.JSON).body(body("client_id", limited.getString("client_id"),
                "client_secret", limited.getString("client_secret"))).post("/oauth/token")
                .then().statusCode(200).body("scope", equalTo("read:clients"));
        given().contentType(ContentType.JSON).body(body("client_id", limited.getString("client_id"),
                "client_secret", limited.getString("client_secret"), "scope", "delete:clients")).post("/oauth/token")
                .then().statusCode(403).body("error", equalTo("access_denied"))
                .body("error_description", containsString("delete:clients"));
    }

    @Test
    void audienceMustBeTheManagementApi() {
        given().contentType(ContentType.JSON).body(body("audience", "http://localhost:8080/api/v2/"))
                .post("/oauth/token").then().statusCode(200);
        given().contentType(ContentType.JSON).body(body("audience", "https://elsewhere.example/api/"))
                .post("/oauth/token").then().statusCode(403).body("error", equalTo("access_denied"))
                .body("error_description", equalTo("Service not enabled within domain: https://elsewhere.example/api/"));
    }

    @Test
    void rotatedSecretReplacesTheOldOne() {
        JsonPath client = tenant.api().body(Map.of("name", "rotating", "app_type", "non_interactive"))
                .post("/api/v2/clients").then().statusCode(201).extract().jsonPath();
        String newSecret = tenant.api().post("/api/v2/clients/" + client.getString("client_id") + "/rotate-secret")
                .then().statusCode(200).extract().path("client_secret");
        given().contentType(ContentType.JSON).body(body("client_id", client.getString("client_id"),
                "client_secret", client.getString("client_secret"))).post("/oauth/token").then().statusCode(401);
        given().contentType(ContentType.JSON).body(body("client_id", client.getString("client_id"),
                "client_secret", newSecret)).post("/oauth/token").then().statusCode(200);
    }
}
