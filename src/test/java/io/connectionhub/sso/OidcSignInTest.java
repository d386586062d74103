package io.connectionhub.sso;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.connectionhub.oidc.LoopbackIdp;
import io.connectionhub.organization.OrgProfiles;
import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Sign-in through an OIDC connection, wired into the flow: /authorize sends the browser to the IdP (a loopback
 * stand-in that signs with its own keys), /login/callback checks its answer, and the application gets a code it
 * redeems for an id token; a refusal or a failed check reaches the application as access_denied naming it.
 */
@QuarkusTest
@TestProfile(OrgProfiles.LoopbackIdp.class)
class OidcSignInTest {

    static final String CALLBACK = SignInFixtures.PUBLIC_URL + "/login/callback";
    static final ObjectMapper JSON = new ObjectMapper();

    static LoopbackIdp idp;
    static TestTenant tenant;

    @BeforeAll
    static void identityProvider() throws Exception {
        idp = new LoopbackIdp();
    }

    @AfterAll
    static void stop() throws Exception {
        idp.close();
    }

    @BeforeEach
    void tenant() {
        if (tenant == null) {
            tenant = TestTenant.create();
        }
    }

    /** An OIDC connection at the stand-in, enabled for the application; its name. */
    static String oidcConnection(SignInFixtures.App app) {
        String name = SignInFixtures.unique("oidc");
        tenant.api().body(Map.of("name", name, "strategy", "oidc", "enabled_clients", List.of(app.clientId()),
                "options", Map.of("issuer", idp.base, "client_id", LoopbackIdp.CLIENT_ID, "client_secret",
                        LoopbackIdp.CLIENT_SECRET, "scope", "openid profile email")))
                .post("/api/v2/connections").then().statusCode(201);
        return name;
    }

    /** The application's authorization request and the one the service sent on to the IdP. */
    record Started(Map<String, String> app, Map<String, String> upstream, String verifier) {
    }

    static Started start(SignInFixtures.App app, String connection) {
        String verifier = SignInFixtures.verifier();
        Map<String, String> parameters = SignInFixtures.authorizeParameters(app);
        parameters.put("connection", connection);
        parameters.put("code_challenge", SignInFixtures.challenge(verifier));
        parameters.put("code_challenge_method", "S256");
        Response toIdp = given().redirects().follow(false).queryParams(parameters).get("/authorize");
        assertEquals(302, toIdp.statusCode(), toIdp.asString());
        String location = toIdp.header("Location");
        assertThat(location, startsWith(idp.base + "/authorize?"));
        return new Started(parameters, SignInFixtures.query(location), verifier);
    }

    static Response callback(Map<String, String> query) {
        return given().redirects().follow(false).queryParams(query).get("/login/callback");
    }

    @Test
    void aUserSignsInAtTheIdpAndTheApplicationRedeemsTheCode() throws Exception {
        SignInFixtures.App app = SignInFixtures.webApp(tenant);
        String connection = oidcConnection(app);
        Started started = start(app, connection);
        assertEquals(CALLBACK, started.upstream().get("redirect_uri"));
        assertEquals("S256", started.upstream().get("code_challenge_method"));
        idp.issue("idp-code-1", started.upstream().get("code_challenge"), CALLBACK,
                idp.sign(idp.claims(started.upstream().get("nonce")).build()));

        Response back = callback(Map.of("code", "idp-code-1", "state", started.upstream().get("state")));

        assertEquals(303, back.statusCode(), back.asString());
        assertThat(back.header("Location"), startsWith(app.callback() + "?"));
        Map<String, String> answer = SignInFixtures.query(back.header("Location"));
        assertEquals(started.app().get("state"), answer.get("state"));
        assertEquals(SignInFixtures.ISSUER, answer.get("iss"));
        Response tokens = given().contentType(ContentType.URLENC).formParams(Map.of("grant_type", "authorization_code",
                "code", answer.get("code"), "redirect_uri", app.callback(), "client_id", app.clientId(),
                "client_secret", app.clientSecret(), "code_verifier", started.verifier())).post("/oauth/token");
        assertEquals(200, tokens.statusCode(), tokens.asString());
        String idToken = tokens.jsonPath().getString("id_token");
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(idToken.split("\\.")[1]));
        assertEquals("oidc|" + connection + "|user-123", claims.path("sub").asText());
        assertEquals("alice@acme.test", claims.path("email").asText());
        assertEquals(started.app().get("nonce"), claims.path("nonce").asText());

        // The same answer again: the request is used, so an error page and no second code.
        Response replay = callback(Map.of("code", "idp-code-1", "state", started.upstream().get("state")));
        assertEquals(400, replay.statusCode());
        assertThat(replay.contentType(), startsWith("text/html"));
    }

    @Test
    void anIdpRefusalReachesTheApplicationAsAccessDeniedWithItsDescription() {
        SignInFixtures.App app = SignInFixtures.webApp(tenant);
        Started started = start(app, oidcConnection(app));

        Response back = callback(Map.of("error", "access_denied", "error_description", "The user cancelled",
                "state", started.upstream().get("state")));

        assertEquals(303, back.statusCode(), back.asString());
        Map<String, String> answer = SignInFixtures.query(back.header("Location"));
        assertEquals("access_denied", answer.get("error"));
        assertEquals("The IdP refused the sign-in: access_denied (The user cancelled)", answer.get("error_description"));
        assertEquals(started.app().get("state"), answer.get("state"));
        assertEquals(SignInFixtures.ISSUER, answer.get("iss"));
    }

    @Test
    void anIdTokenFailingACheckReachesTheApplicationAsAccessDeniedNamingTheCheck() {
        SignInFixtures.App app = SignInFixtures.webApp(tenant);
        Started started = start(app, oidcConnection(app));
        idp.issue("idp-code-aud", started.upstream().get("code_challenge"), CALLBACK,
                idp.sign(idp.claims(started.upstream().get("nonce")).audience("someone-else").build()));

        Response back = callback(Map.of("code", "idp-code-aud", "state", started.upstream().get("state")));

        assertEquals(303, back.statusCode(), back.asString());
        Map<String, String> answer = SignInFixtures.query(back.header("Location"));
        assertEquals("access_denied", answer.get("error"));
        assertEquals("ID token audience mismatch: expected \"hub-client\", got [someone-else]",
                answer.get("error_description"));
        assertNotNull(answer.get("state"));
    }

    @Test
    void anUnknownStateGetsAnErrorPageNeverARedirect() {
        Response page = callback(Map.of("code", "whatever", "state", "not-a-request-of-ours"));

        assertEquals(400, page.statusCode());
        assertThat(page.contentType(), startsWith("text/html"));
        assertThat(new String(page.asByteArray(), StandardCharsets.UTF_8), containsString("expired"));
    }
}
