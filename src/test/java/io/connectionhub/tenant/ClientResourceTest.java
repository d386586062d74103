package io.connectionhub.tenant;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ClientResourceTest {

    static TestTenant tenant;
    static TestTenant other;

    @BeforeEach
    void tenants() {
        if (tenant == null) {
            tenant = TestTenant.create();
            other = TestTenant.create();
        }
    }

    private static String createClient(TestTenant owner, String name) {
        return owner.api().body(Map.of("name", name, "app_type", "non_interactive")).post("/api/v2/clients")
                .then().statusCode(201).extract().path("client_id");
    }

    @Test
    void createShowsTheSecretOnceAndGetNever() {
        String id = tenant.api().body(Map.of("name", "billing", "app_type", "non_interactive",
                "scopes", List.of("read:connections"), "client_metadata", Map.of("team", "billing")))
                .post("/api/v2/clients")
                .then().statusCode(201)
                .body("client_secret", notNullValue())
                .body("grant_types", equalTo(List.of("client_credentials")))
                .body("token_endpoint_auth_method", equalTo("client_secret_post"))
                .body("scopes", equalTo(List.of("read:connections")))
                .body("client_metadata.team", equalTo("billing"))
                .extract().path("client_id");
        tenant.api().get("/api/v2/clients/" + id).then().statusCode(200)
                .body("name", equalTo("billing")).body("client_secret", nullValue());
    }

    @Test
    void spaHasNoSecretAndDefaultGrants() {
        tenant.api().body(Map.of("name", "spa", "app_type", "spa")).post("/api/v2/clients")
                .then().statusCode(201)
                .body("client_secret", nullValue())
                .body("token_endpoint_auth_method", equalTo("none"))
                .body("grant_types", equalTo(List.of("authorization_code", "implicit", "refresh_token")));
    }

    @Test
    void updateChangesOnlyTheGivenFields() {
        String id = createClient(tenant, "before");
        tenant.api().body(Map.of("description", "now described")).patch("/api/v2/clients/" + id)
                .then().statusCode(200).body("name", equalTo("before")).body("description", equalTo("now described"));
        tenant.api().body(Map.of("name", "after")).patch("/api/v2/clients/" + id)
                .then().statusCode(200).body("name", equalTo("after")).body("description", equalTo("now described"));
    }

    @Test
    void deleteRemovesTheClient() {
        String id = createClient(tenant, "doomed");
        tenant.api().delete("/api/v2/clients/" + id).then().statusCode(204);
        tenant.api().get("/api/v2/clients/" + id).then().statusCode(404).body("errorCode", equalTo("inexistent_client"));
        tenant.api().delete("/api/v2/clients/" + id).then().statusCode(404).body("errorCode", equalTo("inexistent_client"));
    }

    @Test
    void anotherTenantSeesNoneOfTheseClients() {
        String id = createClient(tenant, "private");
        other.api().get("/api/v2/clients/" + id).then().statusCode(404).body("errorCode", equalTo("inexistent_client"));
        other.api().body(Map.of("name", "stolen")).patch("/api/v2/clients/" + id).then().statusCode(404);
        other.api().delete("/api/v2/clients/" + id).then().statusCode(404);
        other.api().post("/api/v2/clients/" + id + "/rotate-secret").then().statusCode(404);
        other.api().get("/api/v2/clients").then().statusCode(200).body("client_id", not(hasItem(id)));
        tenant.api().get("/api/v2/clients/" + id).then().statusCode(200);
    }

    @Test
    void listHasThreeShapes() {
        TestTenant owner = TestTenant.create();
        for (int i = 0; i < 4; i++) {
            createClient(owner, "c" + i);
        }
        owner.api().get("/api/v2/clients").then().statusCode(200).body("$", instanceOf(List.class)).body("$", hasSize(5));
        owner.api().queryParam("include_totals", true).queryParam("per_page", 2).queryParam("page", 1)
                .get("/api/v2/clients").then().statusCode(200)
                .body("start", equalTo(2)).body("limit", equalTo(2)).body("length", equalTo(2)).body("total", equalTo(5))
                .body("clients", hasSize(2));
        Set<String> seen = new HashSet<>();
        String from = null;
        int pages = 0;
        do {
            var request = owner.api().queryParam("take", 2);
            if (from != null) {
                request.queryParam("from", from);
            }
            var page = request.get("/api/v2/clients").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("clients.client_id"));
            from = page.getString("next");
            pages++;
        } while (from != null && pages < 10);
        assertEquals(5, seen.size());
        assertEquals(3, pages);
    }

    @Test
    void invalidFieldsAreRefused() {
        tenant.api().body(Map.of("name", "x", "app_type", "toaster")).post("/api/v2/clients")
                .then().statusCode(400).body("errorCode", equalTo("invalid_body"));
        tenant.api().body(Map.of("name", "x", "scopes", List.of("read:everything"))).post("/api/v2/clients")
                .then().statusCode(400).body("errorCode", equalTo("invalid_body"));
        tenant.api().body(Map.of("name", "x", "unknown_field", 1)).post("/api/v2/clients")
                .then().statusCode(400).body("errorCode", equalTo("invalid_body"))
                .body("message", equalTo("Payload validation error: 'Additional properties not allowed: unknown_field'."));
        tenant.api().body(Map.of("name", 12)).post("/api/v2/clients")
                .then().statusCode(400).body("errorCode", equalTo("invalid_body"))
                .body("message", equalTo("Payload validation error: 'Expected type string but found type integer' on property name."));
        tenant.api().body("{}").post("/api/v2/clients")
                .then().statusCode(400).body("message", equalTo("Payload validation error: 'Missing required property: name'."));
    }

    @Test
    void scopesAreEnforcedPerOperation() {
        String readOnly = tenant.token("read:clients");
        io.restassured.RestAssured.given().auth().oauth2(readOnly).contentType("application/json")
                .body(Map.of("name", "nope")).post("/api/v2/clients")
                .then().statusCode(403).body("errorCode", equalTo("insufficient_scope"))
                .body("message", equalTo("Insufficient scope, expected any of: create:clients"));
    }
}
