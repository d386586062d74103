package io.connectionhub.setup;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import io.connectionhub.page.PageSecurity;
import io.connectionhub.support.TestTenant;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** An IT admin's browser over HTTP: opens a setup link and keeps the portal session and CSRF cookies. */
final class Portal {

    String session;
    String csrfCookie;
    String csrfToken;

    /** A new setup link of the organization; the 201 body. */
    static JsonPath link(TestTenant tenant, String orgId, List<String> intents) {
        return tenant.manage().body(Map.of("Intents", intents)).post("/v2/manage/organizations/" + orgId + "/setup-links")
                .then().statusCode(201).extract().jsonPath();
    }

    static String path(String url) {
        return URI.create(url).getPath();
    }

    /** Opens the link: the answer (303 to /setup with the session cookie when it may be opened). */
    Response open(String url) {
        Response answer = given().redirects().follow(false).get(path(url));
        if (answer.statusCode() == 303) {
            session = answer.cookie(SetupSessions.COOKIE);
        }
        return answer;
    }

    static Portal opened(String url) {
        Portal portal = new Portal();
        portal.open(url).then().statusCode(303);
        portal.page("/setup");
        return portal;
    }

    RequestSpecification request() {
        RequestSpecification spec = given().redirects().follow(false);
        if (csrfCookie != null) {
            spec = spec.cookie(PageSecurity.CSRF_COOKIE, csrfCookie);
        }
        return session == null ? spec : spec.cookie(SetupSessions.COOKIE, session);
    }

    RequestSpecification form() {
        return request().formParam("csrf-token", csrfToken);
    }

    /** GETs a portal page (200), keeping the CSRF cookie and the token of its forms. */
    Document page(String path) {
        Response response = request().get(path);
        response.then().statusCode(200);
        if (response.cookie(PageSecurity.CSRF_COOKIE) != null) {
            csrfCookie = response.cookie(PageSecurity.CSRF_COOKIE);
        }
        Document document = Jsoup.parse(response.asString());
        if (document.selectFirst("input[name=csrf-token]") != null) {
            csrfToken = document.selectFirst("input[name=csrf-token]").attr("value");
        }
        return document;
    }
}
