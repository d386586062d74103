package io.connectionhub.sso;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
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
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;

import io.restassured.RestAssured;

/**
 * The application side of the end-to-end tests: Nimbus's OAuth/OIDC client (not the code under test), configured
 * with the service's issuer, the application's client id, secret and callback. It reads the discovery document,
 * makes the authorization request (state, nonce, PKCE S256), and from the callback URL redeems the code
 * (client_secret_basic), validates the id token against the JWKS the discovery names, and calls /userinfo.
 */
final class NimbusApplication {

    /** What the application holds after a sign-in: the validated id token's claims and the /userinfo answer. */
    record SignedIn(IDTokenClaimsSet idToken, UserInfo userInfo) {
    }

    private final SignInFixtures.App app;
    private final OIDCProviderMetadata provider;
    private final CodeVerifier verifier = new CodeVerifier();
    private final State state = new State();
    private final Nonce nonce = new Nonce();

    NimbusApplication(SignInFixtures.App app) {
        this.app = app;
        try {
            this.provider = OIDCProviderMetadata.parse(given().get("/.well-known/openid-configuration").then()
                    .statusCode(200).extract().asString());
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new AssertionError("The discovery document is not OpenID Connect provider metadata", e);
        }
        assertEquals(SignInFixtures.ISSUER, provider.getIssuer().getValue());
    }

    /**
     * The authorization request (scope openid profile email) with these extra parameters ({@code connection},
     * {@code organization}, {@code login_hint}), as a URL of the service under test.
     */
    URI authorize(Map<String, String> parameters) {
        AuthenticationRequest.Builder request = new AuthenticationRequest.Builder(ResponseType.CODE,
                new Scope("openid", "profile", "email"), new ClientID(app.clientId()), URI.create(app.callback()))
                .endpointURI(provider.getAuthorizationEndpointURI()).state(state).nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256);
        parameters.forEach(request::customParameter);
        return local(request.build().toURI());
    }

    /** From the redirect to the callback: the code redeemed, the id token validated, /userinfo called. */
    SignedIn finish(URI callback) throws Exception {
        AuthorizationResponse answer = AuthorizationResponse.parse(callback);
        assertTrue(answer.indicatesSuccess(), callback.toString());
        assertEquals(state, answer.getState());
        assertEquals(new Issuer(SignInFixtures.ISSUER), answer.getIssuer());
        return redeem(answer.toSuccessResponse().getAuthorizationCode(), verifier, nonce);
    }

    /**
     * An IdP-initiated sign-in has no request of the application's: the callback carries a code and no state, and
     * the id token no nonce.
     */
    SignedIn finishUnsolicited(URI callback) throws Exception {
        Map<String, String> query = SignInFixtures.query(callback.toString());
        assertTrue(query.containsKey("code"), callback.toString());
        assertFalse(query.containsKey("state"), callback.toString());
        return redeem(new AuthorizationCode(query.get("code")), null, null);
    }

    private SignedIn redeem(AuthorizationCode code, CodeVerifier codeVerifier,
            Nonce expectedNonce) throws Exception {
        TokenResponse tokens = OIDCTokenResponseParser.parse(new TokenRequest(local(provider.getTokenEndpointURI()),
                new ClientSecretBasic(new ClientID(app.clientId()), new Secret(app.clientSecret())),
                new AuthorizationCodeGrant(code, URI.create(app.callback()), codeVerifier)).toHTTPRequest().send());
        assertTrue(tokens.indicatesSuccess(), () -> tokens.toErrorResponse().getErrorObject().toString());
        OIDCTokenResponse success = (OIDCTokenResponse) tokens.toSuccessResponse();
        JWKSet keys = JWKSet.load(local(provider.getJWKSetURI()).toURL());
        IDTokenClaimsSet claims = new IDTokenValidator(new Issuer(SignInFixtures.ISSUER), new ClientID(app.clientId()),
                JWSAlgorithm.RS256, keys).validate(success.getOIDCTokens().getIDToken(), expectedNonce);

        BearerAccessToken accessToken = success.getOIDCTokens().getBearerAccessToken();
        UserInfoResponse userInfo = UserInfoResponse.parse(new UserInfoRequest(local(provider.getUserInfoEndpointURI()),
                accessToken).toHTTPRequest().send());
        assertTrue(userInfo.indicatesSuccess(), () -> userInfo.toErrorResponse().getErrorObject().toString());
        UserInfo profile = userInfo.toSuccessResponse().getUserInfo();
        assertEquals(claims.getSubject(), profile.getSubject());
        return new SignedIn(claims, profile);
    }

    /** The service's own URLs (its public URL in tests) as the test server on its actual port. */
    static URI local(URI uri) {
        return URI.create(uri.toString().replace(SignInFixtures.PUBLIC_URL, "http://localhost:" + RestAssured.port));
    }
}
