package io.connectionhub.sso;

import static io.connectionhub.sso.SignInFixtures.authorizeParameters;
import static io.connectionhub.sso.SignInFixtures.redeem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.connectionhub.auth.SecretDigest;
import io.connectionhub.support.TestDatabase;
import io.connectionhub.support.TestTenant;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;

/** {@code POST /oauth/token} with an authorization code, and {@code /userinfo}. */
@QuarkusTest
class CodeExchangeTest {

    static final String PASSWORD = "a long enough password";
    static TestTenant tenant;
    static SignInFixtures.App app;
    static SignInFixtures.App spa;
    static String database;
    static String email;
    static String userId;

    @BeforeEach
    void setUp() {
        if (tenant != null) {
            return;
        }
        tenant = TestTenant.create();
        app = SignInFixtures.webApp(tenant);
        spa = SignInFixtures.spa(tenant);
        database = SignInFixtures.databaseConnection(tenant, app, spa);
        email = SignInFixtures.email();
        userId = SignInFixtures.user(tenant, database, email, PASSWORD);
    }

    private String code(SignInFixtures.App client, Map<String, String> parameters) {
        parameters.put("connection", database);
        return new SignInFixtures.Browser().codeThroughPassword(parameters, email, PASSWORD);
    }

    @Test
    void codeGivesAnIdTokenAndAUserinfoToken() {
        SignInFixtures.App app = SignInFixtures.webApp(tenant);
        SignInFixtures.enable(tenant, database, app);
        Map<String, String> parameters = authorizeParameters(app);
        String code = code(app, parameters);
        Response tokens = redeem(app, code, null);
        tokens.then().statusCode(200).header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer")).body("expires_in", equalTo(86400))
                .body("scope", equalTo("openid profile email")).body("access_token", notNullValue())
                .body("id_token", notNullValue());
        JsonPath id = payload(tokens.path("id_token"));
        assertEquals(SignInFixtures.ISSUER, id.getString("iss"));
        assertEquals(userId, id.getString("sub"));
        assertEquals(app.clientId(), id.getString("aud"));
        assertEquals(parameters.get("nonce"), id.getString("nonce"));
        assertEquals(email, id.getString("email"));
        assertEquals(false, id.getBoolean("email_verified"));
        assertEquals("Ada", id.getString("given_name"));
        assertEquals("Lovelace", id.getString("family_name"));
        assertEquals("Ada Lovelace", id.getString("name"));
        assertEquals(database, id.getString("connection"));
        assertEquals("auth0", id.getString("connection_strategy"));
        assertTrue(id.getLong("exp") > id.getLong("iat"));
        assertTrue(id.getLong("auth_time") > 0);
        assertEquals("JWT", header(tokens.path("id_token")).getString("typ"));
        assertEquals("RS256", header(tokens.path("id_token")).getString("alg"));
        // Opaque, as Auth0's access token without an API audience; the id token binds it with at_hash.
        String accessToken = tokens.path("access_token");
        assertTrue(accessToken.matches("[A-Za-z0-9_-]{43}"), accessToken);
        assertEquals(atHash(accessToken), id.getString("at_hash"));

        given().auth().oauth2(tokens.path("access_token")).get("/userinfo").then().statusCode(200)
                .body("sub", equalTo(userId)).body("email", equalTo(email)).body("given_name", equalTo("Ada"))
                .body("connection", equalTo(database)).body("nonce", nullValue()).body("auth_time", nullValue());
        given().contentType(ContentType.URLENC).formParam("access_token", (String) tokens.path("access_token"))
                .post("/userinfo").then().statusCode(200).body("sub", equalTo(userId));
        logs("type:seacft AND client_id:" + app.clientId()).then().body("size()", equalTo(1))
                .body("[0].user_id", equalTo(userId));
    }

    @Test
    void scopeDecidesTheClaims() {
        Map<String, String> parameters = authorizeParameters(app);
        parameters.put("scope", "openid");
        Response tokens = redeem(app, code(app, parameters), null);
        tokens.then().statusCode(200).body("scope", equalTo("openid"));
        JsonPath id = payload(tokens.path("id_token"));
        assertNull(id.getString("email"));
        assertNull(id.getString("name"));
        given().auth().oauth2(tokens.path("access_token")).get("/userinfo").then().statusCode(200)
                .body("sub", equalTo(userId)).body("email", nullValue());
    }

    @Test
    void basicCredentialsWorkAndJsonBodiesToo() {
        String code = code(app, authorizeParameters(app));
        given().auth().preemptive().basic(app.clientId(), app.clientSecret()).contentType(ContentType.URLENC)
                .formParam("grant_type", "authorization_code").formParam("code", code)
                .formParam("redirect_uri", app.callback()).post("/oauth/token").then().statusCode(200);
        String another = code(app, authorizeParameters(app));
        given().contentType(ContentType.JSON).body(Map.of("grant_type", "authorization_code", "client_id", app.clientId(),
                "client_secret", app.clientSecret(), "code", another, "redirect_uri", app.callback()))
                .post("/oauth/token").then().statusCode(200).body("id_token", notNullValue());
    }

    @Test
    void reusedCodeIsRefusedAndRevokesWhatItGave() {
        String code = code(app, authorizeParameters(app));
        String accessToken = redeem(app, code, null).then().statusCode(200).extract().path("access_token");
        given().auth().oauth2(accessToken).get("/userinfo").then().statusCode(200);
        oauthError(redeem(app, code, null), 400, "invalid_grant").body("error_description", containsString("already used"));
        given().auth().oauth2(accessToken).get("/userinfo").then().statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""));
        logs("type:feacft AND client_id:" + app.clientId()).then()
                .body("description", hasItem(containsString("already used")));
    }

    @Test
    void redirectUriMustBeTheOneOfTheRequest() {
        String code = code(app, authorizeParameters(app));
        oauthError(given().contentType(ContentType.URLENC).formParam("grant_type", "authorization_code")
                .formParam("client_id", app.clientId()).formParam("client_secret", app.clientSecret())
                .formParam("code", code).formParam("redirect_uri", app.callback() + "/other").post("/oauth/token"),
                400, "invalid_grant");
    }

    @Test
    void publicClientNeedsTheRightVerifier() {
        String verifier = SignInFixtures.verifier();
        Map<String, String> parameters = authorizeParameters(spa);
        parameters.put("code_challenge", SignInFixtures.challenge(verifier));
        parameters.put("code_challenge_method", "S256");
        String code = code(spa, parameters);
        oauthError(redeem(spa, code, null), 400, "invalid_request");
        oauthError(redeem(spa, code, SignInFixtures.verifier()), 400, "invalid_grant");
        // The wrong verifier burnt the code: even the right one cannot use it now.
        oauthError(redeem(spa, code, verifier), 400, "invalid_grant");

        Map<String, String> again = authorizeParameters(spa);
        again.put("code_challenge", SignInFixtures.challenge(verifier));
        again.put("code_challenge_method", "S256");
        redeem(spa, code(spa, again), verifier).then().statusCode(200).body("id_token", notNullValue());
    }

    @Test
    void confidentialClientThatSentAChallengeMustSendTheVerifier() {
        String verifier = SignInFixtures.verifier();
        Map<String, String> parameters = authorizeParameters(app);
        parameters.put("code_challenge", SignInFixtures.challenge(verifier));
        parameters.put("code_challenge_method", "S256");
        oauthError(redeem(app, code(app, parameters), null), 400, "invalid_grant");
        // A verifier for a code that had no challenge is refused too (no PKCE downgrade).
        oauthError(redeem(app, code(app, authorizeParameters(app)), verifier), 400, "invalid_grant");
    }

    @Test
    void anotherClientsCodeIsRefusedAndStaysUsable() {
        SignInFixtures.App other = SignInFixtures.webApp(tenant);
        String code = code(app, authorizeParameters(app));
        oauthError(given().contentType(ContentType.URLENC).formParam("grant_type", "authorization_code")
                .formParam("client_id", other.clientId()).formParam("client_secret", other.clientSecret())
                .formParam("code", code).formParam("redirect_uri", app.callback()).post("/oauth/token"),
                400, "invalid_grant");
        redeem(app, code, null).then().statusCode(200);
    }

    @Test
    void expiredCodeIsRefused() {
        String code = code(app, authorizeParameters(app));
        TestDatabase.query("UPDATE authorization_codes SET expires_at = now() - interval '1 second' WHERE code_hash = ?",
                SecretDigest.of(code));
        oauthError(redeem(app, code, null), 400, "invalid_grant");
    }

    @Test
    void clientMustAuthenticate() {
        String code = code(app, authorizeParameters(app));
        oauthError(given().contentType(ContentType.URLENC).formParam("grant_type", "authorization_code")
                .formParam("client_id", app.clientId()).formParam("client_secret", "wrong-secret")
                .formParam("code", code).formParam("redirect_uri", app.callback()).post("/oauth/token"),
                401, "invalid_client");
        oauthError(given().contentType(ContentType.URLENC).formParam("grant_type", "authorization_code")
                .formParam("client_id", app.clientId()).formParam("code", code)
                .formParam("redirect_uri", app.callback()).post("/oauth/token"), 401, "invalid_client");
        oauthError(given().contentType(ContentType.URLENC).formParam("grant_type", "authorization_code")
                .formParam("client_id", "unknown-client").formParam("client_secret", "x")
                .formParam("code", code).formParam("redirect_uri", app.callback()).post("/oauth/token"),
                401, "invalid_client");
        // Failed client authentication did not use the code.
        redeem(app, code, null).then().statusCode(200);
    }

    @Test
    void missingParametersAreInvalidRequest() {
        oauthError(given().contentType(ContentType.URLENC).formParam("grant_type", "authorization_code")
                .formParam("client_id", app.clientId()).formParam("client_secret", app.clientSecret())
                .formParam("redirect_uri", app.callback()).post("/oauth/token"), 400, "invalid_request");
        oauthError(given().contentType(ContentType.URLENC).formParam("grant_type", "authorization_code")
                .formParam("client_id", app.clientId()).formParam("client_secret", app.clientSecret())
                .formParam("code", "x").post("/oauth/token"), 400, "invalid_request");
        oauthError(given().contentType(ContentType.URLENC).formParam("grant_type", "authorization_code")
                .formParam("client_id", app.clientId()).formParam("client_secret", app.clientSecret())
                .formParam("code", "bad\u0000code").formParam("redirect_uri", app.callback()).post("/oauth/token"),
                400, "invalid_request");
        oauthError(given().contentType(ContentType.URLENC).formParam("grant_type", "authorization_code")
                .formParam("client_id", app.clientId()).formParam("client_secret", app.clientSecret())
                .formParam("code", "no-such-code").formParam("redirect_uri", app.callback()).post("/oauth/token"),
                400, "invalid_grant");
    }

    @Test
    void clientWithoutTheCodeGrantIsUnauthorizedClient() {
        SignInFixtures.App machine = SignInFixtures.app(tenant, "regular_web", List.of("client_credentials"));
        oauthError(given().contentType(ContentType.URLENC).formParam("grant_type", "authorization_code")
                .formParam("client_id", machine.clientId()).formParam("client_secret", machine.clientSecret())
                .formParam("code", "whatever").formParam("redirect_uri", machine.callback()).post("/oauth/token"),
                403, "unauthorized_client");
    }

    @Test
    void sameCodeRedeemedTwiceAtOnceGivesOneSuccess() throws Exception {
        for (int round = 0; round < 3; round++) {
            String code = code(app, authorizeParameters(app));
            int count = 6;
            ExecutorService pool = Executors.newFixedThreadPool(count);
            CountDownLatch go = new CountDownLatch(1);
            try {
                List<Future<Integer>> statuses = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    statuses.add(pool.submit(() -> {
                        go.await();
                        return redeem(app, code, null).statusCode();
                    }));
                }
                go.countDown();
                List<Integer> seen = new ArrayList<>();
                for (Future<Integer> status : statuses) {
                    seen.add(status.get(60, TimeUnit.SECONDS));
                }
                assertEquals(1, seen.stream().filter(s -> s == 200).count(), seen.toString());
                assertEquals(count - 1, seen.stream().filter(s -> s == 400).count(), seen.toString());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void signInTokensAreNotManagementTokensAndTheOtherWayRound() {
        String accessToken = redeem(app, code(app, authorizeParameters(app)), null).then().statusCode(200)
                .extract().path("access_token");
        given().auth().oauth2(accessToken).get("/api/v2/users").then().statusCode(401)
                .body("errorCode", equalTo("invalid_token"));
        given().auth().oauth2(accessToken).get("/api/v2/connections").then().statusCode(401);
        given().auth().oauth2(tenant.token()).get("/userinfo").then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"));
    }

    @Test
    void userinfoRefusesWhatIsNotOneOfItsTokens() {
        given().get("/userinfo").then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
        given().auth().oauth2("not-a-jwt").get("/userinfo").then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"));
        given().header("Authorization", "Basic Zm9vOmJhcg==").get("/userinfo").then().statusCode(401);
        Response tokens = redeem(app, code(app, authorizeParameters(app)), null);
        String accessToken = tokens.path("access_token");
        given().auth().oauth2(accessToken).get("/userinfo").then().statusCode(200);
        char last = accessToken.charAt(accessToken.length() - 1);
        String changed = accessToken.substring(0, accessToken.length() - 1) + (last == 'A' ? 'B' : 'A');
        given().auth().oauth2(changed).get("/userinfo").then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"));
        given().auth().oauth2((String) tokens.path("id_token")).get("/userinfo").then().statusCode(401);
        given().auth().oauth2("x".repeat(9000)).get("/userinfo").then().statusCode(401);
    }

    @Test
    void expiredAccessTokenIsRefused() {
        String accessToken = redeem(app, code(app, authorizeParameters(app)), null).then().statusCode(200)
                .extract().path("access_token");
        given().auth().oauth2(accessToken).get("/userinfo").then().statusCode(200);
        TestDatabase.query("update authorization_codes set access_token_expires_at = now() - interval '1 second' "
                + "where access_token_id = ?", digest(accessToken));
        given().auth().oauth2(accessToken).get("/userinfo").then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"));
    }

    /** {@code sha256:<hex>}, as the service stores an access token's id: computed here, not by its code. */
    static String digest(String token) {
        try {
            return "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** OIDC Core 3.1.3.6: base64url of the left half of SHA-256 of the access token. */
    static String atHash(String token) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(
                    token.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 16));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static io.restassured.response.ValidatableResponse oauthError(Response response, int status, String error) {
        return response.then().statusCode(status).body("error", equalTo(error))
                .body("error_description", notNullValue());
    }

    static JsonPath payload(String jwt) {
        return new JsonPath(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    static JsonPath header(String jwt) {
        return new JsonPath(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8));
    }

    static Response logs(String q) {
        return given().auth().oauth2(tenant.token()).queryParam("q", q).get("/api/v2/logs").then().statusCode(200)
                .extract().response();
    }
}
