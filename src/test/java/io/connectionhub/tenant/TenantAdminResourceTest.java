package io.connectionhub.tenant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.connectionhub.auth.Scopes;
import io.connectionhub.support.TestDatabase;
import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class TenantAdminResourceTest {

    private static String uniqueName() {
        return "acme-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createReturnsCredentialsOnceWithEveryManagementScope() {
        String name = uniqueName();
        given().auth().oauth2(TestTenant.ADMIN_TOKEN).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/admin/v1/tenants")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/admin/v1/tenants/ten_[A-Za-z0-9]{16}"))
                .body("id", matchesPattern("ten_[A-Za-z0-9]{16}"))
                .body("name", equalTo(name))
                .body("management_client.client_id", notNullValue())
                .body("management_client.client_secret", notNullValue())
                .body("management_client.scopes", containsInAnyOrder(Scopes.ALL.toArray()))
                .body("api_key", notNullValue())
                .body("api_secret", notNullValue());
    }

    @Test
    void secretsAreStoredOnlyAsDigests() {
        TestTenant tenant = TestTenant.create();
        Map<String, Object> client = TestDatabase.single("select secret_hash from clients where client_id = ?", tenant.clientId);
        Map<String, Object> key = TestDatabase.single("select secret_hash from api_keys where api_key = ?", tenant.apiKey);
        assertFalse(client.get("secret_hash").toString().contains(tenant.clientSecret));
        assertFalse(key.get("secret_hash").toString().contains(tenant.apiSecret));
        assertTrue(client.get("secret_hash").toString().startsWith("sha256:"));
        assertEquals(0, TestDatabase.count("select count(*) from clients where secret_hash like ?", "%" + tenant.clientSecret + "%"));
    }

    @Test
    void getAndListShowNoSecrets() {
        TestTenant tenant = TestTenant.create();
        given().auth().oauth2(TestTenant.ADMIN_TOKEN).get("/admin/v1/tenants/" + tenant.id)
                .then().statusCode(200)
                .body("id", equalTo(tenant.id)).body("name", equalTo(tenant.name))
                .body("created_at", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"))
                .body("api_secret", nullValue()).body("management_client", nullValue());
        given().auth().oauth2(TestTenant.ADMIN_TOKEN).get("/admin/v1/tenants")
                .then().statusCode(200).body("id", hasItem(tenant.id))
                .body("api_secret", not(hasItem(notNullValue())));
    }

    @Test
    void unknownTenantIs404() {
        given().auth().oauth2(TestTenant.ADMIN_TOKEN).get("/admin/v1/tenants/ten_doesnotexist0000")
                .then().statusCode(404).body("errorCode", equalTo("inexistent_tenant"));
    }

    @Test
    void duplicateNameIs409CaseInsensitive() {
        String name = uniqueName();
        given().auth().oauth2(TestTenant.ADMIN_TOKEN).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/admin/v1/tenants").then().statusCode(201);
        given().auth().oauth2(TestTenant.ADMIN_TOKEN).contentType(ContentType.JSON).body(Map.of("name", name.toUpperCase()))
                .post("/admin/v1/tenants").then().statusCode(409).body("errorCode", equalTo("conflict"));
    }

    @Test
    void invalidNameIs400() {
        given().auth().oauth2(TestTenant.ADMIN_TOKEN).contentType(ContentType.JSON).body(Map.of("name", "-acme"))
                .post("/admin/v1/tenants").then().statusCode(400).body("errorCode", equalTo("invalid_body"));
        given().auth().oauth2(TestTenant.ADMIN_TOKEN).contentType(ContentType.JSON).body("{}")
                .post("/admin/v1/tenants").then().statusCode(400).body("errorCode", equalTo("invalid_body"))
                .body("message", startsWith("Payload validation error: 'Missing required property: name'"));
    }

    @Test
    void missingOrWrongAdminTokenIs401() {
        given().get("/admin/v1/tenants").then().statusCode(401).body("errorCode", equalTo("invalid_token"))
                .header("WWW-Authenticate", matchesPattern("Bearer.*"));
        given().auth().oauth2("wrong").get("/admin/v1/tenants").then().statusCode(401)
                .body("errorCode", equalTo("invalid_token")).body("message", equalTo("Invalid admin token"));
    }

    @Test
    void managementTokenIsNotAnAdminToken() {
        TestTenant tenant = TestTenant.create();
        given().auth().oauth2(tenant.token()).get("/admin/v1/tenants").then().statusCode(401);
    }
}
