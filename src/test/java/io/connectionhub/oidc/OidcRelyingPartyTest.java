package io.connectionhub.oidc;

import static io.connectionhub.oidc.OidcCheckFailed.Check.CALLBACK_ISSUER;
import static io.connectionhub.oidc.OidcCheckFailed.Check.DISCOVERY;
import static io.connectionhub.oidc.OidcCheckFailed.Check.ID_TOKEN_ALGORITHM;
import static io.connectionhub.oidc.OidcCheckFailed.Check.ID_TOKEN_AUDIENCE;
import static io.connectionhub.oidc.OidcCheckFailed.Check.ID_TOKEN_AUTHORIZED_PARTY;
import static io.connectionhub.oidc.OidcCheckFailed.Check.ID_TOKEN_EXPIRED;
import static io.connectionhub.oidc.OidcCheckFailed.Check.ID_TOKEN_ISSUED_IN_FUTURE;
import static io.connectionhub.oidc.OidcCheckFailed.Check.ID_TOKEN_ISSUER;
import static io.connectionhub.oidc.OidcCheckFailed.Check.ID_TOKEN_NONCE_MISMATCH;
import static io.connectionhub.oidc.OidcCheckFailed.Check.ID_TOKEN_NONCE_MISSING;
import static io.connectionhub.oidc.OidcCheckFailed.Check.ID_TOKEN_SIGNATURE;
import static io.connectionhub.oidc.OidcCheckFailed.Check.ID_TOKEN_SUBJECT_MISSING;
import static io.connectionhub.oidc.OidcCheckFailed.Check.ID_TOKEN_UNKNOWN_KEY;
import static io.connectionhub.oidc.OidcCheckFailed.Check.IDP_ERROR;
import static io.connectionhub.oidc.OidcCheckFailed.Check.KEYS;
import static io.connectionhub.oidc.OidcCheckFailed.Check.MISSING_CODE;
import static io.connectionhub.oidc.OidcCheckFailed.Check.TOKEN_EXCHANGE;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import io.connectionhub.auth.PublicUrl;
import io.connectionhub.saml.OutboundConfig;
import io.connectionhub.saml.OutboundFetcher;
import io.connectionhub.support.ConfigMappings;
import io.vertx.core.Vertx;

/**
 * The relying party against a loopback IdP stand-in ({@link LoopbackIdp}) that signs its tokens with its own keys:
 * the authorization request, the code exchange, and every check of the callback and the ID token, each failing with
 * its own {@link OidcCheckFailed.Check} and a message naming the values.
 */
class OidcRelyingPartyTest {

    static final String HUB = "https://hub.example";
    static final String CALLBACK = HUB + "/login/callback";

    static Vertx vertx;
    static LoopbackIdp idp;
    OidcRelyingParty relyingParty;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        idp = new LoopbackIdp();
    }

    @AfterAll
    static void stop() throws Exception {
        idp.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void freshRelyingParty() throws Exception {
        idp.discoveryOverrides.clear();
        idp.discoveryBody = null;
        idp.signingKey = LoopbackIdp.newKey("key-1");
        idp.published.clear();
        idp.published.add(idp.signingKey);
        idp.tokenRequests.clear();
        idp.discoveryFetches.set(0);
        idp.keyFetches.set(0);
        relyingParty = relyingParty(permissive());
    }

    // The authorization request

    @Test
    void theAuthorizationRequestCarriesPkceStateNonceAndTheCallback() {
        OidcRedirect redirect = relyingParty.authorization(settings(), "pending-1", false, null).await().atMost(timeout());

        Map<String, String> query = query(redirect.url());
        assertThat(redirect.url().toString(), startsWith(idp.base + "/authorize?"));
        assertEquals("code", query.get("response_type"));
        assertEquals(LoopbackIdp.CLIENT_ID, query.get("client_id"));
        assertEquals(CALLBACK, query.get("redirect_uri"));
        assertEquals("openid profile email", query.get("scope"));
        assertEquals("pending-1", query.get("state"));
        assertEquals(redirect.nonce(), query.get("nonce"));
        assertEquals("S256", query.get("code_challenge_method"));
        assertEquals(LoopbackIdp.s256(redirect.codeVerifier()), query.get("code_challenge"));
        assertTrue(redirect.codeVerifier().length() >= 43, "a verifier of at least 256 bits");
        assertNull(query.get("prompt"));
    }

    @Test
    void eachAuthorizationHasItsOwnNonceAndVerifierAndPromptLoginOnDemand() {
        OidcRedirect first = relyingParty.authorization(settings(), "a", true, "alice@acme.test").await().atMost(timeout());
        OidcRedirect second = relyingParty.authorization(settings(), "b", false, null).await().atMost(timeout());

        assertEquals("login", query(first.url()).get("prompt"));
        assertEquals("alice@acme.test", query(first.url()).get("login_hint"));
        assertNotEquals(first.nonce(), second.nonce());
        assertNotEquals(first.codeVerifier(), second.codeVerifier());
    }

    @Test
    void discoveryIsFetchedOnceAndReused() {
        relyingParty.authorization(settings(), "a", false, null).await().atMost(timeout());
        relyingParty.authorization(settings(), "b", false, null).await().atMost(timeout());

        assertEquals(1, idp.discoveryFetches.get());
    }

    // The callback and the code exchange

    @Test
    void aValidCallbackGivesTheProfile() {
        OidcProfile profile = signIn(settings(), claims -> claims);

        assertEquals(idp.base, profile.issuer());
        assertEquals("user-123", profile.subject());
        assertEquals("alice@acme.test", profile.email());
        assertEquals(Boolean.TRUE, profile.emailVerified());
        assertEquals("Alice", profile.givenName());
        assertEquals("Liddell", profile.familyName());
        assertEquals("Alice Liddell", profile.name());
        assertEquals(List.of("engineering", "admins"), profile.groups());
        assertEquals("alice@acme.test", profile.claims().get("email"));
    }

    @Test
    void theCodeIsExchangedWithClientSecretBasicByDefault() {
        signIn(settings(), claims -> claims);

        LoopbackIdp.TokenRequest request = idp.tokenRequests.get(0);
        assertEquals("Basic " + Base64.getEncoder().encodeToString((LoopbackIdp.CLIENT_ID + ":" + LoopbackIdp.CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8)), request.authorization());
        assertEquals("authorization_code", request.form().get("grant_type"));
        assertEquals(CALLBACK, request.form().get("redirect_uri"));
        assertNull(request.form().get("client_secret"));
    }

    @Test
    void theCodeIsExchangedWithClientSecretPostWhenThatIsAllTheIdpAccepts() {
        idp.discoveryOverrides.put("token_endpoint_auth_methods_supported", List.of("client_secret_post"));

        signIn(settings(), claims -> claims);

        LoopbackIdp.TokenRequest request = idp.tokenRequests.get(0);
        assertNull(request.authorization());
        assertEquals(LoopbackIdp.CLIENT_SECRET, request.form().get("client_secret"));
        assertEquals(LoopbackIdp.CLIENT_ID, request.form().get("client_id"));
    }

    @Test
    void anIdpErrorIsPassedOnWithItsDescription() {
        OidcRedirect redirect = relyingParty.authorization(settings(), "s", false, null).await().atMost(timeout());

        OidcCheckFailed failed = complete(settings(), new OidcCallback(null, "s", null, "access_denied",
                "The user cancelled\n"), redirect);

        assertEquals(IDP_ERROR, failed.check());
        assertEquals("access_denied", failed.idpError());
        assertEquals("The user cancelled", failed.idpErrorDescription());
        assertEquals("The IdP refused the sign-in: access_denied (The user cancelled)", failed.getMessage());
        assertTrue(idp.tokenRequests.isEmpty());
    }

    @Test
    void aCallbackWithoutCodeOrErrorFails() {
        OidcRedirect redirect = relyingParty.authorization(settings(), "s", false, null).await().atMost(timeout());

        assertEquals(MISSING_CODE, complete(settings(), new OidcCallback(null, "s", null, null, null), redirect).check());
    }

    @Test
    void aRefusedCodeFailsWithTheTokenEndpointsError() {
        OidcRedirect redirect = relyingParty.authorization(settings(), "s", false, null).await().atMost(timeout());

        OidcCheckFailed failed = complete(settings(), new OidcCallback("never-issued", "s", null, null, null), redirect);

        assertEquals(TOKEN_EXCHANGE, failed.check());
        assertEquals("invalid_grant", failed.idpError());
        assertEquals("The token endpoint refused the code: invalid_grant (Code not valid)", failed.getMessage());
    }

    @Test
    void aWrongClientSecretFailsAtTheTokenEndpoint() {
        OidcSettings wrongSecret = new OidcSettings("t", "con_1", "acme-oidc", null, idp.discoveryUrl(), idp.base,
                LoopbackIdp.CLIENT_ID, "not-the-secret", List.of("openid"));

        OidcCheckFailed failed = failure(wrongSecret, claims -> claims);

        assertEquals(TOKEN_EXCHANGE, failed.check());
        assertEquals("invalid_client", failed.idpError());
    }

    // RFC 9207

    @Test
    void aCallbackNamingAnotherIssuerFails() {
        OidcRedirect redirect = relyingParty.authorization(settings(), "s", false, null).await().atMost(timeout());

        OidcCheckFailed failed = complete(settings(), new OidcCallback("c", "s", "https://evil.example", null, null),
                redirect);

        assertEquals(CALLBACK_ISSUER, failed.check());
        assertEquals("Callback issuer mismatch: expected \"" + idp.base + "\", got \"https://evil.example\" (RFC 9207; "
                + "the answer may come from another IdP)", failed.getMessage());
    }

    @Test
    void aCallbackWithoutIssWhereTheIdpPromisesItFails() {
        idp.discoveryOverrides.put("authorization_response_iss_parameter_supported", true);
        OidcRedirect redirect = relyingParty.authorization(settings(), "s", false, null).await().atMost(timeout());

        assertEquals(CALLBACK_ISSUER, complete(settings(), new OidcCallback("c", "s", null, null, null), redirect).check());
    }

    @Test
    void aCallbackWithTheRightIssWhereTheIdpPromisesItSucceeds() {
        idp.discoveryOverrides.put("authorization_response_iss_parameter_supported", true);

        assertEquals("user-123", signIn(settings(), claims -> claims, idp.base).subject());
    }

    @Test
    void anIdpErrorFromAnotherIssuerIsRefusedAsSuch() {
        OidcRedirect redirect = relyingParty.authorization(settings(), "s", false, null).await().atMost(timeout());

        assertEquals(CALLBACK_ISSUER, complete(settings(), new OidcCallback(null, "s", "https://evil.example",
                "access_denied", null), redirect).check());
    }

    // The ID token, check by check

    @Test
    void aTokenSignedByAnotherKeyWithTheSameKidFails() throws Exception {
        RSAKey impostor = LoopbackIdp.newKey("key-1");

        OidcCheckFailed failed = failure(settings(), claims -> claims, impostor);

        assertEquals(ID_TOKEN_SIGNATURE, failed.check());
        assertThat(failed.getMessage(), containsString("does not verify with the IdP's key \"key-1\" (RS256)"));
    }

    @Test
    void aTokenAlteredAfterSigningFails() {
        OidcRedirect redirect = relyingParty.authorization(settings(), "s", false, null).await().atMost(timeout());
        String token = idp.sign(idp.claims(redirect.nonce()).build());
        String[] parts = token.split("\\.");
        String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("user-123", "admin-001").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        idp.issue("c", query(redirect.url()).get("code_challenge"), CALLBACK, altered);

        assertEquals(ID_TOKEN_SIGNATURE, complete(settings(), new OidcCallback("c", "s", null, null, null), redirect)
                .check());
    }

    @Test
    void anUnknownKidMakesTheKeySetBeFetchedAgain() throws Exception {
        signIn(settings(), claims -> claims);
        assertEquals(1, idp.keyFetches.get());
        // The IdP rotates its key: the cached set lacks the new kid.
        RSAKey rotated = LoopbackIdp.newKey("key-2");
        idp.published.add(rotated);
        idp.signingKey = rotated;

        assertEquals("user-123", signIn(settings(), claims -> claims).subject());
        assertEquals(2, idp.keyFetches.get());
        // The new key is now cached: no third fetch.
        signIn(settings(), claims -> claims);
        assertEquals(2, idp.keyFetches.get());
    }

    @Test
    void aKidTheIdpDoesNotPublishFailsAfterOneMoreFetch() throws Exception {
        OidcCheckFailed failed = failure(settings(), claims -> claims, LoopbackIdp.newKey("key-unknown"));

        assertEquals(ID_TOKEN_UNKNOWN_KEY, failed.check());
        assertEquals("The ID token is signed with key id \"key-unknown\", which the IdP's key set at " + idp.base
                + "/jwks does not have (it has [key-1])", failed.getMessage());
        assertEquals(2, idp.keyFetches.get());
    }

    @Test
    void unknownKidsDoNotMakeTheKeySetBeFetchedOverAndOver() throws Exception {
        failure(settings(), claims -> claims, LoopbackIdp.newKey("made-up-1"));
        failure(settings(), claims -> claims, LoopbackIdp.newKey("made-up-2"));
        failure(settings(), claims -> claims, LoopbackIdp.newKey("made-up-3"));

        assertEquals(2, idp.keyFetches.get(), "one fetch, then one refresh within the refresh interval");
    }

    @Test
    void aTokenFromAnotherIssuerFails() {
        OidcCheckFailed failed = failure(settings(), claims -> claims.issuer("https://other-idp.example"));

        assertEquals(ID_TOKEN_ISSUER, failed.check());
        assertEquals("ID token issuer mismatch: expected \"" + idp.base + "\", got \"https://other-idp.example\"",
                failed.getMessage());
    }

    @Test
    void aTokenForAnotherClientFails() {
        OidcCheckFailed failed = failure(settings(), claims -> claims.audience("another-client"));

        assertEquals(ID_TOKEN_AUDIENCE, failed.check());
        assertEquals("ID token audience mismatch: expected \"hub-client\", got [another-client]", failed.getMessage());
    }

    @Test
    void severalAudiencesNeedAnAzpNamingTheClient() {
        OidcCheckFailed missing = failure(settings(), claims -> claims.audience(List.of(LoopbackIdp.CLIENT_ID, "api")));
        OidcCheckFailed other = failure(settings(), claims -> claims.audience(List.of(LoopbackIdp.CLIENT_ID, "api"))
                .claim("azp", "api"));

        assertEquals(ID_TOKEN_AUTHORIZED_PARTY, missing.check());
        assertEquals("The ID token has several audiences [hub-client, api] but no azp naming \"hub-client\"",
                missing.getMessage());
        assertEquals(ID_TOKEN_AUTHORIZED_PARTY, other.check());
        assertEquals("ID token authorized party (azp) mismatch: expected \"hub-client\", got \"api\"", other.getMessage());
        assertEquals("user-123", signIn(settings(), claims -> claims.audience(List.of(LoopbackIdp.CLIENT_ID, "api"))
                .claim("azp", LoopbackIdp.CLIENT_ID)).subject());
    }

    @Test
    void anExpiredTokenFails() {
        OidcCheckFailed failed = failure(settings(), claims -> claims.expirationTime(secondsFromNow(-600)));

        assertEquals(ID_TOKEN_EXPIRED, failed.check());
        assertThat(failed.getMessage(), containsString("clock skew 60 s"));
    }

    @Test
    void aTokenExpiredWithinTheClockSkewIsAccepted() {
        assertEquals("user-123", signIn(settings(), claims -> claims.expirationTime(secondsFromNow(-20))).subject());
    }

    @Test
    void aTokenWithoutExpFails() {
        assertEquals(ID_TOKEN_EXPIRED, failure(settings(), claims -> claims.expirationTime(null)).check());
    }

    @Test
    void aTokenIssuedInTheFutureFails() {
        OidcCheckFailed failed = failure(settings(), claims -> claims.issueTime(secondsFromNow(600)));

        assertEquals(ID_TOKEN_ISSUED_IN_FUTURE, failed.check());
        assertThat(failed.getMessage(), startsWith("The ID token was issued in the future"));
        assertEquals("user-123", signIn(settings(), claims -> claims.issueTime(secondsFromNow(20))).subject());
    }

    @Test
    void aTokenWithAnotherNonceFails() {
        OidcCheckFailed failed = failure(settings(), claims -> claims.claim("nonce", "another-sign-in"));

        assertEquals(ID_TOKEN_NONCE_MISMATCH, failed.check());
    }

    @Test
    void aTokenWithoutNonceFails() {
        assertEquals(ID_TOKEN_NONCE_MISSING, failure(settings(), claims -> claims.claim("nonce", null)).check());
    }

    @Test
    void aTokenWithoutSubjectFails() {
        assertEquals(ID_TOKEN_SUBJECT_MISSING, failure(settings(), claims -> claims.subject(null)).check());
    }

    @Test
    void unsignedAndHmacTokensAreRefused() throws Exception {
        OidcRedirect redirect = relyingParty.authorization(settings(), "s", false, null).await().atMost(timeout());
        JWTClaimsSet claims = idp.claims(redirect.nonce()).build();
        String unsigned = new PlainJWT(new PlainHeader(), claims).serialize();
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        hmac.sign(new MACSigner(LoopbackIdp.CLIENT_SECRET.repeat(2)));

        idp.issue("c1", query(redirect.url()).get("code_challenge"), CALLBACK, unsigned);
        OidcCheckFailed none = complete(settings(), new OidcCallback("c1", "s", null, null, null), redirect);
        idp.issue("c2", query(redirect.url()).get("code_challenge"), CALLBACK, hmac.serialize());
        OidcCheckFailed hs256 = complete(settings(), new OidcCallback("c2", "s", null, null, null), redirect);

        assertEquals(ID_TOKEN_ALGORITHM, none.check());
        assertEquals("The ID token is unsigned (alg none); only signed ID tokens are accepted", none.getMessage());
        assertEquals(ID_TOKEN_ALGORITHM, hs256.check());
        assertThat(hs256.getMessage(), startsWith("The ID token is signed with HS256, which is not accepted"));
    }

    // Discovery and keys under the outbound rules

    @Test
    void discoveryOverHttpIsRefusedByDefault() {
        OidcRelyingParty strict = relyingParty(ConfigMappings.of(OutboundConfig.class, Map.of()));

        OidcCheckFailed failed = assertThrows(OidcCheckFailed.class,
                () -> strict.authorization(settings(), "s", false, null).await().atMost(timeout()));

        assertEquals(DISCOVERY, failed.check());
        assertEquals("OIDC discovery failed: " + idp.discoveryUrl() + " refused: only https URLs are fetched",
                failed.getMessage());
    }

    @Test
    void discoveryAtAPrivateAddressIsRefusedUnlessConfigured() {
        OidcRelyingParty httpOnly = relyingParty(ConfigMappings.of(OutboundConfig.class,
                Map.of("connectionhub.outbound.allow-http", "true")));

        OidcCheckFailed failed = assertThrows(OidcCheckFailed.class,
                () -> httpOnly.authorization(settings(), "s", false, null).await().atMost(timeout()));

        assertEquals(DISCOVERY, failed.check());
        assertThat(failed.getMessage(), containsString("127.0.0.1 is a loopback address; only public addresses are fetched"));
    }

    @Test
    void anOversizeDiscoveryDocumentIsRefused() {
        idp.discoveryBody = new byte[2 * 1024 * 1024];

        OidcCheckFailed failed = assertThrows(OidcCheckFailed.class,
                () -> relyingParty.authorization(settings(), "s", false, null).await().atMost(timeout()));

        assertEquals(DISCOVERY, failed.check());
        assertThat(failed.getMessage(), containsString("the response is larger than 1048576 bytes"));
    }

    @Test
    void aDiscoveryDocumentThatIsNotValidIsRefused() {
        idp.discoveryBody = "{\"issuer\": 42}".getBytes(StandardCharsets.UTF_8);

        OidcCheckFailed failed = assertThrows(OidcCheckFailed.class,
                () -> relyingParty.authorization(settings(), "s", false, null).await().atMost(timeout()));

        assertEquals(DISCOVERY, failed.check());
        assertThat(failed.getMessage(), startsWith("The OIDC discovery document at " + idp.discoveryUrl() + " is not valid"));
    }

    @Test
    void aDiscoveryDocumentWithoutTokenEndpointIsRefused() {
        idp.discoveryOverrides.put("token_endpoint", LoopbackIdp.REMOVE);

        OidcCheckFailed failed = assertThrows(OidcCheckFailed.class,
                () -> relyingParty.authorization(settings(), "s", false, null).await().atMost(timeout()));

        assertEquals(DISCOVERY, failed.check());
        assertThat(failed.getMessage(), containsString("has no token_endpoint"));
    }

    @Test
    void aDiscoveryDocumentNamingAnotherIssuerIsRefused() {
        idp.discoveryOverrides.put("issuer", "https://other-idp.example");

        OidcCheckFailed failed = assertThrows(OidcCheckFailed.class,
                () -> relyingParty.authorization(settings(), "s", false, null).await().atMost(timeout()));

        assertEquals(DISCOVERY, failed.check());
        assertEquals("OIDC discovery issuer mismatch: the connection expects \"" + idp.base + "\", the document at "
                + idp.discoveryUrl() + " names \"https://other-idp.example\"", failed.getMessage());
    }

    @Test
    void aFailedDiscoveryIsNotCached() {
        idp.discoveryBody = "not json".getBytes(StandardCharsets.UTF_8);
        assertThrows(OidcCheckFailed.class,
                () -> relyingParty.authorization(settings(), "s", false, null).await().atMost(timeout()));
        idp.discoveryBody = null;

        relyingParty.authorization(settings(), "s", false, null).await().atMost(timeout());

        assertEquals(2, idp.discoveryFetches.get());
    }

    @Test
    void aKeySetThatCannotBeFetchedFails() {
        idp.discoveryOverrides.put("jwks_uri", idp.base + "/no-such-key-set");

        OidcCheckFailed failed = failure(settings(), claims -> claims);

        assertEquals(KEYS, failed.check());
        assertEquals("The IdP's key set could not be fetched: " + idp.base + "/no-such-key-set: answered HTTP 404",
                failed.getMessage());
    }

    // Helpers

    OidcRelyingParty relyingParty(OutboundConfig outbound) {
        OutboundFetcher fetcher = new OutboundFetcher(vertx, outbound);
        OidcConfig config = ConfigMappings.of(OidcConfig.class, Map.of());
        return new OidcRelyingParty(new OidcDiscovery(fetcher, config), new OidcKeys(fetcher, config), fetcher,
                new PublicUrl(HUB), Duration.ofSeconds(60));
    }

    static OutboundConfig permissive() {
        // Loopback and http for the stand-in, private addresses other than loopback refused by a test of its own.
        return ConfigMappings.of(OutboundConfig.class, Map.of("connectionhub.outbound.allow-http", "true",
                "connectionhub.outbound.allow-private-addresses", "true", "connectionhub.outbound.timeout", "20s"));
    }

    static OidcSettings settings() {
        return new OidcSettings("t", "con_1", "acme-oidc", null, idp.discoveryUrl(), idp.base, LoopbackIdp.CLIENT_ID,
                LoopbackIdp.CLIENT_SECRET, List.of("openid", "profile", "email"));
    }

    OidcProfile signIn(OidcSettings settings, Function<JWTClaimsSet.Builder, JWTClaimsSet.Builder> claims) {
        return signIn(settings, claims, null);
    }

    /** Authorization request, the IdP's code for a token it signs with {@code claims}, and the callback. */
    OidcProfile signIn(OidcSettings settings, Function<JWTClaimsSet.Builder, JWTClaimsSet.Builder> claims, String iss) {
        OidcRedirect redirect = relyingParty.authorization(settings, "state-1", false, null).await().atMost(timeout());
        String code = "code-" + System.nanoTime();
        idp.issue(code, query(redirect.url()).get("code_challenge"), CALLBACK,
                idp.sign(claims.apply(idp.claims(redirect.nonce())).build()));
        return relyingParty.complete(settings, new OidcCallback(code, "state-1", iss, null, null), redirect.nonce(),
                redirect.codeVerifier()).await().atMost(timeout());
    }

    OidcCheckFailed failure(OidcSettings settings, Function<JWTClaimsSet.Builder, JWTClaimsSet.Builder> claims) {
        return assertThrows(OidcCheckFailed.class, () -> signIn(settings, claims));
    }

    /** A sign-in whose token is signed by {@code key} (its kid in the header) instead of the IdP's current key. */
    OidcCheckFailed failure(OidcSettings settings, Function<JWTClaimsSet.Builder, JWTClaimsSet.Builder> claims,
            RSAKey key) {
        RSAKey current = idp.signingKey;
        idp.signingKey = key;
        try {
            return assertThrows(OidcCheckFailed.class, () -> signIn(settings, claims));
        } finally {
            idp.signingKey = current;
        }
    }

    OidcCheckFailed complete(OidcSettings settings, OidcCallback callback, OidcRedirect redirect) {
        return assertThrows(OidcCheckFailed.class, () -> relyingParty.complete(settings, callback, redirect.nonce(),
                redirect.codeVerifier()).await().atMost(timeout()));
    }

    static Date secondsFromNow(long seconds) {
        return new Date(System.currentTimeMillis() + seconds * 1000);
    }

    static Duration timeout() {
        return Duration.ofSeconds(30);
    }

    static Map<String, String> query(URI uri) {
        return LoopbackIdp.form(uri.getRawQuery());
    }
}
