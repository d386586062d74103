package io.connectionhub.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.connectionhub.devdb.DevDefaultsConfigSourceFactory;
import io.connectionhub.support.TestTenant;
import io.connectionhub.support.TokenForge;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * After a rotation (a new signing key, the old one as previous-key) both keys are published, new tokens are signed
 * with the new key, and tokens signed with the old one keep working until they expire.
 */
@QuarkusTest
@TestProfile(KeyRotationTest.Rotated.class)
class KeyRotationTest {

    static final String NEW_KEY = DevDefaultsConfigSourceFactory.newSigningKeyPem();

    public static class Rotated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("connectionhub.jwt.signing-key", NEW_KEY,
                    "connectionhub.jwt.previous-key", DevDefaultsConfigSourceFactory.testSigningKey());
        }
    }

    @Test
    void tokensOfTheCurrentAndThePreviousKeyAreBothAccepted() {
        List<String> kids = given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys", hasSize(2)).extract().path("keys.kid");
        assertNotEquals(kids.get(0), kids.get(1));
        TestTenant tenant = TestTenant.create();

        String fresh = tenant.token();
        assertTrue(new String(java.util.Base64.getUrlDecoder().decode(fresh.split("\\.")[0])).contains(kids.get(0)),
                "new tokens carry the current key's kid");
        given().auth().oauth2(fresh).get("/api/v2/clients").then().statusCode(200);

        String old = TokenForge.signWith(TokenForge.claims(tenant.id, "read:clients"),
                DevDefaultsConfigSourceFactory.testSigningKey(), kids.get(1));
        given().auth().oauth2(old).get("/api/v2/clients").then().statusCode(200);

        String unknown = TokenForge.signWith(TokenForge.claims(tenant.id, "read:clients"),
                DevDefaultsConfigSourceFactory.newSigningKeyPem(), kids.get(1));
        given().auth().oauth2(unknown).get("/api/v2/clients").then().statusCode(401)
                .body("errorCode", equalTo("invalid_token"));
    }
}
