package io.connectionhub.oidc;

import static io.connectionhub.oidc.OidcCheckFailed.Check.CONNECTION_SETTINGS;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.connectionhub.auth.PublicUrl;
import io.connectionhub.organization.OrgProfiles;
import io.connectionhub.organization.Orgs;
import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The relying-party settings of OIDC connections of both families, read from what the management APIs stored (secrets
 * opened), the read-only callback URL both families show, and the connections that cannot sign anyone in.
 */
@QuarkusTest
@TestProfile(OrgProfiles.LoopbackIdp.class)
class OidcSettingsLoaderTest {

    static LoopbackIdp idp;
    static TestTenant tenant;

    @Inject
    OidcSettingsLoader loader;
    @Inject
    OidcRelyingParty relyingParty;
    @Inject
    PublicUrl publicUrl;

    @BeforeAll
    static void identityProvider() throws Exception {
        idp = new LoopbackIdp();
    }

    @AfterAll
    static void stop() throws Exception {
        idp.close();
    }

    @BeforeEach
    void tenant() {
        if (tenant == null) {
            tenant = TestTenant.create();
        }
    }

    @Test
    void anApiV2ConnectionWithAnIssuerLoadsWithItsSecretOpened() {
        String id = createOidc(Map.of("issuer", idp.base, "client_id", "hub-client", "client_secret", "s3cret",
                "scope", "email groups", "type", "back_channel"));

        OidcSettings settings = load(id);

        assertEquals(tenant.id, settings.tenantId());
        assertEquals(id, settings.connectionId());
        assertEquals(idp.base + "/.well-known/openid-configuration", settings.discoveryUrl());
        assertEquals(idp.base, settings.expectedIssuer());
        assertEquals("hub-client", settings.clientId());
        assertEquals("s3cret", settings.clientSecret());
        assertEquals(List.of("openid", "email", "groups"), settings.scopes());
        assertNull(settings.organizationId());
    }

    @Test
    void aDiscoveryUrlIsUsedAsGivenAndTheScopesDefault() {
        String id = createOidc(Map.of("discovery_url", idp.discoveryUrl(), "client_id", "hub-client",
                "client_secret", "s3cret"));

        OidcSettings settings = load(id);

        assertEquals(idp.discoveryUrl(), settings.discoveryUrl());
        assertNull(settings.expectedIssuer(), "without options.issuer, whichever issuer the document names");
        assertEquals(List.of("openid", "profile", "email"), settings.scopes());
    }

    @Test
    void theCallbackUrlIsShownInTheOptionsAndNeverStored() {
        String id = createOidc(Map.of("issuer", idp.base, "client_id", "hub-client", "client_secret", "s3cret",
                "callback_url", "https://evil.example/steal"));

        tenant.api().get("/api/v2/connections/" + id).then().statusCode(200)
                .body("options.callback_url", equalTo(publicUrl.base() + "/login/callback"));
        tenant.api().get("/api/v2/connections?strategy=oidc").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.options.callback_url", equalTo(publicUrl.base() + "/login/callback"));
    }

    @Test
    void otherStrategiesShowNoCallbackUrl() {
        String id = tenant.api().body(Map.of("name", Orgs.unique("db"), "strategy", "auth0"))
                .post("/api/v2/connections").then().statusCode(201).extract().path("id");

        tenant.api().get("/api/v2/connections/" + id).then().statusCode(200)
                .body("options", not(hasKey("callback_url")));
    }

    @Test
    void theAuthorizationRequestOfALoadedConnectionUsesTheServicesCallback() {
        String id = createOidc(Map.of("issuer", idp.base, "client_id", "hub-client", "client_secret", "s3cret"));

        OidcRedirect redirect = relyingParty.authorization(load(id), "state-x", false, null)
                .await().atMost(Duration.ofSeconds(30));

        assertEquals(publicUrl.base() + "/login/callback", OidcRelyingPartyTest.query(redirect.url()).get("redirect_uri"));
    }

    @Test
    void anOrganizationConnectionLoadsWithItsOrganizationAndShowsTheCallbackUrl() {
        String orgId = Orgs.create(tenant);
        String domain = Orgs.verifiedDomain(tenant, orgId);
        JsonPath created = tenant.manage().body(orgOidc(domain, true)).post("/v2/manage/organizations/" + orgId
                + "/connections").then().statusCode(201)
                .body("CallbackUrl", equalTo(publicUrl.base() + "/login/callback"))
                .extract().jsonPath();

        OidcSettings settings = load(Orgs.auth0Id(created.getString("Id")));

        assertEquals(orgId, settings.organizationId());
        assertEquals(idp.discoveryUrl(), settings.discoveryUrl());
        assertEquals(idp.base, settings.expectedIssuer());
        assertEquals("org-client", settings.clientId());
        assertEquals("org-secret", settings.clientSecret());
        assertEquals(List.of("openid", "groups"), settings.scopes());
    }

    @Test
    void anInactiveOrganizationConnectionDoesNotLoad() {
        String orgId = Orgs.create(tenant);
        String domain = Orgs.verifiedDomain(tenant, orgId);
        String wireId = tenant.manage().body(orgOidc(domain, false)).post("/v2/manage/organizations/" + orgId
                + "/connections").then().statusCode(201).extract().path("Id");

        OidcCheckFailed failed = assertThrows(OidcCheckFailed.class, () -> load(Orgs.auth0Id(wireId)));

        assertEquals(CONNECTION_SETTINGS, failed.check());
        assertEquals("The connection " + nameOf(Orgs.auth0Id(wireId)) + " is not active for sign-in", failed.getMessage());
    }

    @Test
    void aConnectionWithoutClientSecretDoesNotLoad() {
        String id = createOidc(Map.of("issuer", idp.base, "client_id", "hub-client", "type", "front_channel"));

        OidcCheckFailed failed = assertThrows(OidcCheckFailed.class, () -> load(id));

        assertEquals(CONNECTION_SETTINGS, failed.check());
        assertEquals("The connection " + nameOf(id) + " has no options.client_secret, which the authorization code "
                + "flow needs", failed.getMessage());
    }

    @Test
    void connectionsThatAreNotOidcOrDoNotExistDoNotLoad() {
        String database = tenant.api().body(Map.of("name", Orgs.unique("db"), "strategy", "auth0"))
                .post("/api/v2/connections").then().statusCode(201).extract().path("id");

        OidcCheckFailed notOidc = assertThrows(OidcCheckFailed.class, () -> load(database));
        OidcCheckFailed missing = assertThrows(OidcCheckFailed.class, () -> load("con_doesnotexist0000"));

        assertEquals(CONNECTION_SETTINGS, notOidc.check());
        assertEquals("The connection " + nameOf(database) + " is a auth0 connection, not an OIDC one", notOidc.getMessage());
        assertEquals(CONNECTION_SETTINGS, missing.check());
    }

    @Test
    void anotherTenantsConnectionDoesNotLoad() {
        String id = createOidc(Map.of("issuer", idp.base, "client_id", "hub-client", "client_secret", "s3cret"));
        TestTenant other = TestTenant.create();

        OidcCheckFailed failed = assertThrows(OidcCheckFailed.class,
                () -> loader.load(other.id, id).await().atMost(Duration.ofSeconds(30)));

        assertEquals(CONNECTION_SETTINGS, failed.check());
        assertEquals("The connection " + id + " does not exist or is being deleted", failed.getMessage());
    }

    // Helpers

    OidcSettings load(String connectionId) {
        return loader.load(tenant.id, connectionId).await().atMost(Duration.ofSeconds(30));
    }

    static String createOidc(Map<String, Object> options) {
        return tenant.api().body(Map.of("name", Orgs.unique("oidc"), "strategy", "oidc", "options", options))
                .post("/api/v2/connections").then().statusCode(201).extract().path("id");
    }

    static String nameOf(String connectionId) {
        return tenant.api().get("/api/v2/connections/" + connectionId).then().statusCode(200).extract().path("name");
    }

    static Map<String, Object> orgOidc(String domain, boolean active) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Name", Orgs.unique("org-oidc"));
        body.put("ConnectionType", "oidc_custom");
        body.put("Domain", domain);
        body.put("OIDCIssuer", idp.base);
        body.put("ClientId", "org-client");
        body.put("ClientSecret", "org-secret");
        body.put("Scopes", List.of("openid", "groups"));
        body.put("IsActive", active);
        return body;
    }
}
