package io.connectionhub.organization;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The OpenAPI document describes the LoginRadius family: its endpoints, the API key + secret, the error examples. */
@QuarkusTest
class OrganizationApiDocumentationTest {

    static final String CONNECTIONS = "paths.'/v2/manage/organizations/{orgId}/connections'";

    @Test
    void everyEndpointIsDocumentedWithTheApiKeyAndSecretTogether() {
        var document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200);
        for (String path : List.of("/v2/manage/organizations", "/v2/manage/organizations/{orgId}",
                "/v2/manage/organizations/{orgId}/status", "/v2/manage/organizations/{orgId}/domains",
                "/v2/manage/organizations/{orgId}/domains/{domainId}", "/v2/manage/organizations/{orgId}/connections",
                "/v2/manage/organizations/{orgId}/connections/{connId}", "/saml/sp/{token}/metadata.xml")) {
            document.body("paths", hasKey(path));
        }
        document.body(CONNECTIONS + ".post.security", equalTo(List.of(Map.of("apiKey", List.of(), "apiSecret", List.of()))))
                .body("paths.'/v2/manage/organizations'.get.security[0]", hasKey("apiSecret"))
                .body("components.securitySchemes.apiSecret.name", equalTo("apisecret"));
    }

    @Test
    void createConnectionShowsTheContractsErrorExamples() {
        String responses = CONNECTIONS + ".post.responses";
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(responses + ".'201'.content.'application/json'.schema", notNullValue())
                .body(responses + ".'400'.content.'application/json'.examples.'7900'.value.Description",
                        equalTo("The ConnectionType is invalid. Please enter a valid ConnectionType."))
                .body(responses + ".'400'.content.'application/json'.examples.'8150'.value.ErrorCode", equalTo(8150))
                .body(responses + ".'409'.content.'application/json'.examples.'8148'.value.Message",
                        equalTo("Connection exists with the same name"))
                .body(responses + ".'409'.content.'application/json'.examples.'8177'.value.ErrorCode", equalTo(8177))
                .body(responses + ".'401'.content.'application/json'.examples.'6002'.value.ErrorCode", equalTo(6002))
                .body(responses + ".'500'.content.'application/json'.examples.'7909'.value.Message",
                        equalTo("Operation failed due to an internal error."))
                .body("paths.'/saml/sp/{token}/metadata.xml'.get.responses.'200'.content", hasKey(
                        "application/samlmetadata+xml"))
                .body(CONNECTIONS + ".post.description", containsString("GET /api/v2/connections"));
    }
}
