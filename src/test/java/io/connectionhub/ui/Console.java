package io.connectionhub.ui;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import io.connectionhub.page.PageSecurity;
import io.connectionhub.support.TestTenant;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** A member of a test tenant signed in to the console over HTTP: its cookies and its form token. */
public final class Console {

    public static final String PASSWORD = "correct horse battery staple";

    public final TestTenant tenant;
    public final String email;
    public final String memberId;
    String sessionCookie;
    String csrfCookie;
    String csrfToken;

    private Console(TestTenant tenant, String email, String memberId) {
        this.tenant = tenant;
        this.email = email;
        this.memberId = memberId;
    }

    /** A new tenant with one member, signed in. */
    public static Console signedIn() {
        return signedIn(TestTenant.create());
    }

    public static Console signedIn(TestTenant tenant) {
        String email = "admin-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
        String memberId = createMember(tenant.id, email, PASSWORD);
        Console console = new Console(tenant, email, memberId);
        console.signIn(PASSWORD);
        return console;
    }

    static String createMember(String tenantId, String email, String password) {
        return given().auth().oauth2(TestTenant.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .post("/admin/v1/tenants/" + tenantId + "/members").then().statusCode(201).extract().path("id");
    }

    /** Fetches the sign-in form (CSRF cookie and token), then signs in; the answer of the form post. */
    Response signIn(String password) {
        Response form = given().redirects().follow(false).get("/ui/login");
        csrfCookie = form.cookie(PageSecurity.CSRF_COOKIE);
        csrfToken = Jsoup.parse(form.asString()).selectFirst("input[name=csrf-token]").attr("value");
        Response answer = given().redirects().follow(false).cookie(PageSecurity.CSRF_COOKIE, csrfCookie)
                .formParam("csrf-token", csrfToken).formParam("email", email).formParam("password", password)
                .post("/ui/login");
        if (answer.statusCode() == 303) {
            sessionCookie = answer.cookie(ConsoleSessions.COOKIE);
        }
        return answer;
    }

    /** A sign-in attempt with the CSRF cookie and token this console already has (safe to run concurrently). */
    Response attempt(String password) {
        return given().redirects().follow(false).cookie(PageSecurity.CSRF_COOKIE, csrfCookie)
                .formParam("csrf-token", csrfToken).formParam("email", email).formParam("password", password)
                .post("/ui/login");
    }

    /** A request with the session and CSRF cookies (no redirects followed). */
    public RequestSpecification request() {
        RequestSpecification spec = given().redirects().follow(false).cookie(PageSecurity.CSRF_COOKIE, csrfCookie);
        return sessionCookie == null ? spec : spec.cookie(ConsoleSessions.COOKIE, sessionCookie);
    }

    /** A form post with the CSRF token. */
    public RequestSpecification form() {
        return request().formParam("csrf-token", csrfToken);
    }

    public Document page(String path) {
        Response response = request().get(path);
        response.then().statusCode(200);
        return Jsoup.parse(response.asString());
    }

    public String sessionCookie() {
        return sessionCookie;
    }
}
