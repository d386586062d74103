package io.connectionhub.organization;

import static io.connectionhub.organization.Orgs.samlByHand;
import static io.connectionhub.organization.Orgs.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.connectionhub.support.Jobs;
import io.connectionhub.support.TestDatabase;
import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/**
 * One connection model under both families: an organization connection is a tenant connection of /api/v2, names are
 * shared, and a deletion started in either family holds the name in both until its purge ends (slow purge profile).
 */
@QuarkusTest
@TestProfile(OrgProfiles.LoopbackIdp.class)
class CrossFamilyConnectionTest {

    static final int USERS = 3000;
    static final String HELD = "A connection with the same name is still being deleted";

    static TestTenant tenant;
    static String orgId;
    static String domain;

    @BeforeEach
    void setUp() {
        if (tenant == null) {
            tenant = TestTenant.create();
            orgId = Orgs.create(tenant);
            domain = Orgs.verifiedDomain(tenant, orgId);
        }
    }

    static String connections() {
        return "/v2/manage/organizations/" + orgId + "/connections";
    }

    static ValidatableResponse createHere(String name) {
        return tenant.manage().body(samlByHand(name, domain)).post(connections()).then();
    }

    static ValidatableResponse createThere(String name) {
        return tenant.api().body(Map.of("name", name, "strategy", "auth0")).post("/api/v2/connections").then();
    }

    /**
     * {@code count} users in the connection, written straight into the users table (set-based, in a second) as
     * sign-ins through the IdP would have written them.
     */
    static void seedUsers(String connectionId, int count) {
        TestDatabase.query("INSERT INTO users (connection_id, tenant_id, user_id, email) SELECT ?, ?, "
                + "'seeded|' || ? || '-' || g, 'u' || g || '@' || ? FROM generate_series(1, ?) AS g",
                connectionId, tenant.id, connectionId, domain, count);
    }

    @Test
    void anOrganizationConnectionIsListedByApiV2() {
        String name = unique("listed");
        String id = createHere(name).statusCode(201).extract().path("Id");

        tenant.api().queryParam("name", name).get("/api/v2/connections").then().statusCode(200)
                .body("id", equalTo(List.of(Orgs.auth0Id(id))))
                .body("[0].strategy", equalTo("samlp"))
                .body("[0].realms", equalTo(List.of(domain)))
                .body("[0].authentication.active", equalTo(true));
        tenant.api().get("/api/v2/connections").then().statusCode(200).body("name", hasItem(name));
    }

    @Test
    void aNameTakenHereIsTakenThereAndTheOtherWayRound() {
        String mine = unique("here");
        createHere(mine).statusCode(201);
        createThere(mine.toUpperCase()).statusCode(409).body("errorCode", equalTo("connection_conflict"));

        String theirs = unique("there");
        createThere(theirs).statusCode(201);
        createHere(theirs).statusCode(409).body("ErrorCode", equalTo(8148))
                .body("Message", equalTo("Connection exists with the same name"))
                .body("Description", equalTo("Connection exists with the same name. Use a different Connection name."));
    }

    @Test
    void aDeletionInApiV2HoldsTheNameHereUntilItsPurgeEnds() {
        String name = unique("big");
        String id = createThere(name).statusCode(201).extract().path("id");
        seedUsers(id, USERS);

        String jobId = tenant.api().delete("/api/v2/connections/" + id).then().statusCode(202).extract()
                .header("Location").replaceAll(".*/", "");

        createHere(name).statusCode(409).header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("ErrorCode", equalTo(8148))
                .body("Message", equalTo("Connection exists with the same name"))
                .body("Description", containsString(HELD))
                .body("Description", containsString(jobId));
        Jobs.awaitFinished(tenant, jobId, Duration.ofMinutes(2));
        createHere(name).statusCode(201);
    }

    @Test
    void aDeletionHereHoldsTheNameInBothFamiliesUntilItsPurgeEnds() {
        String name = unique("sso");
        String id = createHere(name).statusCode(201).extract().path("Id");
        String connectionId = Orgs.auth0Id(id);
        seedUsers(connectionId, USERS);

        tenant.manage().delete(connections() + "/" + id).then().statusCode(200).body("IsDeleted", equalTo(true));

        tenant.api().get("/api/v2/connections/" + connectionId).then().statusCode(404);
        String jobId = createThere(name).statusCode(409).body("errorCode", equalTo("connection_conflict"))
                .extract().path("deletion_job_id");
        createHere(name).statusCode(409).body("ErrorCode", equalTo(8148)).body("Description", containsString(HELD));
        tenant.manage().delete(connections() + "/" + id).then().statusCode(409).body("ErrorCode", equalTo(8166));

        Jobs.awaitFinished(tenant, jobId, Duration.ofMinutes(2));
        tenant.manage().delete(connections() + "/" + id).then().statusCode(409).body("ErrorCode", equalTo(8166));
        createHere(name).statusCode(201);
    }

    @Test
    void aDeletionInApiV2TakesTheConnectionOutOfItsOrganization() {
        String id = createHere(unique("gone")).statusCode(201).extract().path("Id");

        tenant.api().delete("/api/v2/connections/" + Orgs.auth0Id(id)).then().statusCode(202);

        tenant.manage().get(connections() + "/" + id).then().statusCode(404).body("ErrorCode", equalTo(8151));
        tenant.manage().get(connections()).then().body("Data.Id", not(hasItem(id)));
        tenant.manage().delete(connections() + "/" + id).then().statusCode(409).body("ErrorCode", equalTo(8166));
    }

    @Test
    void deactivatingThroughApiV2ShowsHere() {
        String id = createHere(unique("toggle")).statusCode(201).extract().path("Id");

        tenant.api().body(Map.of("authentication", Map.of("active", false)))
                .patch("/api/v2/connections/" + Orgs.auth0Id(id)).then().statusCode(200);

        tenant.manage().get(connections() + "/" + id).then().statusCode(200).body("IsActive", equalTo(false));
    }
}
