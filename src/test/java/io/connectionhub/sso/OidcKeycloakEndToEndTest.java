package io.connectionhub.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.connectionhub.organization.OrgProfiles;
import io.connectionhub.support.TestTenant;
import io.connectionhub.support.keycloak.BrowserSession;
import io.connectionhub.support.keycloak.KeycloakAdmin;
import io.connectionhub.support.keycloak.KeycloakServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * End to end through an OIDC connection whose IdP is a real Keycloak: the application side is Nimbus's OAuth/OIDC
 * client (not the code under test), configured with the service's issuer, its client id and secret. It reads the
 * discovery document, sends the user to /authorize; the user signs in on Keycloak's own login form; the service checks
 * Keycloak's answer and hands the application a code, which Nimbus redeems (PKCE, client_secret_basic) and whose id
 * token it validates against the service's JWKS.
 */
@QuarkusTest
@TestProfile(OrgProfiles.LoopbackIdp.class)
class OidcKeycloakEndToEndTest {

    static KeycloakServer keycloak;
    static String realm;

    @BeforeAll
    static void keycloak() {
        keycloak = KeycloakServer.shared();
        byte[] suffix = new byte[6];
        new SecureRandom().nextBytes(suffix);
        realm = "e2e-" + HexFormat.of().formatHex(suffix);
        KeycloakAdmin admin = keycloak.admin();
        admin.createRealm(realm);
        admin.createUser(realm, new KeycloakAdmin.TestUser("carol", "carol-Secret-1", "carol@acme.test", "Carol",
                "Danvers", List.of("pilots")));
        admin.createOidcClient(realm, "hub", "hub-secret", List.of(SignInFixtures.PUBLIC_URL + "/login/callback"));
    }

    @Test
    void aCertifiedStyleClientSignsAUserInThroughKeycloak() throws Exception {
        TestTenant tenant = TestTenant.create();
        SignInFixtures.App app = SignInFixtures.webApp(tenant);
        String connection = SignInFixtures.unique("keycloak");
        tenant.api().body(Map.of("name", connection, "strategy", "oidc", "enabled_clients", List.of(app.clientId()),
                "options", Map.of("issuer", keycloak.issuer(realm), "client_id", "hub", "client_secret", "hub-secret")))
                .post("/api/v2/connections").then().statusCode(201);

        NimbusApplication application = new NimbusApplication(app);

        // The user: the service sends them to Keycloak, they sign in on its form, Keycloak sends them back.
        BrowserSession browser = new BrowserSession();
        URI atHub = browser.signIn(application.authorize(Map.of("connection", connection)), "carol", "carol-Secret-1",
                uri -> uri.toString().startsWith(SignInFixtures.PUBLIC_URL)).redirectOrFail();
        URI atApp = browser.open(NimbusApplication.local(atHub), uri -> uri.toString().startsWith(app.callback()))
                .redirectOrFail();

        NimbusApplication.SignedIn result = application.finish(atApp);

        String userId = result.idToken().getSubject().getValue();
        assertTrue(userId.startsWith("oidc|" + connection + "|"), userId);
        assertEquals("carol@acme.test", result.idToken().getStringClaim("email"));
        assertEquals("Carol", result.idToken().getStringClaim("given_name"));
        assertEquals("carol@acme.test", result.userInfo().getEmailAddress());
        assertEquals("Danvers", result.userInfo().getFamilyName());
        SignInAudit.signedIn(tenant, connection, app, userId, "oidc", 1);
    }
}
