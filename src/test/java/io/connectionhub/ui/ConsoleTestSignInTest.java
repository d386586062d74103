package io.connectionhub.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.connectionhub.oidc.LoopbackIdp;
import io.connectionhub.organization.OrgProfiles;
import io.connectionhub.sso.ExpiredSignInState;
import io.connectionhub.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * "Test sign-in" on a connection's page: the real flow through the connection (the password form of a database
 * connection, a loopback OIDC IdP), back to a console page of the member who started it with the mapped profile or the
 * failure; the result is shown once, to that member only, until it expires.
 */
@QuarkusTest
@TestProfile(OrgProfiles.LoopbackIdp.class)
class ConsoleTestSignInTest {

    static final String PASSWORD = "correct horse battery staple";
    /** The OIDC connections' redirect URI at their IdP: the service's public URL (the test port differs). */
    static final String CALLBACK = "http://localhost:8080/login/callback";

    static LoopbackIdp idp;

    @Inject
    ExpiredSignInState purge;

    @BeforeAll
    static void identityProvider() throws Exception {
        idp = new LoopbackIdp();
    }

    @AfterAll
    static void stop() throws Exception {
        idp.close();
    }

    @Test
    void aDatabaseConnectionIsTestedThroughItsPasswordFormAndTheProfileShownOnce() {
        Console console = Console.signedIn();
        String name = unique("db");
        String connectionId = databaseConnection(console, name);
        String email = unique("ada") + "@example.com";
        String userId = user(console, name, email);
        Element button = console.page("/ui/connections/" + connectionId)
                .selectFirst("form[action=/ui/connections/" + connectionId + "/test] button");
        assertNotNull(button);
        assertEquals("Test sign-in", button.text());

        Response started = console.form().post("/ui/connections/" + connectionId + "/test");
        assertEquals(303, started.statusCode(), started.asString());
        String passwordPage = local(started.header("Location"));
        assertTrue(passwordPage.startsWith("/u/login/password?state="), passwordPage);
        Response form = console.request().get(passwordPage);
        form.then().statusCode(200).body(containsString("a test sign-in of Connection Hub"));
        Response signedIn = fill(console, form, Map.of("email", email, "password", PASSWORD));
        assertEquals(303, signedIn.statusCode(), signedIn.asString());
        String resultPage = local(signedIn.header("Location"));
        assertTrue(resultPage.startsWith("/ui/connections/" + connectionId + "/test/"), resultPage);

        Document result = console.page(resultPage);
        assertEquals(userId, result.getElementById("test-user-id").text());
        assertEquals(email, result.getElementById("test-email").text());
        assertEquals("Ada Lovelace", result.getElementById("test-name").text());
        Map<String, String> claims = claims(result);
        assertEquals(userId, claims.get("sub"));
        assertEquals(email, claims.get("email"));
        assertEquals(name, claims.get("connection"));
        assertEquals("auth0", claims.get("connection_strategy"));
        assertNull(claims.get("nonce"));
        // shown once
        console.request().get(resultPage).then().statusCode(404).contentType(startsWith("text/html"));
        // the sign-in is logged as a test, without an application, and the user's login counted
        given().auth().oauth2(console.tenant.token()).queryParam("q", "connection_id:\"" + connectionId + "\"")
                .get("/api/v2/logs").then().statusCode(200).body("size()", equalTo(1))
                .body("[0].type", equalTo("s")).body("[0].user_id", equalTo(userId))
                .body("[0].description", equalTo("Successful login (test sign-in from the console)"))
                .body("[0].client_id", equalTo(null));
        console.tenant.api().get("/api/v2/users/" + userId).then().statusCode(200).body("logins_count", equalTo(1));
        assertTrue(console.page("/ui/connections/" + connectionId).text()
                .contains("Successful login (test sign-in from the console)"));
    }

    @Test
    void aBlockedUserIsAFailureShownWithItsReason() {
        Console console = Console.signedIn();
        String name = unique("db");
        String connectionId = databaseConnection(console, name);
        String email = unique("bob") + "@example.com";
        String userId = console.tenant.api().body(Map.of("connection", name, "email", email, "password", PASSWORD,
                "blocked", true)).post("/api/v2/users").then().statusCode(201).extract().path("user_id");

        Response started = console.form().post("/ui/connections/" + connectionId + "/test");
        Response form = console.request().get(local(started.header("Location")));
        Response signedIn = fill(console, form, Map.of("email", email, "password", PASSWORD));
        assertEquals(303, signedIn.statusCode(), signedIn.asString());

        Document result = console.page(local(signedIn.header("Location")));
        assertEquals("The user " + userId + " is blocked", result.getElementById("test-failure").text());
        assertNull(result.getElementById("test-claims"));
        given().auth().oauth2(console.tenant.token()).queryParam("q", "connection_id:\"" + connectionId + "\"")
                .get("/api/v2/logs").then().statusCode(200).body("size()", equalTo(1)).body("[0].type", equalTo("f"))
                .body("[0].description", equalTo("The user " + userId + " is blocked (test sign-in from the console)"));
    }

    @Test
    void anOidcConnectionIsTestedAtItsIdpAndTheMappedProfileShown() {
        Console console = Console.signedIn();
        String name = unique("oidc");
        String connectionId = oidcConnection(console, name);
        Map<String, String> upstream = startAtIdp(console, connectionId);
        assertEquals("login", upstream.get("prompt"));
        assertEquals(CALLBACK, upstream.get("redirect_uri"));
        idp.issue("test-code-" + name, upstream.get("code_challenge"), CALLBACK,
                idp.sign(idp.claims(upstream.get("nonce")).build()));

        Response back = given().redirects().follow(false)
                .queryParams(Map.of("code", "test-code-" + name, "state", upstream.get("state"))).get("/login/callback");

        assertEquals(303, back.statusCode(), back.asString());
        String resultPage = local(back.header("Location"));
        assertTrue(resultPage.startsWith("/ui/connections/" + connectionId + "/test/"), resultPage);
        Document result = console.page(resultPage);
        assertEquals("oidc|" + name + "|user-123", result.getElementById("test-user-id").text());
        assertEquals("alice@acme.test", result.getElementById("test-email").text());
        assertEquals("Alice Liddell", result.getElementById("test-name").text());
        assertEquals("engineering, admins", result.getElementById("test-groups").text());
        Map<String, String> claims = claims(result);
        assertEquals("[\"engineering\",\"admins\"]", claims.get("groups"));
        assertEquals("oidc", claims.get("connection_strategy"));
        // the user was created in the connection, as Auth0's "Try" does
        console.tenant.api().get("/api/v2/users/oidc|" + name + "|user-123").then().statusCode(200)
                .body("email", equalTo("alice@acme.test"));
    }

    @Test
    void anIdpRefusalIsShownAsTheFailure() {
        Console console = Console.signedIn();
        String connectionId = oidcConnection(console, unique("oidc"));
        Map<String, String> upstream = startAtIdp(console, connectionId);

        Response back = given().redirects().follow(false).queryParams(Map.of("error", "access_denied",
                "error_description", "The user cancelled", "state", upstream.get("state"))).get("/login/callback");

        assertEquals(303, back.statusCode(), back.asString());
        Document result = console.page(local(back.header("Location")));
        assertEquals("The IdP refused the sign-in: access_denied (The user cancelled)",
                result.getElementById("test-failure").text());
        assertTrue(result.getElementById("test-outcome").hasAttr("role"));
    }

    @Test
    void theButtonNeedsItsCsrfTokenAndTheTenantsOwnConnection() {
        Console console = Console.signedIn();
        String connectionId = databaseConnection(console, unique("db"));
        console.request().post("/ui/connections/" + connectionId + "/test").then().statusCode(403)
                .contentType(startsWith("text/html"));
        Console other = Console.signedIn();
        other.form().post("/ui/connections/" + connectionId + "/test").then().statusCode(404)
                .contentType(startsWith("text/html"));
        other.form().post("/ui/connections/con_doesnotexist/test").then().statusCode(404);
        given().redirects().follow(false).post("/ui/connections/" + connectionId + "/test").then().statusCode(303)
                .header("Location", containsString("/ui/login"));
        // a strategy the service cannot sign in through has no button, and is refused
        String google = console.tenant.api().body(Map.of("name", unique("google"), "strategy", "google-oauth2"))
                .post("/api/v2/connections").then().statusCode(201).extract().path("id");
        assertNull(console.page("/ui/connections/" + google).selectFirst("form[action$=/test]"));
        console.form().post("/ui/connections/" + google + "/test").then().statusCode(409)
                .body(containsString("cannot be tested"));
    }

    @Test
    void aResultIsOnlyForTheMemberWhoRanItAndOnlyUntilItExpires() {
        Console console = Console.signedIn();
        String name = unique("db");
        String connectionId = databaseConnection(console, name);
        String email = unique("eve") + "@example.com";
        user(console, name, email);
        String first = resultOfPasswordTest(console, connectionId, email);

        // another tenant, another member of the same tenant, the path of another connection: none of them sees it
        Console stranger = Console.signedIn();
        stranger.request().get(first).then().statusCode(404);
        String colleagueEmail = "colleague-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Console.createMember(console.tenant.id, colleagueEmail, Console.PASSWORD);
        Console colleague = Console.signedIn(console.tenant);
        colleague.request().get(first).then().statusCode(404);
        String otherConnection = databaseConnection(console, unique("db"));
        console.request().get(first.replace(connectionId, otherConnection)).then().statusCode(404);
        console.request().get("/ui/connections/" + connectionId + "/test/not-a-result").then().statusCode(404);
        console.request().get("/ui/connections/" + connectionId + "/test/" + "x".repeat(300)).then().statusCode(404);

        String second = resultOfPasswordTest(console, connectionId, email);
        String resultId = second.substring(second.lastIndexOf('/') + 1);
        TestDatabase.query("UPDATE test_sign_in_results SET expires_at = now() - interval '1 second' WHERE id = ?",
                resultId);
        console.request().get(second).then().statusCode(410).contentType(startsWith("text/html"))
                .body(containsString("expired"));
        String unread = resultOfPasswordTest(console, connectionId, email);
        String unreadId = unread.substring(unread.lastIndexOf('/') + 1);
        TestDatabase.query("UPDATE test_sign_in_results SET expires_at = now() - interval '1 second' WHERE id = ?",
                unreadId);
        purge.purgeExpired().await().atMost(Duration.ofSeconds(30));
        assertEquals(0L, TestDatabase.count("SELECT count(*) FROM test_sign_in_results WHERE id = ?", unreadId));
        // the result is stored sealed
        String third = resultOfPasswordTest(console, connectionId, email);
        String sealed = (String) TestDatabase.single("SELECT result_sealed FROM test_sign_in_results WHERE id = ?",
                third.substring(third.lastIndexOf('/') + 1)).get("result_sealed");
        assertTrue(!sealed.contains(email), sealed);
        console.request().get(third).then().statusCode(200).body(containsString(email));
    }

    // ---

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String databaseConnection(Console console, String name) {
        return console.tenant.api().body(Map.of("name", name, "strategy", "auth0")).post("/api/v2/connections").then()
                .statusCode(201).extract().path("id");
    }

    /** An OIDC connection at the loopback IdP, enabled for no application (a test needs none). */
    static String oidcConnection(Console console, String name) {
        return console.tenant.api().body(Map.of("name", name, "strategy", "oidc", "options", Map.of("issuer", idp.base,
                "client_id", LoopbackIdp.CLIENT_ID, "client_secret", LoopbackIdp.CLIENT_SECRET, "scope",
                "openid profile email"))).post("/api/v2/connections").then().statusCode(201).extract().path("id");
    }

    static String user(Console console, String connection, String email) {
        return console.tenant.api().body(Map.of("connection", connection, "email", email, "password", PASSWORD,
                "given_name", "Ada", "family_name", "Lovelace")).post("/api/v2/users").then().statusCode(201)
                .extract().path("user_id");
    }

    /** Presses Test sign-in; the authorization request the service sent to the IdP. */
    static Map<String, String> startAtIdp(Console console, String connectionId) {
        Response started = console.form().post("/ui/connections/" + connectionId + "/test");
        assertEquals(303, started.statusCode(), started.asString());
        String location = started.header("Location");
        assertTrue(location.startsWith(idp.base + "/authorize?"), location);
        return query(location);
    }

    /** A whole test through the password form; the path of its result page. */
    static String resultOfPasswordTest(Console console, String connectionId, String email) {
        Response started = console.form().post("/ui/connections/" + connectionId + "/test");
        Response form = console.request().get(local(started.header("Location")));
        Response signedIn = fill(console, form, Map.of("email", email, "password", PASSWORD));
        assertEquals(303, signedIn.statusCode(), signedIn.asString());
        return local(signedIn.header("Location"));
    }

    /** Posts the page's form with its hidden fields (CSRF token, state) and these. */
    static Response fill(Console console, Response page, Map<String, String> fields) {
        Element form = Jsoup.parse(page.asString()).selectFirst("form");
        Map<String, String> values = new LinkedHashMap<>();
        for (Element input : form.select("input[type=hidden]")) {
            values.put(input.attr("name"), input.attr("value"));
        }
        values.putAll(fields);
        return console.request().formParams(values).post(form.attr("action"));
    }

    static Map<String, String> claims(Document page) {
        Map<String, String> claims = new LinkedHashMap<>();
        for (Element row : page.select("#test-claims tbody tr")) {
            claims.put(row.selectFirst("th").text(), row.selectFirst("td").text());
        }
        return claims;
    }

    /** A redirect's target as a path on the service under test (its public URL differs from the test port). */
    static String local(String location) {
        URI uri = URI.create(location);
        return uri.getHost() == null ? location
                : uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    static Map<String, String> query(String url) {
        Map<String, String> values = new LinkedHashMap<>();
        String raw = URI.create(url).getRawQuery();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
