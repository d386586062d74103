package io.connectionhub.sso;

import static io.connectionhub.sso.SignInFixtures.ISSUER;
import static io.connectionhub.sso.SignInFixtures.authorizeParameters;
import static io.connectionhub.sso.SignInFixtures.query;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Discovery, and every refusal of {@code /authorize}: an error page before the redirect URI is trusted, a redirect after. */
@QuarkusTest
class AuthorizeResourceTest {

    static TestTenant tenant;
    static SignInFixtures.App app;
    static SignInFixtures.App spa;
    static String database;

    @BeforeEach
    void setUp() {
        if (tenant != null) {
            return;
        }
        tenant = TestTenant.create();
        app = SignInFixtures.webApp(tenant);
        spa = SignInFixtures.spa(tenant);
        database = SignInFixtures.databaseConnection(tenant, app, spa);
    }

    @Test
    void discoveryDescribesTheProvider() {
        given().get("/.well-known/openid-configuration").then().statusCode(200)
                .body("issuer", equalTo(ISSUER))
                .body("authorization_endpoint", equalTo("http://localhost:8080/authorize"))
                .body("token_endpoint", equalTo("http://localhost:8080/oauth/token"))
                .body("userinfo_endpoint", equalTo("http://localhost:8080/userinfo"))
                .body("jwks_uri", equalTo("http://localhost:8080/.well-known/jwks.json"))
                .body("response_types_supported", equalTo(List.of("code")))
                .body("grant_types_supported", equalTo(List.of("authorization_code", "client_credentials")))
                .body("code_challenge_methods_supported", equalTo(List.of("S256")))
                .body("id_token_signing_alg_values_supported", equalTo(List.of("RS256")))
                .body("subject_types_supported", equalTo(List.of("public")))
                .body("scopes_supported", equalTo(List.of("openid", "profile", "email")))
                .body("claims_supported", hasItem("org_id"))
                .body("token_endpoint_auth_methods_supported",
                        equalTo(List.of("client_secret_basic", "client_secret_post", "none")))
                .body("authorization_response_iss_parameter_supported", equalTo(true));
    }

    @Test
    void unknownClientGetsAnErrorPageAndNoRedirect() {
        Map<String, String> parameters = authorizeParameters(app);
        parameters.put("client_id", "NoSuchClient00000000000000000000");
        errorPage(new SignInFixtures.Browser().authorize(parameters), "not registered");
    }

    @Test
    void missingClientGetsAnErrorPage() {
        Map<String, String> parameters = authorizeParameters(app);
        parameters.remove("client_id");
        errorPage(new SignInFixtures.Browser().authorize(parameters), "client_id is missing");
    }

    @Test
    void unregisteredRedirectUriNeverRedirects() {
        for (String uri : new String[] { "https://evil.example.test/callback", app.callback() + "/",
                app.callback() + "?x=1", app.callback().toUpperCase(), app.callback().replace("https", "http"), "" }) {
            Map<String, String> parameters = authorizeParameters(app);
            parameters.put("redirect_uri", uri);
            errorPage(new SignInFixtures.Browser().authorize(parameters), "callback");
        }
    }

    @Test
    void redirectUriMismatchIsLogged() {
        Map<String, String> parameters = authorizeParameters(app);
        parameters.put("redirect_uri", "https://attacker.example.test/cb");
        new SignInFixtures.Browser().authorize(parameters).then().statusCode(400);
        given().auth().oauth2(tenant.token()).queryParam("q", "type:f AND client_id:" + app.clientId())
                .get("/api/v2/logs").then().statusCode(200)
                .body("description", hasItem(containsString("Callback URL mismatch")));
    }

    @Test
    void errorsRedirectWithStateAndIssuer() {
        Map<String, String> parameters = authorizeParameters(app);
        parameters.put("response_type", "token");
        Map<String, String> error = errorRedirect(parameters, "unsupported_response_type");
        assertEquals(parameters.get("state"), error.get("state"));
        assertEquals(ISSUER, error.get("iss"));
    }

    @Test
    void missingResponseTypeIsInvalidRequest() {
        Map<String, String> parameters = authorizeParameters(app);
        parameters.remove("response_type");
        errorRedirect(parameters, "invalid_request");
    }

    @Test
    void publicClientWithoutPkceIsInvalidRequest() {
        Map<String, String> error = errorRedirect(authorizeParameters(spa), "invalid_request");
        assertTrue(error.get("error_description").contains("PKCE"), error.toString());
    }

    @Test
    void plainPkceIsRefused() {
        Map<String, String> parameters = authorizeParameters(spa);
        parameters.put("code_challenge", SignInFixtures.verifier());
        parameters.put("code_challenge_method", "plain");
        assertTrue(errorRedirect(parameters, "invalid_request").get("error_description").contains("S256"));
        parameters.remove("code_challenge_method");
        assertTrue(errorRedirect(parameters, "invalid_request").get("error_description").contains("plain"));
    }

    @Test
    void malformedChallengeIsRefused() {
        Map<String, String> parameters = authorizeParameters(spa);
        parameters.put("code_challenge", "short");
        parameters.put("code_challenge_method", "S256");
        errorRedirect(parameters, "invalid_request");
    }

    @Test
    void connectionNotEnabledForTheClientIsUnauthorizedClient() {
        SignInFixtures.App other = SignInFixtures.webApp(tenant);
        Map<String, String> parameters = authorizeParameters(other);
        parameters.put("connection", database);
        Map<String, String> error = errorRedirect(parameters, "unauthorized_client");
        assertTrue(error.get("error_description").contains(database), error.toString());
    }

    @Test
    void unknownConnectionIsInvalidRequest() {
        Map<String, String> parameters = authorizeParameters(app);
        parameters.put("connection", "no-such-connection");
        errorRedirect(parameters, "invalid_request");
    }

    @Test
    void anotherTenantsConnectionIsUnknown() {
        TestTenant other = TestTenant.create();
        SignInFixtures.App theirs = SignInFixtures.webApp(other);
        String theirConnection = SignInFixtures.databaseConnection(other, theirs);
        Map<String, String> parameters = authorizeParameters(app);
        parameters.put("connection", theirConnection);
        errorRedirect(parameters, "invalid_request");
    }

    @Test
    void unknownOrganizationIsInvalidRequest() {
        Map<String, String> parameters = authorizeParameters(app);
        parameters.put("organization", "org_nothing");
        errorRedirect(parameters, "invalid_request");
    }

    @Test
    void promptNoneIsLoginRequired() {
        Map<String, String> parameters = authorizeParameters(app);
        parameters.put("prompt", "none");
        errorRedirect(parameters, "login_required");
    }

    @Test
    void repeatedParameterIsInvalidRequest() {
        Response response = new SignInFixtures.Browser().request().queryParams(authorizeParameters(app))
                .queryParam("nonce", "second").get("/authorize");
        response.then().statusCode(302);
        assertEquals("invalid_request", query(response.header("Location")).get("error"));
    }

    @Test
    void scopeWithoutAnyKnownScopeIsInvalidRequest() {
        Map<String, String> parameters = authorizeParameters(app);
        parameters.put("scope", "read:everything");
        errorRedirect(parameters, "invalid_request");
    }

    @Test
    void clientWithoutTheCodeGrantIsUnauthorizedClient() {
        SignInFixtures.App machine = SignInFixtures.app(tenant, "regular_web", List.of("client_credentials"));
        errorRedirect(authorizeParameters(machine), "unauthorized_client");
    }

    @Test
    void badInputGetsAnErrorNeverA500() {
        String huge = "x".repeat(3_000);
        String[][] cases = { { "nonce", "bad\u0000nonce" }, { "nonce", huge }, { "login_hint", "\u0000@x.com" },
                { "connection", "\u0000" }, { "organization", huge }, { "scope", "openid \u0000" },
                { "code_challenge", "\uD800" }, { "prompt", "\u202Elogin" } };
        for (String[] bad : cases) {
            Map<String, String> parameters = authorizeParameters(app);
            parameters.put(bad[0], bad[1]);
            errorRedirect(parameters, "invalid_request");
        }
        Map<String, String> parameters = authorizeParameters(app);
        parameters.put("client_id", "\u0000");
        errorPage(new SignInFixtures.Browser().authorize(parameters), "");
        parameters = authorizeParameters(app);
        parameters.put("client_id", huge);
        errorPage(new SignInFixtures.Browser().authorize(parameters), "");
        parameters = authorizeParameters(app);
        parameters.put("nonce", "x".repeat(20_000));
        new SignInFixtures.Browser().authorize(parameters).then().statusCode(414);
        parameters = authorizeParameters(app);
        parameters.put("state", "\u0000");
        Response refused = new SignInFixtures.Browser().authorize(parameters);
        refused.then().statusCode(302);
        Map<String, String> error = query(refused.header("Location"));
        assertEquals("invalid_request", error.get("error"));
        assertNull(error.get("state"), "a state that cannot be echoed is left out");
    }

    @Test
    void unicodeParametersAreKept() {
        Map<String, String> parameters = authorizeParameters(app);
        parameters.put("state", "état-✓-日本");
        parameters.put("response_type", "id_token");
        Map<String, String> error = errorRedirect(parameters, "unsupported_response_type");
        assertEquals("état-✓-日本", error.get("state"));
    }

    @Test
    void withoutConnectionTheIdentifierPageAsksForTheEmail() {
        Response authorized = new SignInFixtures.Browser().authorize(authorizeParameters(app));
        authorized.then().statusCode(302).header("Location", startsWith("http://localhost:8080/u/login/identifier?state="));
    }

    @Test
    void connectionGoesStraightToThePasswordForm() {
        Map<String, String> parameters = authorizeParameters(app);
        parameters.put("connection", database);
        new SignInFixtures.Browser().authorize(parameters).then().statusCode(302)
                .header("Location", startsWith("http://localhost:8080/u/login/password?state="));
    }

    @Test
    void postedAuthorizationRequestWorksToo() {
        Map<String, String> parameters = authorizeParameters(app);
        parameters.put("connection", database);
        new SignInFixtures.Browser().request().contentType("application/x-www-form-urlencoded").formParams(parameters)
                .post("/authorize").then().statusCode(302)
                .header("Location", startsWith("http://localhost:8080/u/login/password?state="));
    }

    @Test
    void errorPageIsHtmlWithTheSecurityHeaders() {
        Map<String, String> parameters = authorizeParameters(app);
        parameters.put("client_id", "unknown");
        new SignInFixtures.Browser().authorize(parameters).then().statusCode(400)
                .contentType(startsWith("text/html")).header("X-Frame-Options", equalTo("DENY"))
                .header("Location", nullValue()).body(not(containsString("Exception")));
    }

    /** The error redirect's parameters, after checking it goes to the app with the error, the state and iss. */
    static Map<String, String> errorRedirect(Map<String, String> parameters, String error) {
        Response response = new SignInFixtures.Browser().authorize(parameters);
        response.then().statusCode(302);
        String location = response.header("Location");
        assertTrue(location.startsWith(parameters.get("redirect_uri") + "?"), location);
        Map<String, String> query = query(location);
        assertEquals(error, query.get("error"), location);
        assertTrue(query.get("error_description") != null && !query.get("error_description").isBlank(), location);
        assertEquals(ISSUER, query.get("iss"), location);
        String state = parameters.get("state");
        if (state != null && !state.contains("\u0000")) {
            assertEquals(state, query.get("state"), location);
        }
        assertNull(query.get("code"), location);
        return query;
    }

    static void errorPage(Response response, String text) {
        response.then().statusCode(400).contentType(startsWith("text/html")).header("Location", nullValue())
                .body(containsString(text));
    }
}
