package io.connectionhub.tenant;

import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SmokeTest {
    @Test
    void tenantTokenAndClients() {
        TestTenant t = TestTenant.create();
        t.api().get("/api/v2/clients").then().log().all().statusCode(200);
        t.api().body("{\"name\":\"x\",\"app_type\":\"non_interactive\",\"scopes\":[\"read:clients\"]}").post("/api/v2/clients").then().log().all().statusCode(201).body("client_secret", notNullValue());
        io.restassured.RestAssured.given().get("/api/v2/clients").then().log().all();
        io.restassured.RestAssured.given().get("/nope").then().log().all();
    }
}
