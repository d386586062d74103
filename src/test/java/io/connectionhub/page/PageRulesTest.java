package io.connectionhub.page;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** What every page inherits: HTML errors, security headers, and forms refused without their CSRF token. */
@QuarkusTest
class PageRulesTest {

    private static final String FORM = "/ui/test-only/form";

    @Test
    void unknownPageIsAnHtmlNotFoundPage() {
        for (String path : new String[] { "/ui/nothing-here", "/u/nothing", "/setup/nothing", "/authorize/x" }) {
            given().get(path).then().statusCode(404)
                    .contentType(startsWith("text/html"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("X-Frame-Options", equalTo("DENY"))
                    .header("Cache-Control", equalTo("no-store"))
                    .body(containsString("<h1>Not found</h1>"));
        }
    }

    @Test
    void apiPathsKeepTheirJsonShape() {
        given().get("/api/v2/nothing-here").then().statusCode(404).body("errorCode", equalTo("not_found"));
        given().get("/uix").then().statusCode(404).body("errorCode", equalTo("not_found"));
    }

    @Test
    void internalErrorPageHidesDetailsAndGivesTheReference() {
        Response response = given().get(FORM + "/failure");
        response.then().statusCode(500).contentType(startsWith("text/html"))
                .body(not(containsString("SELECT"))).body(containsString("Something went wrong"));
        String requestId = response.header("X-Request-Id");
        assertNotNull(requestId);
        response.then().body(containsString(requestId));
    }

    @Test
    void formWithItsTokenIsAccepted() {
        Response page = given().get(FORM);
        page.then().statusCode(200).cookie(PageSecurity.CSRF_COOKIE);
        String cookie = page.cookie(PageSecurity.CSRF_COOKIE);
        String token = Jsoup.parse(page.asString()).selectFirst("input[name=csrf-token]").attr("value");
        given().cookie(PageSecurity.CSRF_COOKIE, cookie).formParam("csrf-token", token).formParam("name", "ada")
                .post(FORM).then().statusCode(200).body(equalTo("hello ada"));
        given().cookie(PageSecurity.CSRF_COOKIE, cookie).header(CsrfToken.HEADER, token).formParam("name", "bob")
                .post(FORM).then().statusCode(200).body(equalTo("hello bob"));
    }

    @Test
    void reusedCookieKeepsItsValue() {
        Response first = given().get(FORM);
        String cookie = first.cookie(PageSecurity.CSRF_COOKIE);
        Response second = given().cookie(PageSecurity.CSRF_COOKIE, cookie).get(FORM);
        assertEquals(null, second.cookie(PageSecurity.CSRF_COOKIE), "no new cookie while the browser has one");
        assertEquals(Jsoup.parse(first.asString()).selectFirst("input[name=csrf-token]").attr("value"),
                Jsoup.parse(second.asString()).selectFirst("input[name=csrf-token]").attr("value"));
    }

    @Test
    void formWithoutTokenIsRefused() {
        String cookie = given().get(FORM).cookie(PageSecurity.CSRF_COOKIE);
        given().cookie(PageSecurity.CSRF_COOKIE, cookie).formParam("name", "eve").post(FORM)
                .then().statusCode(403).contentType(startsWith("text/html"))
                .body(containsString(CsrfCheck.REFUSAL));
    }

    @Test
    void formWithoutCookieIsRefused() {
        String token = Jsoup.parse(given().get(FORM).asString()).selectFirst("input[name=csrf-token]").attr("value");
        given().formParam("csrf-token", token).formParam("name", "eve").post(FORM)
                .then().statusCode(403).body(containsString(CsrfCheck.REFUSAL));
    }

    @Test
    void tokenOfAnotherCookieIsRefused() {
        Response mine = given().get(FORM);
        Response theirs = given().get(FORM);
        String theirToken = Jsoup.parse(theirs.asString()).selectFirst("input[name=csrf-token]").attr("value");
        given().cookie(PageSecurity.CSRF_COOKIE, mine.cookie(PageSecurity.CSRF_COOKIE))
                .formParam("csrf-token", theirToken).formParam("name", "eve").post(FORM)
                .then().statusCode(403).body(containsString(CsrfCheck.REFUSAL));
    }

    @Test
    void cookieUsedAsItsOwnTokenIsRefused() {
        String cookie = given().get(FORM).cookie(PageSecurity.CSRF_COOKIE);
        given().cookie(PageSecurity.CSRF_COOKIE, cookie).formParam("csrf-token", cookie).formParam("name", "eve")
                .post(FORM).then().statusCode(403);
        given().cookie(PageSecurity.CSRF_COOKIE, "not\u0000a cookie").formParam("csrf-token", "x")
                .formParam("name", "eve").post(FORM).then().statusCode(403);
    }

    @Test
    void stylesheetIsServedFromTheWebJar() {
        given().get("/webjars/picocss__pico/css/pico.classless.min.css").then().statusCode(200)
                .contentType(startsWith("text/css"));
        given().get("/static/hub.css").then().statusCode(200);
    }
}
