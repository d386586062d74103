package io.connectionhub.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.connectionhub.organization.OrgProfiles;
import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * End to end through a database connection: the application is Nimbus's OIDC client (discovery, /authorize with
 * {@code connection=}, the code redeemed with PKCE, the id token validated against the JWKS, /userinfo); the user
 * fills the service's own password form over HTTP, CSRF cookie and token included. Same profile as the Keycloak
 * end-to-end tests, so the application starts once for all of them.
 */
@QuarkusTest
@TestProfile(OrgProfiles.LoopbackIdp.class)
class DatabaseEndToEndTest {

    private static final String PASSWORD = "correct horse battery staple";

    @Test
    void anApplicationSignsADatabaseUserInThroughThePasswordForm() throws Exception {
        TestTenant tenant = TestTenant.create();
        SignInFixtures.App app = SignInFixtures.webApp(tenant);
        String connection = SignInFixtures.databaseConnection(tenant, app);
        String email = SignInFixtures.email();
        String userId = SignInFixtures.user(tenant, connection, email, PASSWORD);
        NimbusApplication application = new NimbusApplication(app);

        SignInFixtures.Browser browser = new SignInFixtures.Browser();
        Response toForm = browser.open(application.authorize(Map.of("connection", connection)).toString());
        toForm.then().statusCode(302);
        Response form = browser.open(toForm.header("Location"));
        form.then().statusCode(200);
        Response signedIn = browser.fill(form, Map.of("email", email, "password", PASSWORD));
        signedIn.then().statusCode(303);
        URI callback = URI.create(signedIn.header("Location"));
        assertTrue(callback.toString().startsWith(app.callback() + "?"), callback.toString());

        NimbusApplication.SignedIn result = application.finish(callback);

        assertEquals(userId, result.idToken().getSubject().getValue());
        assertTrue(userId.startsWith("auth0|"), userId);
        assertEquals(email, result.idToken().getStringClaim("email"));
        assertEquals(connection, result.idToken().getStringClaim("connection"));
        assertEquals(email, result.userInfo().getEmailAddress());
        assertEquals("Ada", result.userInfo().getGivenName());
        assertEquals("Lovelace", result.userInfo().getFamilyName());
        SignInAudit.signedIn(tenant, connection, app, userId, "auth0", 1);
    }
}
