package io.connectionhub.sso;

import static io.connectionhub.sso.SignInFixtures.authorizeParameters;
import static io.connectionhub.sso.SignInFixtures.query;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.connectionhub.support.TestDatabase;
import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The password form of database connections: right and wrong credentials, brute force, CSRF, bad input. */
@QuarkusTest
class PasswordLoginTest {

    static final String PASSWORD = "correct horse battery staple";
    static TestTenant tenant;
    static SignInFixtures.App app;
    static String database;

    @BeforeEach
    void setUp() {
        if (tenant != null) {
            return;
        }
        tenant = TestTenant.create();
        app = SignInFixtures.webApp(tenant);
        database = SignInFixtures.databaseConnection(tenant, app);
    }

    @Test
    void rightPasswordSendsTheApplicationACode() {
        String email = SignInFixtures.email();
        SignInFixtures.user(tenant, database, email, PASSWORD);
        Map<String, String> parameters = authorizeParameters(app);
        SignInFixtures.Browser browser = new SignInFixtures.Browser();
        Response page = passwordPage(browser, parameters);
        Response signedIn = browser.fill(page, Map.of("email", email, "password", PASSWORD));
        signedIn.then().statusCode(303);
        Map<String, String> callback = query(signedIn.header("Location"));
        assertTrue(signedIn.header("Location").startsWith(app.callback() + "?"));
        assertNotNull(callback.get("code"));
        assertEquals(parameters.get("state"), callback.get("state"));
        assertEquals(SignInFixtures.ISSUER, callback.get("iss"));
        logs("type:s AND user_name:" + email).then().body("size()", equalTo(1))
                .body("[0].connection", equalTo(database)).body("[0].client_id", equalTo(app.clientId()))
                .body("[0].client_name", equalTo(app.name())).body("[0].strategy_type", equalTo("database"));
    }

    @Test
    void identifierFirstRoutesToTheDatabaseConnection() {
        String email = SignInFixtures.email();
        SignInFixtures.user(tenant, database, email, PASSWORD);
        Map<String, String> parameters = authorizeParameters(app);
        String code = new SignInFixtures.Browser().codeThroughPassword(parameters, email, PASSWORD);
        SignInFixtures.redeem(app, code, null).then().statusCode(200);
    }

    @Test
    void loginHintPrefillsThePasswordForm() {
        String email = SignInFixtures.email();
        Map<String, String> parameters = authorizeParameters(app);
        parameters.put("login_hint", email);
        SignInFixtures.Browser browser = new SignInFixtures.Browser();
        Response authorized = browser.authorize(parameters);
        authorized.then().statusCode(302).header("Location", startsWith("http://localhost:8080/u/login/password"));
        Response page = browser.open(authorized.header("Location"));
        assertEquals(email, Jsoup.parse(page.asString()).selectFirst("input[name=email]").attr("value"));
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        String email = SignInFixtures.email();
        SignInFixtures.user(tenant, database, email, PASSWORD);
        String unknown = SignInFixtures.email();
        SignInFixtures.Browser browser = new SignInFixtures.Browser();
        Response page = passwordPage(browser, authorizeParameters(app));
        Response wrong = browser.fill(page, Map.of("email", email, "password", "not the password"));
        Response nobody = browser.fill(page, Map.of("email", unknown, "password", "not the password"));
        wrong.then().statusCode(400).body(containsString(PasswordLogin.WRONG));
        nobody.then().statusCode(400).body(containsString(PasswordLogin.WRONG));
        assertEquals(alert(wrong), alert(nobody));
        logs("type:fp AND user_name:" + email).then().body("size()", equalTo(1))
                .body("[0].description", equalTo(PasswordLogin.WRONG));
        logs("type:fu AND user_name:" + unknown).then().body("size()", equalTo(1));
    }

    @Test
    void tenFailuresBlockThePairAndTheRightPasswordToo() {
        String email = SignInFixtures.email();
        SignInFixtures.user(tenant, database, email, PASSWORD);
        SignInFixtures.Browser browser = new SignInFixtures.Browser();
        Response page = passwordPage(browser, authorizeParameters(app));
        for (int i = 0; i < 10; i++) {
            browser.fill(page, Map.of("email", email, "password", "guess " + i)).then().statusCode(400);
        }
        Response blocked = browser.fill(page, Map.of("email", email.toUpperCase(), "password", PASSWORD));
        blocked.then().statusCode(429).body(containsString("blocked"));
        logs("type:limit_wc AND user_name:" + email.toUpperCase()).then().body("size()", equalTo(1))
                .body("[0].description", containsString("brute-force"));
        // Another user from the same address is not blocked.
        String other = SignInFixtures.email();
        SignInFixtures.user(tenant, database, other, PASSWORD);
        browser.fill(passwordPage(browser, authorizeParameters(app)), Map.of("email", other, "password", PASSWORD))
                .then().statusCode(303);
        // Once the block has passed, the right password works again.
        TestDatabase.query("UPDATE login_attempts SET blocked_until = now() - interval '1 second' WHERE subject = ?",
                email.toLowerCase());
        browser.fill(passwordPage(browser, authorizeParameters(app)), Map.of("email", email, "password", PASSWORD))
                .then().statusCode(303);
        assertEquals(0, TestDatabase.count("SELECT count(*) FROM login_attempts WHERE subject = ?", email.toLowerCase()));
    }

    @Test
    void concurrentGuessesGetNoMoreThanTenChecks() throws Exception {
        String email = SignInFixtures.email();
        SignInFixtures.user(tenant, database, email, PASSWORD);
        SignInFixtures.Browser browser = new SignInFixtures.Browser();
        Response page = passwordPage(browser, authorizeParameters(app));
        int attempts = 16;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                int n = i;
                statuses.add(pool.submit(() -> {
                    go.await();
                    return browser.fill(page, Map.of("email", email, "password", "guess " + n)).statusCode();
                }));
            }
            go.countDown();
            int checked = 0;
            int blocked = 0;
            for (Future<Integer> status : statuses) {
                int code = status.get(120, TimeUnit.SECONDS);
                checked += code == 400 ? 1 : 0;
                blocked += code == 429 ? 1 : 0;
            }
            assertEquals(10, checked, "exactly ten passwords were checked");
            assertEquals(attempts - 10, blocked);
        } finally {
            pool.shutdownNow();
        }
        logs("type:limit_wc AND user_name:" + email).then().body("size()", equalTo(attempts - 10));
    }

    @Test
    void formWithoutCsrfTokenIsRefused() {
        String email = SignInFixtures.email();
        SignInFixtures.user(tenant, database, email, PASSWORD);
        SignInFixtures.Browser browser = new SignInFixtures.Browser();
        Response page = passwordPage(browser, authorizeParameters(app));
        String state = Jsoup.parse(page.asString()).selectFirst("input[name=state]").attr("value");
        browser.submit("/u/login/password", Map.of("state", state, "email", email, "password", PASSWORD))
                .then().statusCode(403).contentType(startsWith("text/html"));
        given().redirects().follow(false).formParam("state", state).formParam("email", email)
                .formParam("password", PASSWORD).post("/u/login/password").then().statusCode(403);
        logs("user_name:" + email).then().body("size()", equalTo(0));
        // The request is still usable with the token.
        browser.fill(page, Map.of("email", email, "password", PASSWORD)).then().statusCode(303);
    }

    @Test
    void unknownOrUsedStateGetsAnErrorPage() {
        SignInFixtures.Browser browser = new SignInFixtures.Browser();
        browser.open("/u/login/password?state=nope").then().statusCode(400).contentType(startsWith("text/html"))
                .body(containsString("expired"));
        browser.open("/u/login/password?state=" + "A".repeat(43)).then().statusCode(400);
        browser.open("/u/login/identifier").then().statusCode(400);
        String email = SignInFixtures.email();
        SignInFixtures.user(tenant, database, email, PASSWORD);
        Response page = passwordPage(browser, authorizeParameters(app));
        browser.fill(page, Map.of("email", email, "password", PASSWORD)).then().statusCode(303);
        browser.fill(page, Map.of("email", email, "password", PASSWORD)).then().statusCode(400)
                .contentType(startsWith("text/html")).body(containsString("expired"));
    }

    @Test
    void badInputIsAFormErrorNeverA500() {
        SignInFixtures.Browser browser = new SignInFixtures.Browser();
        Response page = passwordPage(browser, authorizeParameters(app));
        String[][] cases = { { "a\u0000@example.com", "x" }, { "ada@example.com", "pass\u0000word" },
                { "ada@example.com", "p".repeat(1500) }, { "x".repeat(1000) + "@example.com", "x" }, { "", "" },
                { "ädä@exämple.com", "pässwörd✓" }, { "\uD800@example.com", "x" } };
        for (String[] bad : cases) {
            Response answer = browser.fill(page, Map.of("email", bad[0], "password", bad[1]));
            answer.then().statusCode(400).contentType(startsWith("text/html")).body(not(containsString("Exception")));
        }
        // A field over the server's form limit (1 MiB, so that the setup portal takes a pasted metadata document) is
        // refused before it is read, as an HTML page too.
        browser.fill(page, Map.of("email", "ada@example.com", "password", "p".repeat(1_048_577))).then().statusCode(413)
                .contentType(startsWith("text/html"));
        Response identifier = browser.open(browser.authorize(authorizeParameters(app)).header("Location"));
        for (String bad : new String[] { "no-at-sign", "y".repeat(1500) + "@x.com" }) {
            browser.fill(identifier, Map.of("email", bad)).then().statusCode(400).body(containsString("valid email"));
        }
        // A NUL no browser can type is refused before any page runs (RequestGuard), as the HTML error page.
        browser.fill(identifier, Map.of("email", "\u0000@x.com")).then().statusCode(400)
                .contentType(startsWith("text/html")).body(containsString("NUL character"));
    }

    @Test
    void blockedUserIsRefusedToTheApplication() {
        String email = SignInFixtures.email();
        tenant.api().body(Map.of("connection", database, "email", email, "password", PASSWORD, "blocked", true))
                .post("/api/v2/users").then().statusCode(201);
        SignInFixtures.Browser browser = new SignInFixtures.Browser();
        Map<String, String> parameters = authorizeParameters(app);
        Response refused = browser.fill(passwordPage(browser, parameters), Map.of("email", email, "password", PASSWORD));
        refused.then().statusCode(303);
        Map<String, String> error = query(refused.header("Location"));
        assertEquals("access_denied", error.get("error"));
        assertTrue(error.get("error_description").contains("blocked"));
        assertEquals(parameters.get("state"), error.get("state"));
    }

    @Test
    void importedBcryptHashSignsIn() {
        String email = SignInFixtures.email();
        String userId = SignInFixtures.user(tenant, database, email, "some other password");
        // A bcrypt hash made independently of the service, as an import from another system would bring it.
        String hash = OpenBSDBCrypt.generate("2b", "imported secret".toCharArray(), new byte[16], 10);
        TestDatabase.query("UPDATE users SET password_hash = ? WHERE user_id = ?", hash, userId);
        SignInFixtures.Browser browser = new SignInFixtures.Browser();
        Response page = passwordPage(browser, authorizeParameters(app));
        browser.fill(page, Map.of("email", email, "password", "imported secreT")).then().statusCode(400);
        browser.fill(page, Map.of("email", email, "password", "imported secret")).then().statusCode(303);
    }

    @Test
    void signInCountsTheLoginOnTheUser() {
        String email = SignInFixtures.email();
        String userId = SignInFixtures.user(tenant, database, email, PASSWORD);
        tenant.api().get("/api/v2/users/" + userId).then().statusCode(200).body("logins_count", equalTo(0));
        for (int i = 0; i < 2; i++) {
            new SignInFixtures.Browser().codeThroughPassword(authorizeParameters(app), email, PASSWORD);
        }
        JsonPath user = tenant.api().get("/api/v2/users/" + userId).then().statusCode(200).extract().jsonPath();
        assertEquals(2, user.getInt("logins_count"));
        assertNotNull(user.getString("last_login"));
        assertEquals("127.0.0.1", user.getString("last_ip"));
        assertEquals(database, user.getString("identities[0].connection"));
        assertEquals("auth0", user.getString("identities[0].provider"));
    }

    @Test
    void connectionWithoutDatabaseForTheClientSaysSoOnTheIdentifierPage() {
        SignInFixtures.App lonely = SignInFixtures.webApp(tenant);
        SignInFixtures.Browser browser = new SignInFixtures.Browser();
        Response identifier = browser.open(browser.authorize(authorizeParameters(lonely)).header("Location"));
        browser.fill(identifier, Map.of("email", SignInFixtures.email())).then().statusCode(400)
                .body(containsString("no way to sign in"));
    }

    static Response passwordPage(SignInFixtures.Browser browser, Map<String, String> parameters) {
        parameters.put("connection", database);
        Response authorized = browser.authorize(parameters);
        authorized.then().statusCode(302);
        Response page = browser.open(authorized.header("Location"));
        page.then().statusCode(200).contentType(startsWith("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'self'"));
        return page;
    }

    static String alert(Response page) {
        return Jsoup.parse(page.asString()).selectFirst("[role=alert]").text();
    }

    static Response logs(String q) {
        return given().auth().oauth2(tenant.token()).queryParam("q", q).get("/api/v2/logs").then().statusCode(200)
                .extract().response();
    }
}
