package io.connectionhub.setup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.connectionhub.oidc.LoopbackIdp;
import io.connectionhub.organization.OrgProfiles;
import io.connectionhub.organization.Orgs;
import io.connectionhub.support.TestDatabase;
import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Step 5 of the setup portal: a test sign-in through the link's (not yet active) connection at a loopback OIDC IdP,
 * back to the portal with the mapped profile; only the link's session sees the result, once, until it expires.
 */
@QuarkusTest
@TestProfile(OrgProfiles.LoopbackIdp.class)
class PortalTestSignInTest {

    static final String CALLBACK = "http://localhost:8080/login/callback";

    static LoopbackIdp idp;

    @BeforeAll
    static void identityProvider() throws Exception {
        idp = new LoopbackIdp();
    }

    @AfterAll
    static void stop() throws Exception {
        idp.close();
    }

    /** A portal whose link has entered an OIDC connection at the loopback IdP. */
    record Setup(TestTenant tenant, String orgId, String linkId, Portal portal, String connectionName) {
    }

    static Setup oidcSetup() {
        TestTenant tenant = TestTenant.create();
        String orgId = Orgs.create(tenant);
        String domain = Orgs.verifiedDomain(tenant, orgId);
        var link = Portal.link(tenant, orgId, List.of("sso"));
        Portal portal = Portal.opened(link.getString("Url"));
        portal.page("/setup/idp/oidc");
        String name = Orgs.unique("oidc");
        portal.form().formParam("name", name).formParam("domain", domain).formParam("issuer", idp.base)
                .formParam("client-id", LoopbackIdp.CLIENT_ID).formParam("client-secret", LoopbackIdp.CLIENT_SECRET)
                .post("/setup/idp/oidc").then().statusCode(303).header("Location", endsWith("/setup/validate"));
        return new Setup(tenant, orgId, link.getString("Id"), portal, name);
    }

    /** Presses Test sign-in on the validate page; the authorization request sent to the IdP. */
    static Map<String, String> startAtIdp(Portal portal) {
        Document validate = portal.page("/setup/validate");
        assertNotNull(validate.selectFirst("form[action=/setup/test] button#test-button"));
        Response started = portal.form().post("/setup/test");
        assertEquals(303, started.statusCode(), started.asString());
        String location = started.header("Location");
        assertTrue(location.startsWith(idp.base + "/authorize?"), location);
        return query(location);
    }

    static String signInAtIdp(Map<String, String> upstream, String code) {
        idp.issue(code, upstream.get("code_challenge"), CALLBACK, idp.sign(idp.claims(upstream.get("nonce")).build()));
        Response back = given().redirects().follow(false)
                .queryParams(Map.of("code", code, "state", upstream.get("state"))).get("/login/callback");
        assertEquals(303, back.statusCode(), back.asString());
        String path = URI.create(back.header("Location")).getPath();
        assertTrue(path.startsWith("/setup/test/"), path);
        return path;
    }

    @Test
    void aTestSignInBeforeActivationShowsTheMappedProfileAndMarksTheStepDone() {
        Setup setup = oidcSetup();
        assertTrue(setup.portal().page("/setup").text().contains("Test sign-in — to do"));
        Map<String, String> upstream = startAtIdp(setup.portal());
        assertEquals("login", upstream.get("prompt"));

        String resultPage = signInAtIdp(upstream, "portal-" + setup.connectionName());

        Document result = setup.portal().page(resultPage);
        assertEquals("alice@acme.test", result.getElementById("test-email").text());
        assertEquals("Alice Liddell", result.getElementById("test-name").text());
        assertTrue(result.getElementById("test-user-id").text().endsWith("|user-123"),
                result.getElementById("test-user-id").text());
        assertTrue(result.select("#test-claims th").eachText().containsAll(List.of("sub", "email", "org_id")));
        assertTrue(setup.portal().page("/setup").text().contains("Test sign-in — done"));
        setup.portal().request().get(resultPage).then().statusCode(404);
        // still not active: the test did not activate anything
        setup.tenant().manage().get("/v2/manage/organizations/" + setup.orgId() + "/connections").then()
                .body("Data[0].IsActive", equalTo(false));
        // changing the details asks for a new test
        String domain = setup.tenant().manage().get("/v2/manage/organizations/" + setup.orgId() + "/connections")
                .then().extract().path("Data[0].Domain");
        setup.portal().page("/setup/idp/oidc");
        setup.portal().form().formParam("name", setup.connectionName()).formParam("issuer", idp.base)
                .formParam("domain", domain)
                .formParam("client-id", LoopbackIdp.CLIENT_ID).formParam("client-secret", LoopbackIdp.CLIENT_SECRET)
                .post("/setup/idp/oidc").then().statusCode(303);
        assertTrue(setup.portal().page("/setup").text().contains("Test sign-in — to do"));
    }

    @Test
    void aRefusalAtTheIdpIsShownAndTheStepStaysToDo() {
        Setup setup = oidcSetup();
        Map<String, String> upstream = startAtIdp(setup.portal());

        Response back = given().redirects().follow(false).queryParams(Map.of("error", "access_denied",
                "error_description", "User not assigned to the app", "state", upstream.get("state")))
                .get("/login/callback");

        assertEquals(303, back.statusCode(), back.asString());
        Document result = setup.portal().page(URI.create(back.header("Location")).getPath());
        assertEquals("The IdP refused the sign-in: access_denied (User not assigned to the app)",
                result.getElementById("test-failure").text());
        assertTrue(setup.portal().page("/setup").text().contains("Test sign-in — to do"));
        given().auth().oauth2(setup.tenant().token()).queryParam("q", "type:f").get("/api/v2/logs").then()
                .statusCode(200).body("[0].description", equalTo("The IdP refused the sign-in: access_denied "
                        + "(User not assigned to the app) (test sign-in from the setup portal)"));
    }

    @Test
    void theResultIsTheLinksOnlyAndTheButtonNeedsItsTokenAndAConnection() {
        Setup setup = oidcSetup();
        setup.portal().request().post("/setup/test").then().statusCode(403).contentType(startsWith("text/html"));
        String resultPage = signInAtIdp(startAtIdp(setup.portal()), "portal-other-" + setup.connectionName());

        // another link of the same organization, a link of another organization: neither sees the result
        Portal sameOrg = Portal.opened(Portal.link(setup.tenant(), setup.orgId(), List.of("sso")).getString("Url"));
        sameOrg.request().get(resultPage).then().statusCode(404);
        String otherOrg = Orgs.create(setup.tenant());
        Portal other = Portal.opened(Portal.link(setup.tenant(), otherOrg, List.of("sso")).getString("Url"));
        other.request().get(resultPage).then().statusCode(404);
        // nor a browser without a portal session
        given().redirects().follow(false).get(resultPage).then().statusCode(401);
        // a link without a connection has nothing to test (its page has no form: the browser's CSRF token serves)
        other.csrfCookie = setup.portal().csrfCookie;
        other.csrfToken = setup.portal().csrfToken;
        other.form().post("/setup/test").then().statusCode(409).body(containsString("before testing a sign-in"));
        // a domain-only link may not test
        Portal domainsOnly = Portal.opened(Portal.link(setup.tenant(), setup.orgId(), List.of("domain_verification"))
                .getString("Url"));
        domainsOnly.page("/setup/domain");
        domainsOnly.form().post("/setup/test").then().statusCode(403);

        // the link's own session sees it once; an expired one is refused
        setup.portal().page(resultPage);
        String second = signInAtIdp(startAtIdp(setup.portal()), "portal-again-" + setup.connectionName());
        TestDatabase.query("UPDATE test_sign_in_results SET expires_at = now() - interval '1 second' WHERE id = ?",
                second.substring(second.lastIndexOf('/') + 1));
        setup.portal().request().get(second).then().statusCode(410).body(containsString("expired"));
    }

    static Map<String, String> query(String url) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
