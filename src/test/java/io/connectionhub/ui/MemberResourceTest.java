package io.connectionhub.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** {@code /admin/v1/tenants/{id}/members}: the console's administrators, managed by the operator. */
@QuarkusTest
class MemberResourceTest {

    private static String email() {
        return "m-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    @Test
    void createListAndDelete() {
        TestTenant tenant = TestTenant.create();
        String email = email();
        String id = given().auth().oauth2(TestTenant.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "long enough password"))
                .post("/admin/v1/tenants/" + tenant.id + "/members")
                .then().statusCode(201).body("email", equalTo(email)).body("tenant_id", equalTo(tenant.id))
                .body("$", not(org.hamcrest.Matchers.hasKey("password")))
                .body("$", not(org.hamcrest.Matchers.hasKey("password_hash"))).extract().path("id");
        given().auth().oauth2(TestTenant.ADMIN_TOKEN).get("/admin/v1/tenants/" + tenant.id + "/members")
                .then().statusCode(200).body("id", hasItem(id)).body(not(containsString("pbkdf2")));
        given().auth().oauth2(TestTenant.ADMIN_TOKEN).delete("/admin/v1/tenants/" + tenant.id + "/members/" + id)
                .then().statusCode(204);
        given().auth().oauth2(TestTenant.ADMIN_TOKEN).delete("/admin/v1/tenants/" + tenant.id + "/members/" + id)
                .then().statusCode(404).body("errorCode", equalTo("inexistent_member"));
    }

    @Test
    void emailIsOneMembersInTheWholeService() {
        String email = email();
        Console.createMember(TestTenant.create().id, email, "long enough password");
        given().auth().oauth2(TestTenant.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("email", email.toUpperCase(), "password", "long enough password"))
                .post("/admin/v1/tenants/" + TestTenant.create().id + "/members")
                .then().statusCode(409).body("errorCode", equalTo("conflict"));
    }

    @Test
    void badBodiesAreRefused() {
        String path = "/admin/v1/tenants/" + TestTenant.create().id + "/members";
        given().auth().oauth2(TestTenant.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("email", "not an email", "password", "long enough password")).post(path)
                .then().statusCode(400).body("errorCode", equalTo("invalid_body")).body("message", containsString("email"));
        given().auth().oauth2(TestTenant.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("email", email(), "password", "short")).post(path)
                .then().statusCode(400).body("errorCode", equalTo("invalid_body")).body("message", containsString("password"));
        given().auth().oauth2(TestTenant.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("email", email() + "\u0000", "password", "long enough password")).post(path)
                .then().statusCode(400).body("errorCode", equalTo("invalid_body"));
        given().auth().oauth2(TestTenant.ADMIN_TOKEN).contentType(ContentType.JSON).body("[1,2]").post(path)
                .then().statusCode(400).body("errorCode", equalTo("invalid_body"));
        given().auth().oauth2(TestTenant.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("email", email(), "password", "long enough password"))
                .post("/admin/v1/tenants/ten_doesnotexist0000/members")
                .then().statusCode(404).body("errorCode", equalTo("inexistent_tenant"));
    }

    @Test
    void onlyTheOperatorManagesMembers() {
        TestTenant tenant = TestTenant.create();
        given().contentType(ContentType.JSON).body(Map.of("email", email(), "password", "long enough password"))
                .post("/admin/v1/tenants/" + tenant.id + "/members").then().statusCode(401);
        given().auth().oauth2(tenant.token()).get("/admin/v1/tenants/" + tenant.id + "/members").then().statusCode(401);
    }
}
