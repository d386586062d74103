package io.connectionhub.connection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.connectionhub.support.TestDatabase;
import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Every rule of the connections contract, black-box over HTTP against the real database. */
@QuarkusTest
class ConnectionResourceTest {

    static TestTenant tenant;
    static TestTenant other;

    @BeforeEach
    void tenants() {
        if (tenant == null) {
            tenant = TestTenant.create();
            other = TestTenant.create();
        }
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static ValidatableResponse create(Object body) {
        return tenant.api().body(body).post("/api/v2/connections").then();
    }

    private static Map<String, Object> connection(String name, String strategy, Object... more) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("strategy", strategy);
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    private static void assertInvalidBody(Object body, String messagePart) {
        create(body).statusCode(400).body("statusCode", equalTo(400)).body("errorCode", equalTo("invalid_body"))
                .body("message", containsString(messagePart));
    }

    // --- create: the defaults and the shape

    @Test
    void createAnswers201WithTheFullConnectionAndItsDefaults() {
        String name = unique("db");
        create(connection(name, "auth0"))
                .statusCode(201)
                .header("Location", matchesPattern(".*/api/v2/connections/con_[A-Za-z0-9]{16}"))
                .body("id", matchesPattern("con_[A-Za-z0-9]{16}"))
                .body("name", equalTo(name))
                .body("strategy", equalTo("auth0"))
                .body("realms", equalTo(List.of(name)))
                .body("enabled_clients", equalTo(List.of()))
                .body("is_domain_connection", equalTo(false))
                .body("show_as_button", equalTo(false))
                .body("authentication.active", equalTo(true))
                .body("connected_accounts.active", equalTo(false))
                .body("options", equalTo(Map.of()));
    }

    @Test
    void createKeepsEveryGivenField() {
        String name = unique("full");
        String clientId = tenant.api().body(Map.of("name", "app")).post("/api/v2/clients").then().statusCode(201)
                .extract().path("client_id");
        create(connection(name, "google-oauth2", "display_name", "Google", "realms", List.of("example.com"),
                "metadata", Map.of("team", "identity"), "is_domain_connection", true, "show_as_button", true,
                "enabled_clients", List.of(clientId), "authentication", Map.of("active", false),
                "connected_accounts", Map.of("active", true)))
                .statusCode(201)
                .body("display_name", equalTo("Google"))
                .body("realms", equalTo(List.of("example.com")))
                .body("metadata.team", equalTo("identity"))
                .body("is_domain_connection", equalTo(true))
                .body("show_as_button", equalTo(true))
                .body("enabled_clients", equalTo(List.of(clientId)))
                .body("authentication.active", equalTo(false))
                .body("connected_accounts.active", equalTo(true));
    }

    @Test
    void emptyRealmsDefaultToTheName() {
        String name = unique("realm");
        create(connection(name, "auth0", "realms", List.of())).statusCode(201).body("realms", equalTo(List.of(name)));
    }

    // --- name rules

    @Test
    void nameStartingWithHyphenIsRefused() {
        assertInvalidBody(connection("-a", "auth0"), "does not match pattern");
    }

    @Test
    void nameEndingWithHyphenIsRefused() {
        assertInvalidBody(connection("a-", "auth0"), "does not match pattern");
    }

    @Test
    void nameWithDoubleHyphenIsRefused() {
        assertInvalidBody(connection("a--b", "auth0"), "does not match pattern");
    }

    @Test
    void nameOf129CharactersIsRefusedAnd128Accepted() {
        assertInvalidBody(connection("a" + "b".repeat(128), "auth0"), "String is too long (129 chars), maximum 128");
        create(connection("c" + UUID.randomUUID().toString().replace("-", "") + "d".repeat(95), "auth0")).statusCode(201);
    }

    @Test
    void unicodeNameIsRefused() {
        assertInvalidBody(connection("café", "auth0"), "does not match pattern");
        assertInvalidBody(connection("名前", "auth0"), "does not match pattern");
    }

    @Test
    void emptyOrMissingNameIsRefused() {
        assertInvalidBody(connection("", "auth0"), "String is too short");
        assertInvalidBody(Map.of("strategy", "auth0"), "Missing required property: name");
    }

    @Test
    void nameOfWrongTypeIsRefused() {
        assertInvalidBody(Map.of("name", 12, "strategy", "auth0"), "Expected type string but found type integer");
    }

    @Test
    void singleCharacterAndInnerHyphensAreAccepted() {
        create(connection(unique("x") + "-y-z", "auth0")).statusCode(201);
    }

    // --- strategy, display name, metadata, types, unknown fields

    @Test
    void unknownStrategyIsRefused() {
        assertInvalidBody(connection(unique("s"), "myspace"), "No enum match for: \"myspace\"");
        assertInvalidBody(Map.of("name", unique("s")), "Missing required property: strategy");
    }

    @Test
    void everyListedStrategyIsAccepted() {
        for (String strategy : List.of("ad", "apple", "github", "linkedin", "salesforce-community", "yandex", "ip")) {
            create(connection(unique("st"), strategy)).statusCode(201).body("strategy", equalTo(strategy));
        }
    }

    @Test
    void displayNameOver128IsRefused() {
        assertInvalidBody(connection(unique("d"), "auth0", "display_name", "x".repeat(129)),
                "String is too long (129 chars), maximum 128");
    }

    @Test
    void elevenMetadataKeysAreRefused() {
        Map<String, String> metadata = new HashMap<>();
        for (int i = 0; i < 11; i++) {
            metadata.put("k" + i, "v");
        }
        assertInvalidBody(connection(unique("m"), "auth0", "metadata", metadata), "Too many properties defined (11), maximum 10");
        metadata.remove("k10");
        create(connection(unique("m"), "auth0", "metadata", metadata)).statusCode(201);
    }

    @Test
    void metadataValueOf256CharactersIsRefused() {
        assertInvalidBody(connection(unique("m"), "auth0", "metadata", Map.of("k", "v".repeat(256))),
                "String is too long (256 chars), maximum 255");
        create(connection(unique("m"), "auth0", "metadata", Map.of("k", "v".repeat(255)))).statusCode(201);
    }

    @Test
    void metadataValuesMustBeStringsOrNull() {
        assertInvalidBody(connection(unique("m"), "auth0", "metadata", Map.of("k", 5)), "Expected type string");
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("k", null);
        create(connection(unique("m"), "auth0", "metadata", withNull)).statusCode(201);
    }

    @Test
    void unknownTopLevelFieldIsRefused() {
        assertInvalidBody(connection(unique("u"), "auth0", "colour", "blue"), "Additional properties not allowed: colour");
    }

    @Test
    void wrongTypesAreRefused() {
        assertInvalidBody(connection(unique("t"), "auth0", "is_domain_connection", "yes"), "Expected type boolean");
        assertInvalidBody(connection(unique("t"), "auth0", "options", List.of(1)), "Expected type object");
        assertInvalidBody(connection(unique("t"), "auth0", "realms", "example.com"), "Expected type array");
        assertInvalidBody(connection(unique("t"), "auth0", "authentication", Map.of()), "Missing required property: active");
    }

    @Test
    void brokenJsonIsRefused() {
        tenant.api().body("{\"name\": \"x\", ").post("/api/v2/connections").then().statusCode(400)
                .body("errorCode", equalTo("invalid_body"));
    }

    // --- enabled clients

    @Test
    void enabledClientsMustBeThisTenantsClients() {
        String foreign = other.api().body(Map.of("name", "theirs")).post("/api/v2/clients").then().statusCode(201)
                .extract().path("client_id");
        assertInvalidBody(connection(unique("e"), "auth0", "enabled_clients", List.of(foreign)), "Unknown client id: " + foreign);
        assertInvalidBody(connection(unique("e"), "auth0", "enabled_clients", List.of("nope")), "Unknown client id: nope");
    }

    @Test
    void enabledClientsEndpointsPageAndChange() {
        String id = create(connection(unique("ec"), "auth0")).statusCode(201).extract().path("id");
        List<String> clientIds = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clientIds.add(tenant.api().body(Map.of("name", "c" + i)).post("/api/v2/clients").then().statusCode(201)
                    .extract().path("client_id"));
        }
        List<Map<String, Object>> enable = clientIds.stream().map(c -> Map.<String, Object> of("client_id", c, "status", true)).toList();
        tenant.api().body(enable).patch("/api/v2/connections/" + id + "/clients").then().statusCode(204);
        var first = tenant.api().queryParam("take", 2).get("/api/v2/connections/" + id + "/clients").then().statusCode(200)
                .body("clients", hasSize(2)).body("next", notNullValue()).extract().jsonPath();
        tenant.api().queryParam("take", 2).queryParam("from", first.getString("next"))
                .get("/api/v2/connections/" + id + "/clients").then().statusCode(200)
                .body("clients", hasSize(1)).body("next", nullValue());
        tenant.api().body(List.of(Map.of("client_id", clientIds.get(0), "status", false)))
                .patch("/api/v2/connections/" + id + "/clients").then().statusCode(204);
        tenant.api().get("/api/v2/connections/" + id).then().statusCode(200)
                .body("enabled_clients", not(hasItem(clientIds.get(0)))).body("enabled_clients", hasSize(2));
    }

    @Test
    void enabledClientsPatchTakesOneToFiftyItemsOfThisTenant() {
        String id = create(connection(unique("ec"), "auth0")).statusCode(201).extract().path("id");
        tenant.api().body(List.of()).patch("/api/v2/connections/" + id + "/clients").then().statusCode(400)
                .body("errorCode", equalTo("invalid_body"));
        List<Map<String, Object>> tooMany = new java.util.ArrayList<>();
        for (int i = 0; i < 51; i++) {
            tooMany.add(Map.of("client_id", "c" + i, "status", true));
        }
        tenant.api().body(tooMany).patch("/api/v2/connections/" + id + "/clients").then().statusCode(400)
                .body("errorCode", equalTo("invalid_body"));
        String foreign = other.api().body(Map.of("name", "theirs")).post("/api/v2/clients").then().statusCode(201)
                .extract().path("client_id");
        tenant.api().body(List.of(Map.of("client_id", foreign, "status", true)))
                .patch("/api/v2/connections/" + id + "/clients").then().statusCode(400).body("errorCode", equalTo("invalid_body"));
    }

    @Test
    void deletingAClientRemovesItFromConnections() {
        String clientId = tenant.api().body(Map.of("name", "short-lived")).post("/api/v2/clients").then().statusCode(201)
                .extract().path("client_id");
        String id = create(connection(unique("dc"), "auth0", "enabled_clients", List.of(clientId))).statusCode(201)
                .extract().path("id");
        tenant.api().delete("/api/v2/clients/" + clientId).then().statusCode(204);
        tenant.api().get("/api/v2/connections/" + id).then().statusCode(200).body("enabled_clients", equalTo(List.of()));
    }

    // --- uniqueness

    @Test
    void duplicateNameIsConflictInAnyCase() {
        String name = unique("dup");
        create(connection(name, "auth0")).statusCode(201);
        create(connection(name, "github")).statusCode(409).body("errorCode", equalTo("connection_conflict"))
                .body("statusCode", equalTo(409)).body("error", equalTo("Conflict"))
                .body("message", equalTo("A connection with the same name already exists"));
        create(connection(name.toUpperCase(), "auth0")).statusCode(409).body("errorCode", equalTo("connection_conflict"));
    }

    @Test
    void sameNameInAnotherTenantIsFine() {
        String name = unique("shared");
        create(connection(name, "auth0")).statusCode(201);
        other.api().body(connection(name, "auth0")).post("/api/v2/connections").then().statusCode(201);
    }

    // --- per-strategy options

    @Test
    void oidcNeedsClientIdAndDiscoveryUrlOrIssuer() {
        assertInvalidBody(connection(unique("o"), "oidc", "options", Map.of("issuer", "https://idp.example.com")),
                "Missing required property: client_id");
        assertInvalidBody(connection(unique("o"), "oidc", "options", Map.of("client_id", "abc")),
                "Missing required property: discovery_url or issuer");
        assertInvalidBody(connection(unique("o"), "okta", "options", Map.of("client_id", "abc", "issuer", "https://x",
                "type", "sideways")), "No enum match for: \"sideways\"");
        create(connection(unique("o"), "oidc", "options", Map.of("client_id", "abc",
                "discovery_url", "https://idp.example.com/.well-known/openid-configuration", "type", "back_channel")))
                .statusCode(201);
    }

    @Test
    void waadNeedsClientIdAndDomain() {
        assertInvalidBody(connection(unique("w"), "waad", "options", Map.of("client_id", "abc")),
                "Missing required property: domain or tenant_domain");
        create(connection(unique("w"), "waad", "options", Map.of("client_id", "abc", "tenant_domain", "acme.onmicrosoft.com")))
                .statusCode(201);
    }

    @Test
    void adfsNeedsServerOrFederationMetadata() {
        assertInvalidBody(connection(unique("a"), "adfs", "options", Map.of()),
                "Missing required property: adfs_server or fedMetadataXml");
        create(connection(unique("a"), "adfs", "options", Map.of("adfs_server", "https://adfs.example.com"))).statusCode(201);
    }

    @Test
    void googleAppsEmailAndSmsNeedTheirOptions() {
        assertInvalidBody(connection(unique("g"), "google-apps", "options", Map.of()), "Missing required property: domain");
        assertInvalidBody(connection(unique("e"), "email", "options", Map.of("email", "x")), "Missing required property: email");
        assertInvalidBody(connection(unique("s"), "sms", "options", Map.of("twilio_sid", "AC1")),
                "Missing required property: twilio_token");
        create(connection(unique("s"), "sms", "options", Map.of("twilio_sid", "AC1", "twilio_token", "tok"))).statusCode(201);
    }

    // --- options visibility and secrets at rest

    @Test
    void optionsAreShownOnlyWithReadConnectionsOptions() {
        String name = unique("vis");
        String id = create(connection(name, "oidc", "options", Map.of("client_id", "cid", "client_secret", "s3cr3t-value",
                "issuer", "https://idp.example.com"))).statusCode(201).extract().path("id");
        String withoutOptions = tenant.token("read:connections");
        given().auth().oauth2(withoutOptions).get("/api/v2/connections/" + id).then().statusCode(200)
                .body("$", not(hasKey("options")));
        given().auth().oauth2(withoutOptions).queryParam("name", name).get("/api/v2/connections").then().statusCode(200)
                .body("[0]", not(hasKey("options")));
        given().auth().oauth2(tenant.token("create:connections")).contentType(ContentType.JSON)
                .body(connection(unique("vis"), "auth0")).post("/api/v2/connections").then().statusCode(201)
                .body("$", not(hasKey("options")));
        String withOptions = tenant.token("read:connections", "read:connections_options");
        given().auth().oauth2(withOptions).get("/api/v2/connections/" + id).then().statusCode(200)
                .body("options.client_id", equalTo("cid")).body("options.client_secret", equalTo("s3cr3t-value"));
    }

    @Test
    void secretOptionsAreNotStoredInClearText() {
        String secret = "very-secret-" + UUID.randomUUID();
        String twilio = "twilio-" + UUID.randomUUID();
        String id = create(connection(unique("sec"), "oidc", "options", Map.of("client_id", "cid", "client_secret", secret,
                "issuer", "https://idp.example.com", "nested", Map.of("private_key", twilio)))).statusCode(201)
                .extract().path("id");
        String stored = TestDatabase.single("select options::text as options from connections where id = ?", id)
                .get("options").toString();
        assertFalse(stored.contains(secret), stored);
        assertFalse(stored.contains(twilio), stored);
        assertTrue(stored.contains("\"client_id\": \"cid\""), stored);
        assertTrue(stored.contains("$sealed"), stored);
        tenant.api().get("/api/v2/connections/" + id).then().statusCode(200)
                .body("options.client_secret", equalTo(secret)).body("options.nested.private_key", equalTo(twilio));
    }

    // --- get

    @Test
    void getUnknownOrForeignConnectionIs404() {
        tenant.api().get("/api/v2/connections/con_0000000000000000").then().statusCode(404)
                .body("errorCode", equalTo("inexistent_connection"));
        String foreign = other.api().body(connection(unique("f"), "auth0")).post("/api/v2/connections").then()
                .statusCode(201).extract().path("id");
        tenant.api().get("/api/v2/connections/" + foreign).then().statusCode(404).body("errorCode", equalTo("inexistent_connection"));
        tenant.api().body(Map.of("display_name", "x")).patch("/api/v2/connections/" + foreign).then().statusCode(404)
                .body("errorCode", equalTo("inexistent_connection"));
        tenant.api().delete("/api/v2/connections/" + foreign).then().statusCode(404).body("errorCode", equalTo("inexistent_connection"));
    }

    @Test
    void getHonoursFieldsAndIncludeFields() {
        String id = create(connection(unique("fl"), "auth0", "display_name", "Shown")).statusCode(201).extract().path("id");
        tenant.api().queryParam("fields", "id,name").get("/api/v2/connections/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("name", notNullValue()).body("$", not(hasKey("strategy")))
                .body("$", not(hasKey("display_name")));
        tenant.api().queryParam("fields", "options,realms").queryParam("include_fields", false)
                .get("/api/v2/connections/" + id).then().statusCode(200)
                .body("$", not(hasKey("options"))).body("$", not(hasKey("realms"))).body("display_name", equalTo("Shown"));
    }

    // --- list

    @Test
    void listHasTheThreeShapes() {
        TestTenant owner = TestTenant.create();
        for (int i = 0; i < 5; i++) {
            owner.api().body(connection("c" + i, i % 2 == 0 ? "auth0" : "github")).post("/api/v2/connections")
                    .then().statusCode(201);
        }
        owner.api().get("/api/v2/connections").then().statusCode(200)
                .body("$", instanceOf(List.class)).body("$", hasSize(5)).body("name", equalTo(List.of("c0", "c1", "c2", "c3", "c4")));
        owner.api().queryParam("per_page", 2).queryParam("page", 1).get("/api/v2/connections").then().statusCode(200)
                .body("name", equalTo(List.of("c2", "c3")));
        owner.api().queryParam("per_page", 2).queryParam("page", 1).queryParam("include_totals", true)
                .get("/api/v2/connections").then().statusCode(200)
                .body("start", equalTo(2)).body("limit", equalTo(2)).body("total", equalTo(5))
                .body("connections.name", equalTo(List.of("c2", "c3")));
        owner.api().queryParam("take", 3).get("/api/v2/connections").then().statusCode(200)
                .body("connections.name", equalTo(List.of("c0", "c1", "c2"))).body("next", notNullValue())
                .body("$", not(hasKey("total")));
        // both styles: checkpoint wins
        String next = owner.api().queryParam("take", 3).queryParam("page", 0).queryParam("include_totals", true)
                .get("/api/v2/connections").then().statusCode(200)
                .body("$", not(hasKey("start"))).body("connections", hasSize(3)).extract().path("next");
        owner.api().queryParam("take", 3).queryParam("from", next).get("/api/v2/connections").then().statusCode(200)
                .body("connections.name", equalTo(List.of("c3", "c4"))).body("$", not(hasKey("next")));
    }

    @Test
    void listFiltersByStrategyAndNameAndSelectsFields() {
        TestTenant owner = TestTenant.create();
        for (String strategy : List.of("auth0", "github", "apple", "github")) {
            owner.api().body(connection(unique(strategy), strategy)).post("/api/v2/connections").then().statusCode(201);
        }
        owner.api().queryParam("strategy", "github").get("/api/v2/connections").then().statusCode(200).body("$", hasSize(2));
        owner.api().queryParam("strategy", "github").queryParam("strategy", "apple").get("/api/v2/connections")
                .then().statusCode(200).body("$", hasSize(3));
        String name = owner.api().queryParam("strategy", "apple").get("/api/v2/connections").then().extract().path("[0].name");
        owner.api().queryParam("name", name).queryParam("fields", "name").get("/api/v2/connections").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].name", equalTo(name)).body("[0]", not(hasKey("id")));
    }

    @Test
    void badListParametersAreInvalidQueryString() {
        tenant.api().queryParam("take", 101).get("/api/v2/connections").then().statusCode(400)
                .body("errorCode", equalTo("invalid_query_string"));
        tenant.api().queryParam("per_page", 101).get("/api/v2/connections").then().statusCode(400)
                .body("errorCode", equalTo("invalid_query_string"));
        tenant.api().queryParam("from", "not-a-cursor!").get("/api/v2/connections").then().statusCode(400)
                .body("errorCode", equalTo("invalid_query_string"));
        tenant.api().queryParam("strategy", "myspace").get("/api/v2/connections").then().statusCode(400)
                .body("errorCode", equalTo("invalid_query_string"));
        tenant.api().queryParam("take", "many").get("/api/v2/connections").then().statusCode(400)
                .body("errorCode", equalTo("invalid_query_string"));
    }

    @Test
    void listNeverShowsAnotherTenantsConnections() {
        String name = unique("mine");
        other.api().body(connection(name, "auth0")).post("/api/v2/connections").then().statusCode(201);
        tenant.api().queryParam("name", name).get("/api/v2/connections").then().statusCode(200).body("$", hasSize(0));
    }

    // --- update

    @Test
    void updateRefusesNameAndStrategy() {
        String id = create(connection(unique("p"), "auth0")).statusCode(201).extract().path("id");
        tenant.api().body(Map.of("name", "renamed")).patch("/api/v2/connections/" + id).then().statusCode(400)
                .body("errorCode", equalTo("invalid_body")).body("message", containsString("name"));
        tenant.api().body(Map.of("strategy", "github")).patch("/api/v2/connections/" + id).then().statusCode(400)
                .body("errorCode", equalTo("invalid_body")).body("message", containsString("strategy"));
    }

    @Test
    void updateReplacesOptionsWholeAndRevalidatesThem() {
        String id = create(connection(unique("p"), "oidc", "options", Map.of("client_id", "a", "issuer", "https://i",
                "scope", "openid"))).statusCode(201).extract().path("id");
        tenant.api().body(Map.of("options", Map.of("client_id", "b", "discovery_url", "https://d")))
                .patch("/api/v2/connections/" + id).then().statusCode(200)
                .body("options.client_id", equalTo("b")).body("options", not(hasKey("scope"))).body("options", not(hasKey("issuer")));
        tenant.api().body(Map.of("options", Map.of("issuer", "https://i"))).patch("/api/v2/connections/" + id)
                .then().statusCode(400).body("errorCode", equalTo("invalid_body"))
                .body("message", containsString("Missing required property: client_id"));
    }

    @Test
    void updatingOptionsNeedsUpdateConnectionsOptions() {
        String id = create(connection(unique("p"), "auth0")).statusCode(201).extract().path("id");
        given().auth().oauth2(tenant.token("update:connections")).contentType(ContentType.JSON)
                .body(Map.of("options", Map.of("x", 1))).patch("/api/v2/connections/" + id).then().statusCode(403)
                .body("errorCode", equalTo("insufficient_scope"))
                .body("message", equalTo("Insufficient scope, expected any of: update:connections_options"));
        given().auth().oauth2(tenant.token("update:connections")).contentType(ContentType.JSON)
                .body(Map.of("display_name", "fine")).patch("/api/v2/connections/" + id).then().statusCode(200)
                .body("$", not(hasKey("options")));
    }

    @Test
    void omittedDisplayNameResetsToTheName() {
        String name = unique("p");
        String id = create(connection(name, "auth0", "display_name", "Pretty")).statusCode(201).extract().path("id");
        tenant.api().body(Map.of("show_as_button", true)).patch("/api/v2/connections/" + id).then().statusCode(200)
                .body("display_name", equalTo(name)).body("show_as_button", equalTo(true));
        tenant.api().body(Map.of("display_name", "Again")).patch("/api/v2/connections/" + id).then().statusCode(200)
                .body("display_name", equalTo("Again"));
    }

    @Test
    void updateFollowsTheCreateRules() {
        String id = create(connection(unique("p"), "auth0")).statusCode(201).extract().path("id");
        Map<String, String> metadata = new HashMap<>();
        for (int i = 0; i < 11; i++) {
            metadata.put("k" + i, "v");
        }
        tenant.api().body(Map.of("metadata", metadata)).patch("/api/v2/connections/" + id).then().statusCode(400)
                .body("errorCode", equalTo("invalid_body"));
        tenant.api().body(Map.of("display_name", "x".repeat(129))).patch("/api/v2/connections/" + id).then().statusCode(400);
        tenant.api().body(Map.of("realms", List.of("a.example", "b.example"), "metadata", Map.of("k", "v")))
                .patch("/api/v2/connections/" + id).then().statusCode(200)
                .body("realms", equalTo(List.of("a.example", "b.example"))).body("metadata.k", equalTo("v"));
        tenant.api().body(Map.of("colour", "red")).patch("/api/v2/connections/" + id).then().statusCode(400);
    }

    // --- delete

    @Test
    void deleteAnswers202AndFreesTheNameOfAConnectionWithoutUsers() {
        String name = unique("del");
        String id = create(connection(name, "auth0")).statusCode(201).extract().path("id");
        tenant.api().delete("/api/v2/connections/" + id).then().statusCode(202)
                .body("deleted_at", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        tenant.api().get("/api/v2/connections/" + id).then().statusCode(404).body("errorCode", equalTo("inexistent_connection"));
        tenant.api().queryParam("name", name).get("/api/v2/connections").then().statusCode(200).body("$", hasSize(0));
        String again = create(connection(name, "auth0")).statusCode(201).extract().path("id");
        assertFalse(again.equals(id));
        tenant.api().delete("/api/v2/connections/" + id).then().statusCode(404).body("errorCode", equalTo("inexistent_connection"));
    }

    // --- scopes

    @Test
    void everyOperationChecksItsScope() {
        String readOnly = tenant.token("read:connections");
        given().auth().oauth2(readOnly).contentType(ContentType.JSON).body(connection(unique("sc"), "auth0"))
                .post("/api/v2/connections").then().statusCode(403)
                .body("message", equalTo("Insufficient scope, expected any of: create:connections"));
        String id = create(connection(unique("sc"), "auth0")).statusCode(201).extract().path("id");
        given().auth().oauth2(readOnly).delete("/api/v2/connections/" + id).then().statusCode(403)
                .body("message", equalTo("Insufficient scope, expected any of: delete:connections"));
        given().auth().oauth2(readOnly).contentType(ContentType.JSON).body(Map.of("show_as_button", true))
                .patch("/api/v2/connections/" + id).then().statusCode(403)
                .body("message", equalTo("Insufficient scope, expected any of: update:connections"));
        given().auth().oauth2(tenant.token("create:connections")).get("/api/v2/connections").then().statusCode(403)
                .body("message", equalTo("Insufficient scope, expected any of: read:connections"));
    }

    // --- rate-limit headers

    @Test
    void everyResponseCarriesRateLimitHeaders() {
        for (ValidatableResponse response : List.of(
                tenant.api().get("/api/v2/connections").then().statusCode(200),
                tenant.api().get("/api/v2/connections/con_0000000000000000").then().statusCode(404),
                given().get("/api/v2/connections").then().statusCode(401))) {
            response.header("x-ratelimit-limit", notNullValue())
                    .header("x-ratelimit-remaining", notNullValue())
                    .header("x-ratelimit-reset", matchesPattern("\\d{10}"));
        }
        long remaining = Long.parseLong(tenant.api().get("/api/v2/connections").then().extract().header("x-ratelimit-remaining"));
        assertTrue(remaining > 0);
    }
}
