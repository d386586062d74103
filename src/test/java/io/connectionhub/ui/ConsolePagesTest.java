package io.connectionhub.ui;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import io.connectionhub.organization.OrgProfiles;
import io.connectionhub.organization.Orgs;
import io.connectionhub.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** The console's connection and job pages, against the services the APIs use. */
@QuarkusTest
@TestProfile(OrgProfiles.LoopbackIdp.class)
class ConsolePagesTest {

    @Test
    void connectionsAreListedByStrategyAndPaged() {
        Console console = Console.signedIn();
        for (int i = 0; i < 52; i++) {
            console.tenant.api().body(Map.of("name", "db-" + i, "strategy", "auth0")).post("/api/v2/connections")
                    .then().statusCode(201);
        }
        console.tenant.api().body(Map.of("name", "google", "strategy", "google-oauth2")).post("/api/v2/connections")
                .then().statusCode(201);
        Document first = console.page("/ui/connections");
        assertEquals(50, first.select("tbody tr").size());
        Element next = first.selectFirst("a[rel=next]");
        assertNotNull(next);
        Document second = console.page(next.attr("href"));
        assertEquals(List.of("db-50", "db-51", "google"), second.select("tbody tr td:first-child a").eachText());
        Document google = console.page("/ui/connections?strategy=google-oauth2");
        assertEquals(List.of("google"), google.select("tbody tr td:first-child a").eachText());
        assertNotNull(google.selectFirst("label[for=strategy]"));
        console.request().get("/ui/connections?strategy=nonsense").then().statusCode(400)
                .contentType(startsWith("text/html"));
        console.request().get("/ui/connections?from=garbage").then().statusCode(400);
    }

    @Test
    void aSamlConnectionShowsItsSpValuesAndIdpCertificate() {
        Console console = Console.signedIn();
        String orgId = Orgs.create(console.tenant);
        String domain = Orgs.verifiedDomain(console.tenant, orgId);
        JsonPath created = Orgs.createSaml(console.tenant, orgId, Orgs.unique("acme"), domain);
        String connectionId = Orgs.auth0Id(created.getString("Id"));
        Document page = console.page("/ui/connections/" + connectionId);
        assertEquals(created.getString("EntityId"), page.getElementById("sp-entity-id").text());
        assertEquals(created.getString("ACSEndpoint"), page.getElementById("sp-acs-url").text());
        assertEquals(created.getString("MetadataUrl"), page.getElementById("sp-metadata-url").text());
        assertEquals("Copy SP entity ID", page.selectFirst("button[data-copy=sp-entity-id]").attr("aria-label"));
        assertTrue(page.text().contains(created.getString("IDPCertificate.NotAfter")), page.text());
        assertTrue(page.text().contains(created.getString("IDPEntityId")));
        console.request().get("/ui/connections/" + connectionId + "/sp-metadata.xml").then().statusCode(200)
                .header("Content-Disposition", containsString("attachment"))
                .body(containsString(created.getString("EntityId")));
        // the page never carries option values, which may be secret
        String secretConnection = console.tenant.api().body(Map.of("name", Orgs.unique("oidc"), "strategy", "oidc",
                "options", Map.of("client_id", "abc", "client_secret", "very-secret-value-123",
                        "issuer", "https://idp.example.com", "discovery_url", "https://idp.example.com/.well-known/openid-configuration")))
                .post("/api/v2/connections").then().statusCode(201).extract().path("id");
        console.request().get("/ui/connections/" + secretConnection).then().statusCode(200)
                .body(not(containsString("very-secret-value-123")));
    }

    @Test
    void aConnectionShowsItsRecentSignInsAndNoOneElses() {
        Console console = Console.signedIn();
        String mine = console.tenant.api().body(Map.of("name", Orgs.unique("db"), "strategy", "auth0"))
                .post("/api/v2/connections").then().statusCode(201).extract().path("id");
        assertTrue(console.page("/ui/connections/" + mine).text().contains("No sign-in through this connection yet."));
        // events as the sign-in core writes them (its own tests drive real sign-ins)
        for (int i = 0; i < 12; i++) {
            io.connectionhub.support.TestDatabase.query("INSERT INTO sign_in_events (tenant_id, type, description, "
                    + "connection, connection_id, user_name) VALUES (?, ?, ?, 'x', ?, ?)", console.tenant.id,
                    i % 2 == 0 ? "s" : "fp", "attempt " + i, mine, "user" + i + "@example.com");
        }
        Console other = Console.signedIn();
        io.connectionhub.support.TestDatabase.query("INSERT INTO sign_in_events (tenant_id, type, description, "
                + "connection_id, user_name) VALUES (?, 'f', 'not mine', ?, 'stranger@example.com')", other.tenant.id, mine);
        Document page = console.page("/ui/connections/" + mine);
        List<String> descriptions = page.select("table:has(caption:contains(sign-in events)) tbody tr td:nth-child(4)")
                .eachText();
        assertEquals(10, descriptions.size(), page.text());
        assertEquals("attempt 11", descriptions.get(0));
        assertTrue(!page.text().contains("not mine") && !page.text().contains("stranger@example.com"));
    }

    @Test
    void usersAreSearchedByEmailPrefixAndPaged() {
        Console console = Console.signedIn();
        String connectionId = Jobs.connectionWithUsers(console.tenant, Orgs.unique("people"), 120);
        String prefix = console.tenant.api().get("/api/v2/connections/" + connectionId).then().extract().path("name");
        Document all = console.page("/ui/connections/" + connectionId + "/users");
        assertEquals(50, all.select("tbody tr").size());
        Document found = console.page("/ui/connections/" + connectionId + "/users?email=" + prefix.toUpperCase() + "-11");
        // byte order of the email: '0' (0x30) sorts before '@' (0x40)
        assertEquals(List.of(prefix + "-110@example.com", prefix + "-111@example.com",
                prefix + "-112@example.com", prefix + "-113@example.com", prefix + "-114@example.com",
                prefix + "-115@example.com", prefix + "-116@example.com", prefix + "-117@example.com",
                prefix + "-118@example.com", prefix + "-119@example.com", prefix + "-11@example.com"), found.select("tbody tr td:first-child").eachText());
        Document connection = console.page("/ui/connections/" + connectionId);
        assertTrue(connection.text().contains("Users 120"), connection.text());
        console.request().queryParam("email", "a\u0000b").get("/ui/connections/" + connectionId + "/users").then()
                .statusCode(400).contentType(startsWith("text/html"));
    }

    @Test
    void aDeletionShowsTheReservedNameAndItsProgressUntilDone() {
        Console console = Console.signedIn();
        String name = Orgs.unique("big");
        String connectionId = Jobs.connectionWithUsers(console.tenant, name, 2000);
        console.form().post("/ui/connections/" + connectionId + "/delete").then().statusCode(303)
                .header("Location", endsWith("/ui/connections"));
        Document list = console.page("/ui/connections");
        Element cell = list.selectFirst("td[hx-get]");
        assertNotNull(cell, list.html());
        assertTrue(cell.text().contains("Deleting") && cell.text().contains("name reserved until done"), cell.text());
        String poll = cell.attr("hx-get");
        assertTrue(poll.startsWith("/ui/jobs/job_") && poll.endsWith("/deletion"), poll);
        String jobId = poll.substring("/ui/jobs/".length(), poll.length() - "/deletion".length());
        Jobs.awaitFinished(console.tenant, jobId, Duration.ofMinutes(2));
        Document done = org.jsoup.Jsoup.parse(console.request().header("HX-Request", "true").get(poll).asString());
        assertTrue(done.text().contains("100 %") && done.text().contains(name + " is free"), done.text());
        assertTrue(done.select("[hx-trigger]").isEmpty(), "polling stops once the deletion is done");
        Document job = console.page("/ui/jobs/" + jobId);
        assertTrue(job.text().contains("completed"), job.text());
        assertNotNull(job.selectFirst("progress[value=100]"));
        assertTrue(console.page("/ui/jobs").text().contains(jobId));
    }

    @Test
    void anImportShowsItsCountsAndRefusedUsers() {
        Console console = Console.signedIn();
        String connectionId = console.tenant.api().body(Map.of("name", Orgs.unique("imp"), "strategy", "auth0"))
                .post("/api/v2/connections").then().statusCode(201).extract().path("id");
        byte[] file = ("{\"email\":\"good@example.com\"}\n{\"email\":\"not-an-email\"}\n{\"email\":\"x@example.com\","
                + "\"given_name\":5}\n").getBytes(StandardCharsets.UTF_8);
        String jobId = Jobs.startImport(console.tenant, connectionId, file, false).getString("id");
        Jobs.awaitFinished(console.tenant, jobId, Duration.ofMinutes(1));
        Document job = console.page("/ui/jobs/" + jobId);
        assertTrue(job.text().contains("Inserted 1") && job.text().contains("Failed 2"), job.text());
        assertEquals(2, job.select("table tbody tr").size());
        console.request().get("/ui/jobs/" + jobId + "/errors.json").then().statusCode(200)
                .header("Content-Disposition", containsString("attachment")).body(containsString("not-an-email"));
        Console other = Console.signedIn();
        other.request().get("/ui/jobs/" + jobId).then().statusCode(404);
        other.request().get("/ui/jobs/" + jobId + "/errors.json").then().statusCode(404);
        other.request().get("/ui/jobs/" + jobId + "/progress").then().statusCode(404);
    }
}
