package io.connectionhub.sso;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.connectionhub.support.TestTenant;

/**
 * What a finished end-to-end sign-in leaves behind, read through the management API: one {@code s} and one
 * {@code seacft} event in {@code /api/v2/logs}, and the user in {@code /api/v2/users} with its identity at the
 * connection, a last login and a login count.
 */
final class SignInAudit {

    private SignInAudit() {
    }

    /**
     * The sign-in of {@code userId} through {@code connection} by {@code app} is logged, and the user is the
     * connection's, signed in {@code logins} times. The user id is {@code <provider>|...}.
     */
    static void signedIn(TestTenant tenant, String connection, SignInFixtures.App app, String userId,
            String provider, int logins) {
        String connectionId = SignInFixtures.connectionId(tenant, connection);
        for (String type : new String[] { SignInEvent.SUCCESS, SignInEvent.EXCHANGE }) {
            given().auth().oauth2(tenant.token("read:logs"))
                    .queryParam("q", "type:" + type + " AND user_id:\"" + userId + "\"")
                    .get("/api/v2/logs").then().statusCode(200)
                    .body("", hasSize(logins))
                    .body("[0].type", equalTo(type))
                    .body("[0].connection", equalTo(connection))
                    .body("[0].connection_id", equalTo(connectionId))
                    .body("[0].client_id", equalTo(app.clientId()))
                    .body("[0].user_id", equalTo(userId))
                    .body("[0].date", notNullValue());
        }
        tenant.api().queryParam("connection", connection).get("/api/v2/users").then().statusCode(200)
                .body("users", hasSize(1))
                .body("users[0].user_id", equalTo(userId));
        tenant.api().get("/api/v2/users/" + userId).then().statusCode(200)
                .body("user_id", equalTo(userId))
                .body("identities", hasSize(1))
                .body("identities[0].connection", equalTo(connection))
                .body("identities[0].provider", equalTo(provider))
                .body("identities[0].isSocial", equalTo(false))
                .body("logins_count", equalTo(logins))
                .body("last_login", notNullValue());
    }
}
