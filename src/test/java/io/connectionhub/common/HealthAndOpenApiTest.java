package io.connectionhub.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthAndOpenApiTest {

    @Test
    void livenessAndReadinessAreUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(org.hamcrest.Matchers.containsString("PostgreSQL")));
    }

    @Test
    void openApiDocumentsBothSecuritySchemesAndTheEndpoints() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.bearer.type", equalTo("http"))
                .body("components.securitySchemes.apiKey", notNullValue())
                .body("paths.'/oauth/token'", notNullValue())
                .body("paths.'/api/v2/clients'.post", notNullValue())
                .body("paths.'/admin/v1/tenants'", notNullValue());
    }

    @Test
    void everyFamilyIsDocumentedWithItsOwnSchemeScopesAndErrorExamples() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v2/connections'.post.security[0].bearer", equalTo(java.util.List.of("create:connections")))
                .body("paths.'/api/v2/connections/{id}'.get.security[0].bearer", equalTo(java.util.List.of("read:connections")))
                .body("paths.'/api/v2/connections'.post.responses.'401'.content.'application/json'.examples.invalid_token.value.errorCode",
                        equalTo("invalid_token"))
                .body("paths.'/api/v2/connections'.post.responses.'403'.content.'application/json'.examples.insufficient_scope.value.statusCode",
                        equalTo(403))
                .body("paths.'/api/v2/connections'.post.requestBody.content.'application/json'.examples", notNullValue())
                .body("paths.'/admin/v1/tenants'.post.security[0].adminToken", notNullValue())
                .body("paths.'/oauth/token'.post.security", equalTo(null))
                .body("paths.'/v2/manage/organizations'.post.security[0].apiKey", notNullValue());
    }
}
