package io.connectionhub.browser;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.connectionhub.organization.Orgs;
import io.connectionhub.organization.TestDns;
import io.connectionhub.saml.TestCertificates;
import io.connectionhub.support.Jobs;
import io.connectionhub.support.TestTenant;
import io.connectionhub.ui.ConsoleSessions;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The console and the setup portal in a real Chromium: a tenant administrator signs in, creates an organization and a
 * setup link; the organization's IT admin opens it, proves the domain (loopback DNS), pastes the IdP's metadata,
 * validates and activates; an administrator tests the sign-in through a database connection; and a deletion of a
 * connection with many users is watched until its name is free. Every page visited passes axe-core without a serious
 * or critical violation.
 */
@QuarkusTest
@TestProfile(JourneyProfile.class)
class BrowserJourneysTest {

    private static final String PASSWORD = "a long console password";
    private static final String USER_PASSWORD = "a long user password";
    private static final String OKTA_METADATA = TestCertificates.resource("okta-idp-metadata.xml");

    @TestHTTPResource("/")
    URL root;

    private static String member(TestTenant tenant) {
        String email = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        RestAssured.given().auth().oauth2(TestTenant.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD))
                .post("/admin/v1/tenants/" + tenant.id + "/members").then().statusCode(201);
        return email;
    }

    private static void signIn(Browser browser, String email) {
        browser.go("/ui/login");
        browser.type("#email", email);
        browser.type("#password", PASSWORD);
        browser.find("form[action='/ui/login'] button[type=submit]").click();
        browser.wait.until(d -> d.getCurrentUrl().endsWith("/ui/connections"));
    }

    @Test
    void anAdministratorSendsASetupLinkAndTheItAdminActivatesSingleSignOn() {
        TestTenant tenant = TestTenant.create();
        String email = member(tenant);
        String orgName = "Acme " + UUID.randomUUID().toString().substring(0, 6);
        String linkUrl;
        try (Browser admin = new Browser(root.getPort())) {
            admin.go("/ui/login");
            admin.assertAccessible("sign-in");
            admin.screenshot("console-sign-in");
            admin.type("#email", email);
            admin.type("#password", "not the password");
            admin.find("form[action='/ui/login'] button[type=submit]").click();
            admin.waitForText("Wrong email or password.");
            assertEquals("error-summary", admin.driver.switchTo().activeElement().getAttribute("id"),
                    "the refused form puts the keyboard on its error summary");
            admin.assertAccessible("sign-in refused");
            signIn(admin, email);
            Map<String, Object> cookie = admin.cookie(ConsoleSessions.COOKIE);
            assertNotNull(cookie);
            assertEquals(Boolean.TRUE, cookie.get("httpOnly"));
            admin.assertAccessible("connections");

            admin.go("/ui/organizations");
            admin.assertAccessible("organizations");
            admin.type("#name", orgName);
            admin.find("form[action='/ui/organizations'] button[type=submit]").click();
            admin.wait.until(d -> d.getCurrentUrl().contains("/ui/organizations/org_"));
            admin.assertAccessible("organization");
            admin.find("form[action$='/setup-links'] button[type=submit]").click();
            admin.waitForText("New setup link");
            linkUrl = admin.find("#setup-link-url").getText();
            admin.find("button[data-copy=setup-link-url]").click();
            admin.wait.until(d -> d.findElement(By.id("announcer")).getText().startsWith("Copied setup link"));
            admin.assertAccessible("organization with a new setup link");
            admin.screenshot("console-organization");

            admin.go("/ui/applications/new");
            admin.type("#name", "Acme portal");
            admin.type("#callbacks", "https://app.example.com/callback");
            admin.find("form[action='/ui/applications'] button[type=submit]").click();
            admin.waitForText("Client secret");
            admin.assertAccessible("new application");
            admin.go("/ui/applications");
            admin.assertAccessible("applications");
            admin.screenshot("console-applications");
            admin.go("/ui/jobs");
            admin.assertAccessible("jobs");
        }

        try (Browser itAdmin = new Browser(root.getPort())) {
            itAdmin.go(URI.create(linkUrl).getPath());
            itAdmin.wait.until(d -> d.getCurrentUrl().endsWith("/setup"));
            assertFalse(itAdmin.driver.getCurrentUrl().contains(linkUrl.substring(linkUrl.lastIndexOf('/') + 1)),
                    "the token left the address bar");
            itAdmin.assertAccessible("portal task list");
            itAdmin.screenshot("portal-tasks");

            itAdmin.driver.findElement(By.linkText("Prove your domain")).click();
            String domain = Orgs.uniqueDomain();
            itAdmin.type("#domain-name", domain);
            itAdmin.find("form[action='/setup/domain'] button[type=submit]").click();
            itAdmin.waitForText("Publish the TXT record below");
            String value = itAdmin.find("code[id^=txt-value-]").getText();
            itAdmin.find("form[action$='/check'] button[type=submit]").click();
            itAdmin.waitForText("No TXT record found");
            itAdmin.assertAccessible("domain check refused");
            TestDns.publishChallenge(domain, value.substring("connectionhub-verification=".length()));
            itAdmin.find("form[action$='/check'] button[type=submit]").click();
            itAdmin.waitForText("is verified");
            itAdmin.assertAccessible("domain verified");
            itAdmin.screenshot("portal-domain");

            itAdmin.go("/setup/idp");
            itAdmin.assertAccessible("choose the identity provider");
            itAdmin.driver.findElement(By.linkText("Okta")).click();
            itAdmin.waitForText("Values to copy");
            itAdmin.assertAccessible("Okta walk-through");
            itAdmin.screenshot("portal-okta");
            itAdmin.type("#metadata-xml", OKTA_METADATA);
            itAdmin.find("form[action='/setup/idp/okta'] button[type=submit]").click();
            itAdmin.wait.until(d -> d.getCurrentUrl().endsWith("/setup/validate"));
            itAdmin.waitForText("http://www.okta.com/exk1fcia6d6EMsf331d8");
            itAdmin.assertAccessible("validation");
            itAdmin.screenshot("portal-validate");
            itAdmin.find("#activate-button").click();
            itAdmin.waitForText("Single sign-on is active");
            itAdmin.assertAccessible("done");
        }
        JsonPath orgs = tenant.manage().get("/v2/manage/organizations").then().statusCode(200).extract().jsonPath();
        String orgId = orgs.getString("Data.find { it.Name == '" + orgName + "' }.Id");
        tenant.manage().get("/v2/manage/organizations/" + orgId + "/connections").then().statusCode(200)
                .body("Data[0].IsActive", equalTo(true)).body("Data[0].ConnectionType", equalTo("saml_okta"));
    }

    @Test
    void anAdministratorTestsTheSignInThroughADatabaseConnection() {
        TestTenant tenant = TestTenant.create();
        String email = member(tenant);
        String name = Orgs.unique("people");
        String connectionId = tenant.api().body(Map.of("name", name, "strategy", "auth0")).post("/api/v2/connections")
                .then().statusCode(201).extract().path("id");
        String userEmail = name + "@example.com";
        String userId = tenant.api().body(Map.of("connection", name, "email", userEmail, "password", USER_PASSWORD,
                "given_name", "Grace", "family_name", "Hopper")).post("/api/v2/users").then().statusCode(201)
                .extract().path("user_id");
        try (Browser admin = new Browser(root.getPort())) {
            signIn(admin, email);
            admin.go("/ui/connections/" + connectionId);
            admin.assertAccessible("database connection");
            admin.find("form[action$='/test'] button[type=submit]").click();
            admin.wait.until(d -> d.getCurrentUrl().contains("/u/login/password?state="));
            admin.waitForText("a test sign-in of Connection Hub");
            admin.assertAccessible("password form of a test sign-in");
            admin.type("#email", userEmail);
            admin.type("#password", USER_PASSWORD);
            admin.find("form[action='/u/login/password'] button[type=submit]").click();
            admin.wait.until(d -> d.getCurrentUrl().contains("/ui/connections/" + connectionId + "/test/"));
            assertEquals(userId, admin.find("#test-user-id").getText());
            assertEquals("Grace Hopper", admin.find("#test-name").getText());
            admin.assertAccessible("test sign-in result");
            admin.screenshot("console-test-sign-in");
        }
        tenant.api().get("/api/v2/users/" + userId).then().statusCode(200).body("logins_count", equalTo(1));
    }

    @Test
    void theConsoleShowsADeletionHoldingItsNameUntilDone() {
        TestTenant tenant = TestTenant.create();
        String email = member(tenant);
        String orgId = Orgs.create(tenant);
        String samlDomain = Orgs.verifiedDomain(tenant, orgId);
        String saml = Orgs.auth0Id(Orgs.createSaml(tenant, orgId, Orgs.unique("acme-saml"), samlDomain).getString("Id"));
        String name = Orgs.unique("many");
        String connectionId = Jobs.connectionWithUsers(tenant, name, 20_000);
        try (Browser admin = new Browser(root.getPort())) {
            signIn(admin, email);
            admin.go("/ui/connections/" + saml);
            admin.assertAccessible("SAML connection");
            admin.screenshot("console-connection");
            admin.go("/ui/connections/" + connectionId + "/users?email=" + name + "-1999");
            admin.waitForText(name + "-1999@example.com");
            admin.assertAccessible("users");
            admin.go("/ui/connections/" + connectionId);
            admin.find("form[action$='/delete'] button[type=submit]").click();
            admin.wait.until(d -> d.getCurrentUrl().endsWith("/ui/connections"));
            admin.waitForText("name reserved until done");
            assertTrue(admin.text().contains(name), admin.text());
            tenant.api().body(Map.of("name", name, "strategy", "auth0")).post("/api/v2/connections").then()
                    .statusCode(409);
            admin.assertAccessible("connections with a deletion");
            admin.screenshot("console-deleting");
            new WebDriverWait(admin.driver, Duration.ofMinutes(3)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> d.findElement(By.tagName("body")).getText().contains("the name " + name + " is free"));
            assertTrue(admin.text().contains("Deleted, 100 %"), admin.text());
            String jobHref = admin.driver.findElement(By.linkText("Job")).getAttribute("href");
            admin.driver.get(jobHref);
            admin.waitForText("completed");
            admin.assertAccessible("deletion job");
            admin.screenshot("console-job");
        }
        tenant.api().body(Map.of("name", name, "strategy", "auth0")).post("/api/v2/connections").then().statusCode(201);
    }
}
