package io.connectionhub.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.connectionhub.support.TestTenant;
import io.connectionhub.support.TokenForge;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Every way a bearer token can be wrong, each with its exact status and body. */
@QuarkusTest
class JwtRefusalTest {

    static TestTenant tenant;

    @BeforeEach
    void tenant() {
        if (tenant == null) {
            tenant = TestTenant.create();
        }
    }

    private static ValidatableResponse getClients(String token) {
        return given().auth().oauth2(token).get("/api/v2/clients").then();
    }

    private static void assertInvalidToken(ValidatableResponse response, String message) {
        response.statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("statusCode", equalTo(401))
                .body("error", equalTo("Unauthorized"))
                .body("errorCode", equalTo("invalid_token"))
                .body("message", equalTo(message));
    }

    @Test
    void validTokenIsAccepted() {
        getClients(tenant.token()).statusCode(200);
        getClients(TokenForge.signWithServerKey(TokenForge.claims(tenant.id, "read:clients"))).statusCode(200);
    }

    @Test
    void noToken() {
        assertInvalidToken(given().get("/api/v2/clients").then(), "Missing authentication");
    }

    @Test
    void malformedToken() {
        assertInvalidToken(getClients("not.a.jwt"), "Invalid token");
        assertInvalidToken(getClients("garbage"), "Invalid token");
    }

    @Test
    void expiredToken() {
        Instant past = Instant.now().minusSeconds(3600);
        assertInvalidToken(getClients(TokenForge.signWithServerKey(TokenForge.claims(tenant.id, "read:clients")
                .issuedAt(past.minusSeconds(60)).expiresAt(past))),
                "Expired token received for JSON Web Token validation");
    }

    @Test
    void tokenNotYetValid() {
        assertInvalidToken(getClients(TokenForge.signWithServerKey(TokenForge.claims(tenant.id, "read:clients")
                .expiresAt(Instant.now().plusSeconds(7200))
                .claim("nbf", Instant.now().plusSeconds(3600).getEpochSecond()))), "Token is not valid yet (nbf)");
    }

    @Test
    void tamperedPayload() {
        String valid = tenant.token("read:clients");
        String widened = TokenForge.payloadOf(valid).replace("\"read:clients\"", "\"read:clients delete:clients\"");
        assertInvalidToken(getClients(TokenForge.tamperedPayload(valid, widened)),
                "Invalid signature received for JSON Web Token validation");
    }

    @Test
    void signedByAnotherKey() {
        assertInvalidToken(getClients(TokenForge.signWithForeignKey(TokenForge.claims(tenant.id, "read:clients"))),
                "Invalid signature received for JSON Web Token validation");
    }

    @Test
    void algNone() {
        assertInvalidToken(getClients(TokenForge.unsigned(tenant.id, "read:clients")), "Invalid token");
    }

    @Test
    void wrongAudience() {
        assertInvalidToken(getClients(TokenForge.signWithServerKey(TokenForge.claims(tenant.id, "read:clients")
                .audience("https://other.example/api/"))), "Bad audience");
    }

    @Test
    void wrongIssuer() {
        assertInvalidToken(getClients(TokenForge.signWithServerKey(TokenForge.claims(tenant.id, "read:clients")
                .issuer("https://evil.example/"))), "Bad issuer");
    }

    @Test
    void tokenWithoutTenantIsRefused() {
        assertInvalidToken(getClients(TokenForge.signWithServerKey(TokenForge.claims(tenant.id, "read:clients")
                .remove("tenant_id"))), "Invalid token");
    }

    @Test
    void missingScopeIsInsufficientScope() {
        given().auth().oauth2(tenant.token("read:connections")).get("/api/v2/clients")
                .then().statusCode(403)
                .body("statusCode", equalTo(403))
                .body("error", equalTo("Forbidden"))
                .body("errorCode", equalTo("insufficient_scope"))
                .body("message", equalTo("Insufficient scope, expected any of: read:clients"));
    }
}
