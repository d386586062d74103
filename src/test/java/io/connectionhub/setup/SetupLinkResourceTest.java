package io.connectionhub.setup;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.connectionhub.organization.Orgs;
import io.connectionhub.support.TestDatabase;
import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** {@code /v2/manage/organizations/{orgId}/setup-links} (ours, LoginRadius family). */
@QuarkusTest
class SetupLinkResourceTest {

    @Test
    void createShowsTheUrlOnceAndStoresOnlyItsDigest() {
        TestTenant tenant = TestTenant.create();
        String orgId = Orgs.create(tenant);
        JsonPath created = Portal.link(tenant, orgId, List.of("sso", "domain_verification"));
        String url = created.getString("Url");
        assertTrue(url.matches("http://localhost:8080/setup/[A-Za-z0-9_-]{43}"), url);
        Instant expires = Instant.parse(created.getString("ExpiresAt"));
        Duration ttl = Duration.between(Instant.now(), expires);
        assertTrue(ttl.compareTo(Duration.ofDays(5).minusMinutes(5)) > 0 && ttl.compareTo(Duration.ofDays(5)) <= 0, ttl.toString());
        String token = url.substring(url.lastIndexOf('/') + 1);
        assertEquals(0, TestDatabase.count("SELECT count(*) FROM setup_links WHERE token_hash LIKE ?", "%" + token + "%"));
        tenant.manage().get("/v2/manage/organizations/" + orgId + "/setup-links").then().statusCode(200)
                .body("Data", hasSize(1)).body("Data[0].Id", equalTo(created.getString("Id")))
                .body("Data[0].State", equalTo("created")).body("Data[0].Intents", equalTo(List.of("sso",
                        "domain_verification")))
                .body(not(containsString(token)));
    }

    @Test
    void revokedLinksAreListedAsRevoked() {
        TestTenant tenant = TestTenant.create();
        String orgId = Orgs.create(tenant);
        String id = Portal.link(tenant, orgId, List.of("sso")).getString("Id");
        tenant.manage().delete("/v2/manage/organizations/" + orgId + "/setup-links/" + id).then().statusCode(200)
                .body("State", equalTo("revoked")).body("RevokedDate", matchesPattern("\\d{4}-.*Z"));
        tenant.manage().get("/v2/manage/organizations/" + orgId + "/setup-links").then()
                .body("Data[0].State", equalTo("revoked"));
        tenant.manage().delete("/v2/manage/organizations/" + orgId + "/setup-links/setup_nope").then().statusCode(404);
    }

    @Test
    void badRequestsAreRefusedNamingTheField() {
        TestTenant tenant = TestTenant.create();
        String orgId = Orgs.create(tenant);
        String path = "/v2/manage/organizations/" + orgId + "/setup-links";
        tenant.manage().body(Map.of("Intents", List.of())).post(path).then().statusCode(400)
                .body("ErrorCode", equalTo(7900)).body("Description", containsString("Intents"));
        tenant.manage().body(Map.of("Intents", List.of("everything"))).post(path).then().statusCode(400)
                .body("ErrorCode", equalTo(7900)).body("Description", containsString("Intents[0]"));
        tenant.manage().body(Map.of("Intents", List.of("sso"), "TtlSeconds", 2_592_001)).post(path).then()
                .statusCode(400).body("ErrorCode", equalTo(7900)).body("Description", containsString("TtlSeconds"));
        tenant.manage().body(Map.of("Intents", List.of("sso"), "TtlSeconds", "soon")).post(path).then()
                .statusCode(400).body("ErrorCode", equalTo(7900));
        tenant.manage().body(Map.of("Intents", List.of("sso"), "ReturnUrl", "javascript:alert(1)")).post(path).then()
                .statusCode(400).body("ErrorCode", equalTo(7900)).body("Description", containsString("ReturnUrl"));
        tenant.manage().body("{\"Intents\": [\"sso\"").post(path).then().statusCode(400).body("ErrorCode", equalTo(7900));
        tenant.manage().body(Map.of("Intents", List.of("sso"), "TtlSeconds", 2_592_000, "ReturnUrl",
                "https://app.example.com/done")).post(path).then().statusCode(201);
    }

    @Test
    void anotherTenantsOrganizationIsNotFound() {
        TestTenant mine = TestTenant.create();
        TestTenant theirs = TestTenant.create();
        String theirOrg = Orgs.create(theirs);
        mine.manage().body(Map.of("Intents", List.of("sso"))).post("/v2/manage/organizations/" + theirOrg + "/setup-links")
                .then().statusCode(404).body("ErrorCode", equalTo(8118));
        mine.manage().get("/v2/manage/organizations/" + theirOrg + "/setup-links").then().statusCode(404)
                .body("ErrorCode", equalTo(8118));
        String theirLink = Portal.link(theirs, theirOrg, List.of("sso")).getString("Id");
        String myOrg = Orgs.create(mine);
        mine.manage().delete("/v2/manage/organizations/" + myOrg + "/setup-links/" + theirLink).then().statusCode(404);
        theirs.manage().get("/v2/manage/organizations/" + theirOrg + "/setup-links").then()
                .body("Data[0].State", equalTo("created"));
    }

    @Test
    void aDeactivatedOrganizationGetsNoLinks() {
        TestTenant tenant = TestTenant.create();
        String orgId = Orgs.create(tenant);
        tenant.manage().body(Map.of("IsActive", false)).put("/v2/manage/organizations/" + orgId + "/status")
                .then().statusCode(200);
        tenant.manage().body(Map.of("Intents", List.of("sso"))).post("/v2/manage/organizations/" + orgId + "/setup-links")
                .then().statusCode(409).body("ErrorCode", equalTo(8180));
    }

    @Test
    void credentialsAreRequired() {
        org.hamcrest.Matcher<Integer> unauthorized = equalTo(6002);
        io.restassured.RestAssured.given().contentType("application/json").body(Map.of("Intents", List.of("sso")))
                .post("/v2/manage/organizations/org_x/setup-links").then().statusCode(401)
                .body("ErrorCode", unauthorized);
    }
}
