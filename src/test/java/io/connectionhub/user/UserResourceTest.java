package io.connectionhub.user;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.connectionhub.support.TestDatabase;
import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class UserResourceTest {

    static TestTenant tenant;
    static TestTenant other;
    static String database;
    static String databaseId;
    static String social;
    static String socialId;

    @BeforeEach
    void setUp() {
        if (tenant == null) {
            tenant = TestTenant.create();
            other = TestTenant.create();
            database = "db-" + UUID.randomUUID().toString().substring(0, 8);
            social = "gh-" + UUID.randomUUID().toString().substring(0, 8);
            databaseId = tenant.api().body(Map.of("name", database, "strategy", "auth0")).post("/api/v2/connections")
                    .then().statusCode(201).extract().path("id");
            socialId = tenant.api().body(Map.of("name", social, "strategy", "github")).post("/api/v2/connections")
                    .then().statusCode(201).extract().path("id");
        }
    }

    private static String email() {
        return "u" + UUID.randomUUID().toString().substring(0, 10) + "@example.com";
    }

    private static String createUser(String email) {
        return tenant.api().body(Map.of("connection", database, "email", email, "password", "correct horse battery"))
                .post("/api/v2/users").then().statusCode(201).extract().path("user_id");
    }

    @Test
    void createAnswersTheUserWithIdentitiesAndNoPassword() {
        String email = email();
        tenant.api().body(Map.of("connection", database, "email", email, "password", "correct horse battery",
                "given_name", "Jane", "user_metadata", Map.of("plan", "gold")))
                .post("/api/v2/users").then().statusCode(201)
                .body("user_id", matchesPattern("auth0\\|[0-9a-f]{24}"))
                .body("email", equalTo(email))
                .body("given_name", equalTo("Jane"))
                .body("user_metadata.plan", equalTo("gold"))
                .body("identities[0].connection", equalTo(database))
                .body("identities[0].provider", equalTo("auth0"))
                .body("identities[0].isSocial", equalTo(false))
                .body("$", not(hasKey("password"))).body("$", not(hasKey("password_hash")));
    }

    @Test
    void passwordIsStoredAsASlowSaltedHashOnly() {
        String email = email();
        createUser(email);
        String stored = TestDatabase.single("select password_hash from users where lower(email) = lower(?)", email)
                .get("password_hash").toString();
        assertTrue(stored.startsWith("pbkdf2-sha256$310000$"), stored);
        assertTrue(!stored.contains("correct horse battery"));
    }

    @Test
    void duplicateEmailInTheConnectionIsConflictInAnyCase() {
        String email = email();
        createUser(email);
        tenant.api().body(Map.of("connection", database, "email", email.toUpperCase(), "password", "another one"))
                .post("/api/v2/users").then().statusCode(409).body("statusCode", equalTo(409))
                .body("errorCode", equalTo("user_exists"));
        tenant.api().body(Map.of("connection", social, "email", email)).post("/api/v2/users").then().statusCode(201)
                .body("user_id", matchesPattern("github\\|[0-9a-f]{24}")).body("identities[0].isSocial", equalTo(true));
    }

    @Test
    void passwordRulesFollowTheStrategy() {
        tenant.api().body(Map.of("connection", database, "email", email())).post("/api/v2/users").then().statusCode(400)
                .body("errorCode", equalTo("invalid_body"));
        tenant.api().body(Map.of("connection", social, "email", email(), "password", "nope")).post("/api/v2/users")
                .then().statusCode(400).body("errorCode", equalTo("invalid_body"));
    }

    @Test
    void badInputIsRefused() {
        tenant.api().body(Map.of("connection", "no-such-connection", "email", email(), "password", "x"))
                .post("/api/v2/users").then().statusCode(400).body("errorCode", equalTo("inexistent_connection"));
        tenant.api().body(Map.of("connection", database, "email", "not-an-email", "password", "x"))
                .post("/api/v2/users").then().statusCode(400).body("errorCode", equalTo("invalid_body"));
        tenant.api().body(Map.of("email", email())).post("/api/v2/users").then().statusCode(400)
                .body("errorCode", equalTo("invalid_body"));
        tenant.api().body(Map.of("connection", database, "email", email(), "password", "x", "shoe_size", 44))
                .post("/api/v2/users").then().statusCode(400).body("errorCode", equalTo("invalid_body"));
        tenant.api().body(Map.of("connection", database, "email", email(), "password", "x", "user_metadata", "flat"))
                .post("/api/v2/users").then().statusCode(400).body("errorCode", equalTo("invalid_body"));
    }

    @Test
    void getAndDeleteAreScopedToTheTenant() {
        String userId = createUser(email());
        tenant.api().get("/api/v2/users/" + userId).then().statusCode(200).body("user_id", equalTo(userId));
        other.api().get("/api/v2/users/" + userId).then().statusCode(404).body("errorCode", equalTo("inexistent_user"));
        other.api().delete("/api/v2/users/" + userId).then().statusCode(404).body("errorCode", equalTo("inexistent_user"));
        tenant.api().delete("/api/v2/users/" + userId).then().statusCode(204);
        tenant.api().get("/api/v2/users/" + userId).then().statusCode(404).body("errorCode", equalTo("inexistent_user"));
    }

    @Test
    void listPagesThroughAConnectionsUsers() {
        String name = "list-" + UUID.randomUUID().toString().substring(0, 8);
        tenant.api().body(Map.of("name", name, "strategy", "github")).post("/api/v2/connections").then().statusCode(201);
        for (int i = 0; i < 5; i++) {
            tenant.api().body(Map.of("connection", name, "email", "p" + i + "@" + name + ".example"))
                    .post("/api/v2/users").then().statusCode(201);
        }
        Set<String> seen = new HashSet<>();
        String from = null;
        int pages = 0;
        do {
            var request = tenant.api().queryParam("connection", name).queryParam("take", 2);
            if (from != null) {
                request.queryParam("from", from);
            }
            var page = request.get("/api/v2/users").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("users.email"));
            from = page.getString("next");
            pages++;
        } while (from != null);
        assertEquals(5, seen.size());
        assertEquals(3, pages);
        tenant.api().queryParam("connection", "nope").get("/api/v2/users").then().statusCode(400)
                .body("errorCode", equalTo("invalid_query_string"));
    }

    @Test
    void deleteByEmailWorksOnDatabaseConnectionsOnly() {
        String email = email();
        String userId = createUser(email);
        tenant.api().queryParam("email", email.toUpperCase()).delete("/api/v2/connections/" + databaseId + "/users")
                .then().statusCode(204);
        tenant.api().get("/api/v2/users/" + userId).then().statusCode(404);
        tenant.api().queryParam("email", email).delete("/api/v2/connections/" + socialId + "/users")
                .then().statusCode(400).body("errorCode", equalTo("operation_not_supported"));
        tenant.api().queryParam("email", email).delete("/api/v2/connections/con_0000000000000000/users")
                .then().statusCode(404).body("errorCode", equalTo("inexistent_connection"));
        other.api().queryParam("email", email).delete("/api/v2/connections/" + databaseId + "/users")
                .then().statusCode(404).body("errorCode", equalTo("inexistent_connection"));
    }

    @Test
    void scopesAreChecked() {
        io.restassured.RestAssured.given().auth().oauth2(tenant.token("read:users")).contentType("application/json")
                .body(Map.of("connection", database, "email", email(), "password", "x")).post("/api/v2/users")
                .then().statusCode(403).body("message", equalTo("Insufficient scope, expected any of: create:users"));
        io.restassured.RestAssured.given().auth().oauth2(tenant.token("create:users")).get("/api/v2/users/auth0|x")
                .then().statusCode(403).body("errorCode", equalTo("insufficient_scope"));
    }
}
