package io.connectionhub.organization;

import static io.connectionhub.organization.Orgs.SEVEN_NINE_HUNDRED;
import static io.connectionhub.organization.Orgs.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** Organizations: every field rule, paging, status, deletion with connections, tenant isolation. */
@QuarkusTest
@TestProfile(OrgProfiles.LoopbackDns.class)
class OrganizationResourceTest {

    static final String DATE = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";
    static final String ORGANIZATIONS = "/v2/manage/organizations";

    static TestTenant tenant;
    static TestTenant other;

    @BeforeEach
    void tenants() {
        if (tenant == null) {
            tenant = TestTenant.create();
            other = TestTenant.create();
        }
    }

    static ValidatableResponse create(Object body) {
        return tenant.manage().body(body).post(ORGANIZATIONS).then();
    }

    static void assertInvalid(ValidatableResponse response, String description) {
        response.statusCode(400).body("ErrorCode", equalTo(7900)).body("Message", equalTo(SEVEN_NINE_HUNDRED))
                .body("Description", equalTo(description));
    }

    static void assertOrganizationNotFound(ValidatableResponse response) {
        response.statusCode(404).body("ErrorCode", equalTo(8118)).body("Message", equalTo("Organization not found"))
                .body("Description", equalTo("The organization does not exist."));
    }

    // --- create

    @Test
    void createAnswers201WithTheOrganization() {
        String name = unique("acme");
        create(Map.of("Name", name, "Display", Map.of("Name", "Acme Corp", "LogoURL", "https://acme.example.com/l.png"),
                "Metadata", Map.of("plan", "enterprise")))
                .statusCode(201)
                .header("Location", matchesPattern(".*/v2/manage/organizations/org_[A-Za-z0-9]{16}"))
                .body("Id", matchesPattern("org_[A-Za-z0-9]{16}"))
                .body("Name", equalTo(name))
                .body("Display.Name", equalTo("Acme Corp"))
                .body("Display.LogoURL", equalTo("https://acme.example.com/l.png"))
                .body("Metadata.plan", equalTo("enterprise"))
                .body("IsActive", equalTo(true))
                .body("CreatedDate", matchesPattern(DATE))
                .body("ModifiedDate", matchesPattern(DATE))
                .body("Domains", equalTo(List.of()))
                .body("Connections", equalTo(List.of()));
    }

    @Test
    void onlyTheNameIsRequired() {
        create(Map.of("Name", unique("bare"))).statusCode(201).body("Metadata", equalTo(Map.of()))
                .body("Display", equalTo(Map.of()));
    }

    @Test
    void aMissingNameIsRefused() {
        assertInvalid(create(Map.of("Display", Map.of("Name", "x"))), "The Name is invalid: a value is required.");
        assertInvalid(create(Map.of("Name", "  ")), "The Name is invalid: a value is required.");
        assertInvalid(create("{}"), "The Name is invalid: a value is required.");
    }

    @Test
    void aNameOf129CharactersIsRefusedAnd128Accepted() {
        assertInvalid(create(Map.of("Name", "n".repeat(129))), "The Name is invalid: at most 128 characters (129 given).");
        create(Map.of("Name", "n".repeat(128))).statusCode(201);
    }

    @Test
    void displayFieldsFollowTheirRules() {
        assertInvalid(create(Map.of("Name", "x", "Display", Map.of("LogoURL", "ftp://files.example.com/logo.png"))),
                "The Display.LogoURL is invalid: 'ftp://files.example.com/logo.png' is not an absolute http or https "
                        + "URL of at most 2048 characters.");
        assertInvalid(create(Map.of("Name", "x", "Display", Map.of("LogoURL", "/logo.png"))),
                "The Display.LogoURL is invalid: '/logo.png' is not an absolute http or https URL of at most 2048 "
                        + "characters.");
        assertInvalid(create(Map.of("Name", "x", "Display", Map.of("Name", "d".repeat(256)))),
                "The Display.Name is invalid: at most 255 characters (256 given).");
    }

    @Test
    void metadataFollowsTheSharedRule() {
        Map<String, String> eleven = new HashMap<>();
        for (int i = 0; i < 11; i++) {
            eleven.put("k" + i, "v");
        }
        assertInvalid(create(Map.of("Name", "x", "Metadata", eleven)),
                "The Metadata is invalid: Too many properties defined (11), maximum 10.");
        assertInvalid(create(Map.of("Name", "x", "Metadata", Map.of("k", "v".repeat(256)))),
                "The Metadata.k is invalid: String is too long (256 chars), maximum 255.");
    }

    @Test
    void unknownOrMistypedFieldsAreRefused() {
        assertInvalid(create(Map.of("Name", "x", "Website", "https://acme.example.com")),
                "Additional properties not allowed: Website.");
        assertInvalid(create(Map.of("Name", 12)), "The Name is invalid: Expected type string but found type integer.");
    }

    // --- read, update, status

    @Test
    void getShowsTheOrganizationWithItsDomainsAndConnections() {
        String orgId = Orgs.create(tenant);
        String domain = Orgs.verifiedDomain(tenant, orgId);
        String pending = Orgs.uniqueDomain();
        Orgs.addDomain(tenant, orgId, pending);
        String name = unique("sso");
        String connectionId = Orgs.createSaml(tenant, orgId, name, domain).getString("Id");

        tenant.manage().get(ORGANIZATIONS + "/" + orgId).then().statusCode(200)
                .body("Id", equalTo(orgId))
                .body("Domains", hasSize(2))
                .body("Domains[0].DomainName", equalTo(domain))
                .body("Domains[0].IsVerified", equalTo(true))
                .body("Domains[1].DomainName", equalTo(pending))
                .body("Domains[1].IsVerified", equalTo(false))
                .body("Connections", hasSize(1))
                .body("Connections[0].Id", equalTo(connectionId))
                .body("Connections[0].Name", equalTo(name))
                .body("Connections[0].ConnectionType", equalTo("saml_custom"))
                .body("Connections[0].Domain", equalTo(domain))
                .body("Connections[0].IsActive", equalTo(true));
    }

    /**
     * Three times as many reads at once as the pool has connections (8): a read that held its session's connection
     * while asking the pool for a second one left every request waiting, until the acquisition timeout answered 503.
     */
    @Test
    void manyReadsAtOnceAllGetTheOrganization() throws Exception {
        String orgId = Orgs.create(tenant);
        Orgs.createSaml(tenant, orgId, unique("sso"), Orgs.verifiedDomain(tenant, orgId));
        ExecutorService threads = Executors.newFixedThreadPool(24);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < 24; i++) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return tenant.manage().get(ORGANIZATIONS + "/" + orgId).then().extract().statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get(60, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void unknownOrganizationIs8118() {
        assertOrganizationNotFound(tenant.manage().get(ORGANIZATIONS + "/org_0000000000000000").then());
        assertOrganizationNotFound(tenant.manage().body(Map.of("Name", "x")).put(ORGANIZATIONS + "/org_0000000000000000")
                .then());
        assertOrganizationNotFound(tenant.manage().body(Map.of("IsActive", false))
                .put(ORGANIZATIONS + "/org_0000000000000000/status").then());
        assertOrganizationNotFound(tenant.manage().delete(ORGANIZATIONS + "/org_0000000000000000").then());
    }

    @Test
    void putReplacesNameDisplayAndMetadata() {
        String orgId = tenant.manage().body(Map.of("Name", "before", "Display", Map.of("Name", "Before"),
                "Metadata", Map.of("a", "1"))).post(ORGANIZATIONS).then().statusCode(201).extract().path("Id");

        tenant.manage().body(Map.of("Name", "after", "Metadata", Map.of("b", "2"))).put(ORGANIZATIONS + "/" + orgId)
                .then().statusCode(200)
                .body("Name", equalTo("after"))
                .body("Display", equalTo(Map.of()))
                .body("Metadata", equalTo(Map.of("b", "2")));
        tenant.manage().get(ORGANIZATIONS + "/" + orgId).then().statusCode(200).body("Name", equalTo("after"));
        assertInvalid(tenant.manage().body(Map.of("Name", "")).put(ORGANIZATIONS + "/" + orgId).then(),
                "The Name is invalid: a value is required.");
    }

    @Test
    void statusDeactivatesAndActivates() {
        String orgId = Orgs.create(tenant);

        tenant.manage().body(Map.of("IsActive", false)).put(ORGANIZATIONS + "/" + orgId + "/status").then()
                .statusCode(200).body("IsActive", equalTo(false));
        tenant.manage().get(ORGANIZATIONS + "/" + orgId).then().body("IsActive", equalTo(false));
        tenant.manage().body(Map.of("IsActive", true)).put(ORGANIZATIONS + "/" + orgId + "/status").then()
                .statusCode(200).body("IsActive", equalTo(true));
        assertInvalid(tenant.manage().body(Map.of()).put(ORGANIZATIONS + "/" + orgId + "/status").then(),
                "The IsActive is invalid: a value is required.");
        assertInvalid(tenant.manage().body(Map.of("IsActive", "no")).put(ORGANIZATIONS + "/" + orgId + "/status").then(),
                "The IsActive is invalid: Expected type boolean but found type string.");
    }

    // --- list

    @Test
    void listIsDataInCreationOrder() {
        TestTenant fresh = TestTenant.create();
        String first = fresh.manage().body(Map.of("Name", "first")).post(ORGANIZATIONS).then().extract().path("Id");
        String second = fresh.manage().body(Map.of("Name", "second")).post(ORGANIZATIONS).then().extract().path("Id");

        fresh.manage().get(ORGANIZATIONS).then().statusCode(200)
                .body("Data.Id", equalTo(List.of(first, second)))
                .body("NextCursor", nullValue());
    }

    @Test
    void pageSizeAndCursorWalkThroughEveryOrganizationOnce() {
        TestTenant fresh = TestTenant.create();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(fresh.manage().body(Map.of("Name", "org" + i)).post(ORGANIZATIONS).then().statusCode(201)
                    .extract().path("Id"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = fresh.manage().queryParam("PageSize", 2);
            if (cursor != null) {
                request.queryParam("Cursor", cursor);
            }
            JsonPath page = request.get(ORGANIZATIONS).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("Data.Id"));
            cursor = page.getString("NextCursor");
            pages++;
        } while (cursor != null);

        assertEquals(created, seen);
        assertEquals(3, pages);
    }

    @Test
    void badPagingIsRefused() {
        assertInvalid(tenant.manage().queryParam("PageSize", 0).get(ORGANIZATIONS).then(),
                "The PageSize is invalid. It must be between 1 and 100.");
        assertInvalid(tenant.manage().queryParam("PageSize", 101).get(ORGANIZATIONS).then(),
                "The PageSize is invalid. It must be between 1 and 100.");
        assertInvalid(tenant.manage().queryParam("Cursor", "not-a-cursor").get(ORGANIZATIONS).then(),
                "The Cursor is invalid. It is not a NextCursor this API returned.");
    }

    // --- delete

    @Test
    void deleteRemovesTheOrganizationAndDeletesItsConnections() {
        String orgId = Orgs.create(tenant);
        String domain = Orgs.verifiedDomain(tenant, orgId);
        String name = unique("gone");
        String connectionId = Orgs.createSaml(tenant, orgId, name, domain).getString("Id");

        tenant.manage().delete(ORGANIZATIONS + "/" + orgId).then().statusCode(200).body("IsDeleted", equalTo(true));

        assertOrganizationNotFound(tenant.manage().get(ORGANIZATIONS + "/" + orgId).then());
        tenant.manage().get(ORGANIZATIONS).then().body("Data.Id", not(hasItem(orgId)));
        tenant.api().get("/api/v2/connections/" + Orgs.auth0Id(connectionId)).then().statusCode(404)
                .body("errorCode", equalTo("inexistent_connection"));
        // A connection without users is purged at once: its name and its domain are free again.
        String next = Orgs.create(tenant);
        Orgs.createSaml(tenant, next, name, Orgs.verifiedDomain(tenant, next));
        tenant.manage().body(Map.of("DomainName", domain)).post(ORGANIZATIONS + "/" + next + "/domains").then()
                .statusCode(201);
    }

    // --- tenants

    @Test
    void anotherTenantsKeySeesNoneOfTheseOrganizations() {
        String orgId = Orgs.create(tenant);

        assertOrganizationNotFound(other.manage().get(ORGANIZATIONS + "/" + orgId).then());
        assertOrganizationNotFound(other.manage().body(Map.of("Name", "mine")).put(ORGANIZATIONS + "/" + orgId).then());
        assertOrganizationNotFound(other.manage().body(Map.of("IsActive", false))
                .put(ORGANIZATIONS + "/" + orgId + "/status").then());
        assertOrganizationNotFound(other.manage().delete(ORGANIZATIONS + "/" + orgId).then());
        other.manage().get(ORGANIZATIONS).then().statusCode(200).body("Data.Id", not(hasItem(orgId)));
        tenant.manage().get(ORGANIZATIONS + "/" + orgId).then().statusCode(200).body("IsActive", equalTo(true));
    }
}
