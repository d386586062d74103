package io.connectionhub.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.connectionhub.auth.PublicUrl;
import io.connectionhub.saml.OutboundConfig;
import io.connectionhub.saml.OutboundFetcher;
import io.connectionhub.support.ConfigMappings;
import io.connectionhub.support.keycloak.BrowserSession;
import io.connectionhub.support.keycloak.KeycloakAdmin;
import io.connectionhub.support.keycloak.KeycloakServer;
import io.vertx.core.Vertx;

/**
 * The relying party against a real Keycloak (the test harness's): discovery, the authorization request, a user
 * signing in on Keycloak's own login form, the callback with RFC 9207's iss, the code exchange and the ID token's
 * validation with Keycloak's keys.
 */
class OidcAgainstKeycloakTest {

    static final String HUB = "https://hub.example";

    static Vertx vertx;
    static KeycloakServer keycloak;
    static String realm;
    static OidcRelyingParty relyingParty;

    @BeforeAll
    static void keycloakRealm() {
        keycloak = KeycloakServer.shared();
        byte[] suffix = new byte[6];
        new SecureRandom().nextBytes(suffix);
        realm = "rp-" + HexFormat.of().formatHex(suffix);
        KeycloakAdmin admin = keycloak.admin();
        admin.createRealm(realm);
        admin.createUser(realm, new KeycloakAdmin.TestUser("bob", "bob-Secret-1", "bob@acme.test", "Bob", "Builder",
                List.of("engineering")));
        admin.createOidcClient(realm, "hub", "hub-secret", List.of(HUB + "/login/callback"));

        vertx = Vertx.vertx();
        // Keycloak listens on loopback over http: allowed here, as the outbound rules let a deployment configure.
        OutboundFetcher fetcher = new OutboundFetcher(vertx, ConfigMappings.of(OutboundConfig.class, Map.of(
                "connectionhub.outbound.allow-http", "true", "connectionhub.outbound.allow-private-addresses", "true",
                "connectionhub.outbound.timeout", "30s")));
        OidcConfig config = ConfigMappings.of(OidcConfig.class, Map.of());
        relyingParty = new OidcRelyingParty(new OidcDiscovery(fetcher, config), new OidcKeys(fetcher, config), fetcher,
                new PublicUrl(HUB), Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aUserSignsInAtKeycloakAndTheRelyingPartyValidatesTheIdToken() {
        OidcSettings settings = new OidcSettings("t", "con_kc", "keycloak", null,
                OidcDiscovery.discoveryUrl(keycloak.issuer(realm)), keycloak.issuer(realm), "hub", "hub-secret",
                List.of("openid", "profile", "email"));
        OidcRedirect redirect = relyingParty.authorization(settings, "pending-kc", true, "bob@acme.test")
                .await().atMost(Duration.ofSeconds(60));

        URI callback = new BrowserSession().signIn(redirect.url(), "bob", "bob-Secret-1",
                uri -> uri.toString().startsWith(HUB + "/login/callback")).redirectOrFail();

        Map<String, String> query = OidcRelyingPartyTest.query(callback);
        assertEquals("pending-kc", query.get("state"));
        assertEquals(keycloak.issuer(realm), query.get("iss"), "Keycloak sends RFC 9207's iss");
        OidcProfile profile = relyingParty.complete(settings, new OidcCallback(query.get("code"), query.get("state"),
                query.get("iss"), query.get("error"), query.get("error_description")), redirect.nonce(),
                redirect.codeVerifier()).await().atMost(Duration.ofSeconds(60));

        assertEquals(keycloak.issuer(realm), profile.issuer());
        assertNotNull(profile.subject());
        assertEquals("bob@acme.test", profile.email());
        assertEquals(Boolean.TRUE, profile.emailVerified());
        assertEquals("Bob", profile.givenName());
        assertEquals("Builder", profile.familyName());
        assertTrue(profile.groups().contains("engineering"), profile.groups().toString());
    }

    @Test
    void aCodeRedeemedTwiceIsRefusedByKeycloak() {
        OidcSettings settings = new OidcSettings("t", "con_kc", "keycloak", null,
                OidcDiscovery.discoveryUrl(keycloak.issuer(realm)), keycloak.issuer(realm), "hub", "hub-secret",
                List.of("openid"));
        OidcRedirect redirect = relyingParty.authorization(settings, "pending-twice", false, null)
                .await().atMost(Duration.ofSeconds(60));
        Map<String, String> query = OidcRelyingPartyTest.query(new BrowserSession().signIn(redirect.url(), "bob",
                "bob-Secret-1", uri -> uri.toString().startsWith(HUB + "/login/callback")).redirectOrFail());
        OidcCallback callback = new OidcCallback(query.get("code"), query.get("state"), query.get("iss"), null, null);
        relyingParty.complete(settings, callback, redirect.nonce(), redirect.codeVerifier())
                .await().atMost(Duration.ofSeconds(60));

        OidcCheckFailed failed = org.junit.jupiter.api.Assertions.assertThrows(OidcCheckFailed.class,
                () -> relyingParty.complete(settings, callback, redirect.nonce(), redirect.codeVerifier())
                        .await().atMost(Duration.ofSeconds(60)));

        assertEquals(OidcCheckFailed.Check.TOKEN_EXCHANGE, failed.check());
        assertEquals("invalid_grant", failed.idpError());
    }
}
