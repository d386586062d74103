package io.connectionhub.setup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
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

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import io.connectionhub.organization.OrgProfiles;
import io.connectionhub.organization.Orgs;
import io.connectionhub.organization.TestDns;
import io.connectionhub.saml.TestCertificates;
import io.connectionhub.support.TestDatabase;
import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The setup portal over HTTP: opening links, the steps, and that each stays inside its organization. */
@QuarkusTest
@TestProfile(OrgProfiles.LoopbackIdp.class)
class PortalTest {

    private static final String OKTA_METADATA = TestCertificates.resource("okta-idp-metadata.xml");

    @Test
    void openingExchangesTheTokenForASessionAndLeavesTheAddressBar() {
        TestTenant tenant = TestTenant.create();
        String url = Portal.link(tenant, Orgs.create(tenant), List.of("sso", "domain_verification")).getString("Url");
        Portal portal = new Portal();
        Response opened = portal.open(url);
        opened.then().statusCode(303).header("Location", endsWith("/setup")).header("Referrer-Policy", "no-referrer");
        String setCookie = opened.headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(SetupSessions.COOKIE + "=")).findFirst().orElseThrow();
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax") && setCookie.contains("Path=/setup"),
                setCookie);
        Document tasks = portal.page("/setup");
        assertTrue(tasks.text().contains("Prove your domain") && tasks.text().contains("Choose your identity provider"));
        given().redirects().follow(false).get("/setup").then().statusCode(401).contentType(startsWith("text/html"))
                .body(containsString("Open the link you were sent again"));
        given().redirects().follow(false).get("/setup/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").then().statusCode(404)
                .body(containsString("does not exist"));
        given().redirects().follow(false).get("/setup/short").then().statusCode(404);
    }

    @Test
    void revokedExpiredCompletedAndOverUsedLinksAreRefused() {
        TestTenant tenant = TestTenant.create();
        String orgId = Orgs.create(tenant);
        JsonPath revoked = Portal.link(tenant, orgId, List.of("sso"));
        Portal before = Portal.opened(revoked.getString("Url"));
        tenant.manage().delete("/v2/manage/organizations/" + orgId + "/setup-links/" + revoked.getString("Id"))
                .then().statusCode(200);
        new Portal().open(revoked.getString("Url")).then().statusCode(410).body(containsString("revoked"));
        before.request().get("/setup").then().statusCode(401);

        JsonPath expired = Portal.link(tenant, orgId, List.of("sso"));
        Portal opened = Portal.opened(expired.getString("Url"));
        TestDatabase.query("UPDATE setup_links SET expires_at = now() - interval '1 second' WHERE id = ?",
                expired.getString("Id"));
        new Portal().open(expired.getString("Url")).then().statusCode(410).body(containsString("expired"));
        opened.request().get("/setup").then().statusCode(401);

        JsonPath completed = Portal.link(tenant, orgId, List.of("domain_verification"));
        Portal finishing = Portal.opened(completed.getString("Url"));
        finishing.form().post("/setup/finish").then().statusCode(303).header("Location", endsWith("/setup/done"));
        new Portal().open(completed.getString("Url")).then().statusCode(410).body(containsString("already been used"));
        finishing.request().get("/setup/done").then().statusCode(200);
        finishing.form().formParam("domain-name", Orgs.uniqueDomain()).post("/setup/domain").then().statusCode(409);

        JsonPath capped = Portal.link(tenant, orgId, List.of("sso"));
        for (int i = 0; i < 10; i++) {
            new Portal().open(capped.getString("Url")).then().statusCode(303);
        }
        new Portal().open(capped.getString("Url")).then().statusCode(410).body(containsString("too many times"));
        tenant.manage().get("/v2/manage/organizations/" + orgId + "/setup-links").then()
                .body("Data.find { it.Id == '" + capped.getString("Id") + "' }.Opens", equalTo(10));
    }

    @Test
    void concurrentOpeningsNeverPassTheCap() throws Exception {
        TestTenant tenant = TestTenant.create();
        String url = Portal.link(tenant, Orgs.create(tenant), List.of("sso")).getString("Url");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> openings = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                openings.add(() -> new Portal().open(url).statusCode());
            }
            int opened = 0;
            int refused = 0;
            for (Future<Integer> outcome : pool.invokeAll(openings)) {
                if (outcome.get() == 303) {
                    opened++;
                } else if (outcome.get() == 410) {
                    refused++;
                }
            }
            assertEquals(10, opened);
            assertEquals(20, refused);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFormWithoutItsTokenIsRefused() {
        TestTenant tenant = TestTenant.create();
        Portal portal = Portal.opened(Portal.link(tenant, Orgs.create(tenant), List.of("domain_verification"))
                .getString("Url"));
        portal.request().formParam("domain-name", Orgs.uniqueDomain()).post("/setup/domain").then().statusCode(403);
    }

    @Test
    void everyStepStaysInsideTheLinksOrganization() {
        TestTenant tenant = TestTenant.create();
        String mine = Orgs.create(tenant);
        String other = Orgs.create(tenant);
        JsonPath otherDomain = Orgs.addDomain(tenant, other, Orgs.uniqueDomain());
        TestDns.publishChallenge(otherDomain.getString("DomainName"), otherDomain.getString("VerificationToken"));
        Portal portal = Portal.opened(Portal.link(tenant, mine, List.of("sso", "domain_verification")).getString("Url"));
        portal.page("/setup/domain");
        portal.form().post("/setup/domain/" + otherDomain.getString("Id") + "/check").then().statusCode(404);
        tenant.manage().get("/v2/manage/organizations/" + other + "/domains").then()
                .body("Data[0].IsVerified", equalTo(false));
        TestTenant stranger = TestTenant.create();
        String strangerOrg = Orgs.create(stranger);
        JsonPath strangerDomain = Orgs.addDomain(stranger, strangerOrg, Orgs.uniqueDomain());
        portal.form().post("/setup/domain/" + strangerDomain.getString("Id") + "/check").then().statusCode(404);
        portal.request().get("/setup/idp/nonsense").then().statusCode(404);
        Portal domainsOnly = Portal.opened(Portal.link(tenant, mine, List.of("domain_verification")).getString("Url"));
        domainsOnly.request().get("/setup/idp").then().statusCode(403);
    }

    @Test
    void theWholeSetupWithOktaMetadata() {
        TestTenant tenant = TestTenant.create();
        String orgId = Orgs.create(tenant);
        Portal portal = Portal.opened(Portal.link(tenant, orgId, List.of("sso", "domain_verification")).getString("Url"));
        // 1. the domain: refused with its reason first, then proved through the loopback DNS
        portal.page("/setup/domain");
        portal.form().formParam("domain-name", "not a domain").post("/setup/domain").then().statusCode(400)
                .body(containsString("There is a problem")).body(containsString("href=\"#domain-name\""));
        String domain = Orgs.uniqueDomain();
        Document added = org.jsoup.Jsoup.parse(portal.form().formParam("domain-name", domain).post("/setup/domain")
                .then().statusCode(200).extract().asString());
        String recordValue = added.select("code[id^=txt-value-]").first().text();
        String domainId = added.select("code[id^=txt-value-]").first().id().substring("txt-value-".length());
        assertEquals("_connectionhub-challenge." + domain, added.getElementById("txt-name-" + domainId).text());
        portal.form().post("/setup/domain/" + domainId + "/check").then().statusCode(422)
                .body(containsString("No TXT record found"));
        TestDns.publishChallenge(domain, recordValue.substring("connectionhub-verification=".length()));
        portal.form().post("/setup/domain/" + domainId + "/check").then().statusCode(200)
                .body(containsString("is verified"));
        // 2. and 3. Okta: the SP values come first, then the IdP's metadata
        Document okta = portal.page("/setup/idp/okta");
        String entityId = okta.getElementById("sp-entity-id").text();
        String acs = okta.getElementById("sp-acs-url").text();
        assertTrue(acs.contains("/saml/sp/acs/"), acs);
        assertNotNull(okta.selectFirst("label[for=metadata-url]"));
        portal.form().formParam("name", "okta-" + orgId.substring(4).toLowerCase()).formParam("domain", domain)
                .formParam("metadata-xml", "<not-metadata/>").post("/setup/idp/okta").then().statusCode(400)
                .body(containsString("href=\"#metadata-xml\"")).body(containsString("Metadata XML"));
        String name = "okta-" + orgId.substring(4).toLowerCase();
        portal.form().formParam("name", name).formParam("domain", domain).formParam("metadata-xml", OKTA_METADATA)
                .post("/setup/idp/okta").then().statusCode(303).header("Location", endsWith("/setup/validate"));
        // the SP values shown before the connection existed are the connection's
        JsonPath connection = tenant.manage().get("/v2/manage/organizations/" + orgId + "/connections").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(entityId, connection.getString("Data[0].EntityId"));
        assertEquals(acs, connection.getString("Data[0].ACSEndpoint"));
        assertEquals(false, connection.getBoolean("Data[0].IsActive"));
        // 4. validate, 6. activate
        Document validate = portal.page("/setup/validate");
        assertTrue(validate.text().contains("http://www.okta.com/exk1fcia6d6EMsf331d8"), validate.text());
        assertEquals(3, validate.select("tbody tr").size());
        assertTrue(validate.select("tbody td").eachText().stream().noneMatch("Failed"::equals), validate.text());
        portal.form().post("/setup/activate").then().statusCode(303).header("Location", endsWith("/setup/done"));
        portal.request().get("/setup/done").then().statusCode(200).body(containsString("Single sign-on is active"));
        tenant.manage().get("/v2/manage/organizations/" + orgId + "/connections").then()
                .body("Data[0].IsActive", equalTo(true)).body("Data[0].Name", equalTo(name));
        tenant.manage().get("/v2/manage/organizations/" + orgId + "/setup-links").then()
                .body("Data[0].State", equalTo("completed"))
                .body("Data[0].ConnectionId", equalTo(connection.getString("Data[0].Id")));
    }

    @Test
    void anExpiredCertificateFailsValidationAndActivationIsRefused() throws Exception {
        TestTenant tenant = TestTenant.create();
        String orgId = Orgs.create(tenant);
        String domain = Orgs.verifiedDomain(tenant, orgId);
        Portal portal = Portal.opened(Portal.link(tenant, orgId, List.of("sso")).getString("Url"));
        portal.page("/setup/idp/saml");
        java.security.cert.X509Certificate old = TestCertificates.selfSigned("old-idp",
                java.time.Instant.parse("2020-01-01T00:00:00Z"), java.time.Instant.parse("2021-01-01T00:00:00Z"));
        String pem = "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder().encodeToString(old.getEncoded())
                + "\n-----END CERTIFICATE-----";
        portal.form().formParam("name", "old-" + orgId.substring(4).toLowerCase()).formParam("domain", domain)
                .formParam("entity-id", "https://idp.example.test/old").formParam("sso-url", "https://idp.example.test/sso")
                .formParam("certificate", pem).post("/setup/idp/saml").then().statusCode(303);
        Document validate = portal.page("/setup/validate");
        assertTrue(validate.text().contains("expired"), validate.text());
        portal.form().post("/setup/activate").then().statusCode(409).body(containsString("Fix what the checks"));
        tenant.manage().get("/v2/manage/organizations/" + orgId + "/connections").then()
                .body("Data[0].IsActive", equalTo(false));
    }
}
