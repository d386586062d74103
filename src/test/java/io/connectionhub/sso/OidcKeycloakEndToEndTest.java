package io.connectionhub.sso;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;

import io.connectionhub.organization.OrgProfiles;
import io.connectionhub.support.TestTenant;
import io.connectionhub.support.keycloak.BrowserSession;
import io.connectionhub.support.keycloak.KeycloakAdmin;
import io.connectionhub.support.keycloak.KeycloakServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

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

        // The application: Nimbus, configured with the issuer, the client id and secret, and its callback.
        OIDCProviderMetadata provider = OIDCProviderMetadata.parse(given().get("/.well-known/openid-configuration")
                .then().statusCode(200).extract().asString());
        assertEquals(SignInFixtures.ISSUER, provider.getIssuer().getValue());
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        Nonce nonce = new Nonce();
        AuthenticationRequest request = new AuthenticationRequest.Builder(ResponseType.CODE,
                new Scope("openid", "profile", "email"), new ClientID(app.clientId()), URI.create(app.callback()))
                .endpointURI(provider.getAuthorizationEndpointURI()).state(state).nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256).customParameter("connection", connection).build();

        // The user: the service sends them to Keycloak, they sign in on its form, Keycloak sends them back.
        BrowserSession browser = new BrowserSession();
        URI atHub = browser.signIn(local(request.toURI()), "carol", "carol-Secret-1",
                uri -> uri.toString().startsWith(SignInFixtures.PUBLIC_URL)).redirectOrFail();
        URI atApp = browser.open(local(atHub), uri -> uri.toString().startsWith(app.callback())).redirectOrFail();

        AuthorizationResponse answer = AuthorizationResponse.parse(atApp);
        assertTrue(answer.indicatesSuccess(), atApp.toString());
        assertEquals(state, answer.getState());
        assertEquals(new Issuer(SignInFixtures.ISSUER), answer.getIssuer());
        TokenResponse tokens = OIDCTokenResponseParser.parse(new TokenRequest(local(provider.getTokenEndpointURI()),
                new ClientSecretBasic(new ClientID(app.clientId()), new Secret(app.clientSecret())),
                new AuthorizationCodeGrant(answer.toSuccessResponse().getAuthorizationCode(), URI.create(app.callback()),
                        verifier)).toHTTPRequest().send());
        assertTrue(tokens.indicatesSuccess(), () -> tokens.toErrorResponse().getErrorObject().toString());
        IDTokenClaimsSet claims = new IDTokenValidator(new Issuer(SignInFixtures.ISSUER), new ClientID(app.clientId()),
                JWSAlgorithm.RS256, JWKSet.parse(given().get("/.well-known/jwks.json").then().statusCode(200).extract()
                        .asString())).validate(((OIDCTokenResponse) tokens.toSuccessResponse()).getOIDCTokens()
                                .getIDToken(), nonce);

        assertTrue(claims.getSubject().getValue().startsWith("oidc|" + connection + "|"), claims.getSubject().getValue());
        assertEquals("carol@acme.test", claims.getStringClaim("email"));
        assertEquals("Carol", claims.getStringClaim("given_name"));
    }

    /** The service's own URLs (its public URL in tests) as the test server on its actual port. */
    static URI local(URI uri) {
        return URI.create(uri.toString().replace(SignInFixtures.PUBLIC_URL, "http://localhost:" + RestAssured.port));
    }
}
