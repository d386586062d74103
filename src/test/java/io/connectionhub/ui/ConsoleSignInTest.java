package io.connectionhub.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The console's sign-in: sessions, sign-out, tenants kept apart, CSRF, brute-force protection. */
@QuarkusTest
class ConsoleSignInTest {

    @Test
    void signInSetsAnHttpOnlySameSiteSessionCookie() {
        Console console = Console.signedIn();
        assertNotNull(console.sessionCookie());
        Response again = new ConsoleProbe(console).signInAnswer();
        again.then().statusCode(303).header("Location", endsWith("/ui/connections"));
        String setCookie = again.headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(ConsoleSessions.COOKIE + "=")).findFirst().orElseThrow();
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Lax"), setCookie);
        assertTrue(setCookie.contains("Path=/ui"), setCookie);
        assertTrue(!setCookie.contains(console.memberId) && !setCookie.contains(console.tenant.id),
                "the cookie is sealed: " + setCookie);
        console.request().get("/ui/connections").then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString(console.email));
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        Console console = Console.signedIn();
        Response wrong = console.signIn("not the password");
        wrong.then().statusCode(401).body(containsString(SignInResource.WRONG)).header("Set-Cookie",
                not(containsString(ConsoleSessions.COOKIE + "=")));
        Console stranger = Console.signedIn();
        Response unknown = given().redirects().follow(false).cookie("hub_csrf", console.csrfCookie)
                .formParam("csrf-token", console.csrfToken).formParam("email", "nobody-" + stranger.email)
                .formParam("password", Console.PASSWORD).post("/ui/login");
        unknown.then().statusCode(401).body(containsString(SignInResource.WRONG));
        given().redirects().follow(false).cookie("hub_csrf", console.csrfCookie).formParam("csrf-token", console.csrfToken)
                .formParam("email", "").formParam("password", "").post("/ui/login")
                .then().statusCode(400).body(containsString("There is a problem")).body(containsString("href=\"#email\""))
                .body(containsString("href=\"#password\""));
    }

    @Test
    void pagesNeedASession() {
        given().redirects().follow(false).get("/ui/connections").then().statusCode(303)
                .header("Location", endsWith(ConsoleAccess.SIGN_IN));
        given().redirects().follow(false).header("HX-Request", "true").get("/ui/jobs").then().statusCode(401)
                .header("HX-Redirect", ConsoleAccess.SIGN_IN);
        given().redirects().follow(false).cookie(ConsoleSessions.COOKIE, "v1.0000.forged").get("/ui/connections")
                .then().statusCode(303);
        given().redirects().follow(false).get("/ui").then().statusCode(303).header("Location", endsWith("/ui/connections"));
    }

    @Test
    void signOutEndsTheSessionForEveryCopyOfTheCookie() {
        Console console = Console.signedIn();
        String copied = console.sessionCookie();
        console.form().post("/ui/logout").then().statusCode(303).header("Location", endsWith(ConsoleAccess.SIGN_IN));
        given().redirects().follow(false).cookie(ConsoleSessions.COOKIE, copied).get("/ui/connections")
                .then().statusCode(303).header("Location", endsWith(ConsoleAccess.SIGN_IN));
    }

    @Test
    void deletingTheMemberEndsTheirSessions() {
        Console console = Console.signedIn();
        console.request().get("/ui/jobs").then().statusCode(200);
        given().auth().oauth2(TestTenant.ADMIN_TOKEN)
                .delete("/admin/v1/tenants/" + console.tenant.id + "/members/" + console.memberId).then().statusCode(204);
        console.request().get("/ui/jobs").then().statusCode(303);
    }

    @Test
    void signOutWithoutTheFormTokenIsRefused() {
        Console console = Console.signedIn();
        console.request().post("/ui/logout").then().statusCode(403).contentType(startsWith("text/html"));
        console.request().get("/ui/connections").then().statusCode(200);
    }

    @Test
    void aSessionSeesOnlyItsOwnTenant() {
        Console mine = Console.signedIn();
        Console theirs = Console.signedIn();
        String theirConnection = theirs.tenant.api().body(java.util.Map.of("name", "theirs-" + System.nanoTime(),
                "strategy", "auth0")).post("/api/v2/connections").then().statusCode(201).extract().path("id");
        String mineConnection = mine.tenant.api().body(java.util.Map.of("name", "mine-" + System.nanoTime(),
                "strategy", "auth0")).post("/api/v2/connections").then().statusCode(201).extract().path("id");
        mine.request().get("/ui/connections").then().statusCode(200).body(containsString(mineConnection))
                .body(not(containsString(theirConnection)));
        mine.request().get("/ui/connections/" + theirConnection).then().statusCode(404)
                .contentType(startsWith("text/html")).body(containsString("Not found"));
        mine.request().get("/ui/connections/" + theirConnection + "/users").then().statusCode(404);
        mine.form().post("/ui/connections/" + theirConnection + "/delete").then().statusCode(404);
        theirs.tenant.api().get("/api/v2/connections/" + theirConnection).then().statusCode(200);
    }

    @Test
    void tenIncorrectPasswordsBlockTheEmailFromThatAddress() {
        Console console = Console.signedIn();
        for (int i = 0; i < 10; i++) {
            console.signIn("wrong " + i).then().statusCode(401);
        }
        console.signIn(Console.PASSWORD).then().statusCode(429).body(containsString("Too many failed sign-ins"));
    }

    @Test
    void concurrentWrongPasswordsCannotCheckMoreThanTheLimit() throws Exception {
        Console console = Console.signedIn();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String password = "wrong " + i;
                attempts.add(() -> console.attempt(password).statusCode());
            }
            int refused = 0;
            int checked = 0;
            for (Future<Integer> outcome : pool.invokeAll(attempts)) {
                int status = outcome.get();
                if (status == 429) {
                    refused++;
                } else if (status == 401) {
                    checked++;
                }
            }
            assertEquals(10, checked, "at most 10 passwords checked");
            assertEquals(14, refused);
        } finally {
            pool.shutdownNow();
        }
        console.signIn(Console.PASSWORD).then().statusCode(429);
    }

    /** Signs in again with the console's cookies, to look at the Set-Cookie of a successful sign-in. */
    private record ConsoleProbe(Console console) {
        Response signInAnswer() {
            return console.signIn(Console.PASSWORD);
        }
    }

    @Test
    void theAdminApiAnswersJsonWhileThePagesAnswerHtml() {
        given().get("/ui/login").then().statusCode(200).contentType(startsWith("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .body(containsString("<label for=\"email\">Email</label>"));
        given().auth().oauth2(TestTenant.ADMIN_TOKEN).get("/admin/v1/tenants/nope/members").then().statusCode(404)
                .body("errorCode", equalTo("inexistent_tenant"));
    }
}
