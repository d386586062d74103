package io.connectionhub.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** A tenant made through the admin API for one test class, with its credentials and tokens. */
public final class TestTenant {

    public static final String ADMIN_TOKEN = "test-admin-token";

    public final String id;
    public final String name;
    public final String clientId;
    public final String clientSecret;
    public final String apiKey;
    public final String apiSecret;
    private String fullToken;

    private TestTenant(JsonPath created) {
        this.id = created.getString("id");
        this.name = created.getString("name");
        this.clientId = created.getString("management_client.client_id");
        this.clientSecret = created.getString("management_client.client_secret");
        this.apiKey = created.getString("api_key");
        this.apiSecret = created.getString("api_secret");
    }

    public static TestTenant create() {
        SecretRecorder.install();
        String name = "t-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        JsonPath created = given().auth().oauth2(ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("name", name))
                .post("/admin/v1/tenants")
                .then().statusCode(201).extract().jsonPath();
        return new TestTenant(created);
    }

    /** A token with every management scope (cached per tenant). */
    public String token() {
        if (fullToken == null) {
            fullToken = tokenWithScope(null);
        }
        return fullToken;
    }

    /** A token narrowed to {@code scopes}. */
    public String token(String... scopes) {
        return tokenWithScope(String.join(" ", scopes));
    }

    private String tokenWithScope(String scope) {
        Map<String, Object> body = scope == null
                ? Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", clientSecret)
                : Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", clientSecret,
                        "scope", scope);
        return given().contentType(ContentType.JSON).body(body).post("/oauth/token")
                .then().statusCode(200).extract().path("access_token");
    }

    /** A request with this tenant's full token and a JSON body type. */
    public RequestSpecification api() {
        return given().auth().oauth2(token()).contentType(ContentType.JSON);
    }

    /** A /v2/manage request with this tenant's API key and secret as query parameters. */
    public RequestSpecification manage() {
        return given().queryParam("apikey", apiKey).queryParam("apisecret", apiSecret).contentType(ContentType.JSON);
    }

    public static List<String> allScopes() {
        return io.connectionhub.auth.Scopes.ALL;
    }
}
