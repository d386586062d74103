package io.connectionhub.ui;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import io.connectionhub.organization.OrgProfiles;
import io.connectionhub.organization.Orgs;
import io.connectionhub.organization.TestDns;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The console's organizations (domains, Check now, setup links) and applications, over HTTP. */
@QuarkusTest
@TestProfile(OrgProfiles.LoopbackIdp.class)
class ConsoleOrganizationPagesTest {

    @Test
    void anOrganizationIsCreatedItsDomainCheckedAndASetupLinkMade() {
        Console console = Console.signedIn();
        console.page("/ui/organizations");
        console.form().formParam("name", "").post("/ui/organizations").then().statusCode(400)
                .body(containsString("href=\"#name\""));
        String location = console.form().formParam("name", "Globex").post("/ui/organizations").then().statusCode(303)
                .extract().header("Location");
        String orgPath = location.substring(location.indexOf("/ui/organizations/"));
        String domain = Orgs.uniqueDomain();
        Document added = Jsoup.parse(console.form().formParam("domain-name", domain).post(orgPath + "/domains")
                .then().statusCode(200).extract().asString());
        String domainId = added.selectFirst("article[id^=domain-]").id().substring("domain-".length());
        String value = added.getElementById("txt-value-" + domainId).text();
        console.form().post(orgPath + "/domains/" + domainId + "/check").then().statusCode(422)
                .body(containsString("No TXT record found"));
        TestDns.publishChallenge(domain, value.substring("connectionhub-verification=".length()));
        console.form().post(orgPath + "/domains/" + domainId + "/check").then().statusCode(200)
                .body(containsString("is verified"));
        console.form().formParam("domain-name", "gmail.com").post(orgPath + "/domains").then().statusCode(400)
                .body(containsString("href=\"#domain-name\""));

        Document link = Jsoup.parse(console.form().formParam("intent-sso", "sso").formParam("ttl-days", "3")
                .post(orgPath + "/setup-links").then().statusCode(201).extract().asString());
        String url = link.getElementById("setup-link-url").text();
        assertTrue(url.contains("/setup/"), url);
        Document page = console.page(orgPath);
        assertTrue(page.text().contains("created"), page.text());
        assertTrue(!page.html().contains(url), "the URL is shown once");
        console.form().formParam("intent-sso", "sso").formParam("ttl-days", "31").post(orgPath + "/setup-links")
                .then().statusCode(400).body(containsString("href=\"#ttl-days\""));
        String linkId = page.selectFirst("form[action$=/revoke]").attr("action").split("/")[5];
        console.form().post(orgPath + "/setup-links/" + linkId + "/revoke").then().statusCode(200)
                .body(containsString("revoked"));
    }

    @Test
    void anotherTenantsOrganizationIsNotFound() {
        Console mine = Console.signedIn();
        Console theirs = Console.signedIn();
        String theirOrg = Orgs.create(theirs.tenant);
        mine.request().get("/ui/organizations/" + theirOrg).then().statusCode(404);
        mine.form().formParam("domain-name", Orgs.uniqueDomain()).post("/ui/organizations/" + theirOrg + "/domains")
                .then().statusCode(404);
        mine.form().formParam("intent-sso", "sso").post("/ui/organizations/" + theirOrg + "/setup-links")
                .then().statusCode(404);
        theirs.tenant.manage().get("/v2/manage/organizations/" + theirOrg + "/setup-links").then()
                .body("Data.size()", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void anApplicationIsCreatedWithItsSecretShownOnceThenEdited() {
        Console console = Console.signedIn();
        console.page("/ui/applications/new");
        console.form().formParam("name", "").formParam("app-type", "spa").post("/ui/applications").then()
                .statusCode(400).body(containsString("href=\"#name\""));
        Document created = Jsoup.parse(console.form().formParam("name", "Portal").formParam("app-type", "regular_web")
                .formParam("callbacks", "https://app.example.com/cb\nhttps://app.example.com/cb2")
                .post("/ui/applications").then().statusCode(201).extract().asString());
        String secret = created.getElementById("client-secret").text();
        String clientId = created.getElementById("client-id").text();
        assertTrue(secret.length() > 40);
        console.request().get("/ui/applications/" + clientId).then().statusCode(200).body(not(containsString(secret)))
                .body(containsString("https://app.example.com/cb2"));
        console.form().formParam("name", "Portal 2").formParam("app-type", "regular_web")
                .formParam("callbacks", "https://app.example.com/only").post("/ui/applications/" + clientId).then()
                .statusCode(303);
        console.tenant.api().get("/api/v2/clients/" + clientId).then().statusCode(200)
                .body("name", org.hamcrest.Matchers.equalTo("Portal 2"))
                .body("callbacks", org.hamcrest.Matchers.equalTo(java.util.List.of("https://app.example.com/only")));
        Document list = console.page("/ui/applications");
        assertNotNull(list.selectFirst("a[href=/ui/applications/" + clientId + "]"));
        Console other = Console.signedIn();
        other.request().get("/ui/applications/" + clientId).then().statusCode(404);
        other.form().formParam("name", "stolen").formParam("app-type", "spa").post("/ui/applications/" + clientId)
                .then().statusCode(404);
        assertEquals("Portal 2", console.tenant.api().get("/api/v2/clients/" + clientId).then().extract().path("name"));
    }
}
