package io.connectionhub.sso;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.connectionhub.organization.OrgProfiles;
import io.connectionhub.organization.Orgs;
import io.connectionhub.support.TestTenant;
import io.connectionhub.support.keycloak.BrowserSession;
import io.connectionhub.support.keycloak.KeycloakAdmin;
import io.connectionhub.support.keycloak.KeycloakServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * SAML connections with a real Keycloak as the identity provider, set up the way a customer's administrator would:
 * our side through the public APIs from Keycloak's IdP metadata URL, Keycloak's side through its admin API from our
 * SP metadata document (Keycloak's own converter reads entity id, ACS URL and signing certificate). Then the sign-ins:
 * the application is Nimbus's OIDC client ({@link NimbusApplication}), the user signs in on Keycloak's real login
 * form, and the browser carries Keycloak's auto-posted SAMLResponse to our ACS: SP-initiated by {@code organization=}
 * and by {@code login_hint=} (the organization's domain verified), with encrypted assertions, IdP-initiated where the
 * connection allows it (and refused where it does not), {@code prompt=login} (ForceAuthn: Keycloak asks again despite
 * its session), and a {@code samlp} connection. The profile lets the service
 * fetch metadata over http from loopback, and answers DNS from the loopback responder that proves the domains.
 */
@QuarkusTest
@TestProfile(OrgProfiles.LoopbackIdp.class)
class SamlKeycloakEndToEndTest {

    static final String PASSWORD = "alice-Secret-1";

    static KeycloakServer keycloak;
    static String realm;
    static TestTenant tenant;
    static SignInFixtures.App app;
    static String orgId;
    static String domain;

    @BeforeEach
    void setUp() {
        if (tenant != null) {
            return;
        }
        tenant = TestTenant.create();
        app = SignInFixtures.webApp(tenant);
        orgId = Orgs.create(tenant);
        domain = Orgs.verifiedDomain(tenant, orgId);
        keycloak = KeycloakServer.shared();
        byte[] suffix = new byte[6];
        new SecureRandom().nextBytes(suffix);
        realm = "saml-" + HexFormat.of().formatHex(suffix);
        KeycloakAdmin admin = keycloak.admin();
        admin.createRealm(realm);
        admin.createUser(realm, new KeycloakAdmin.TestUser("alice", PASSWORD, "alice@" + domain, "Alice", "Liddell",
                List.of("engineering")));
    }

    @Test
    void ourSpIsRegisteredAtKeycloakFromOurOwnSpMetadata() {
        JsonPath connection = organizationConnection(false);

        JsonNode client = register(connection, new KeycloakAdmin.SamlClientOptions(false, false, null));

        JsonNode attributes = client.path("attributes");
        assertEquals("saml", client.path("protocol").asText());
        assertEquals(connection.getString("EntityId"), client.path("clientId").asText());
        assertEquals(connection.getString("ACSEndpoint"), attributes.path("saml_assertion_consumer_url_post").asText());
        assertEquals("true", attributes.path("saml.client.signature").asText(), "Keycloak checks our AuthnRequests");
        assertEquals("true", attributes.path("saml.assertion.signature").asText());
        assertEquals("RSA_SHA256", attributes.path("saml.signature.algorithm").asText());
        assertEquals("false", attributes.path("saml.encrypt").asText());
        assertEquals(der(connection.getString("SPCertificate.Certificate")),
                attributes.path("saml.signing.certificate").asText().replaceAll("\\s", ""));
    }

    @Test
    void forEncryptedAssertionsKeycloakEncryptsToOurSpCertificate() {
        JsonPath connection = organizationConnection(false);

        JsonNode client = register(connection, new KeycloakAdmin.SamlClientOptions(false, true, null));

        JsonNode attributes = client.path("attributes");
        assertEquals("true", attributes.path("saml.encrypt").asText());
        assertEquals("true", attributes.path("saml.assertion.signature").asText());
        assertEquals(der(connection.getString("SPCertificate.Certificate")),
                attributes.path("saml.encryption.certificate").asText().replaceAll("\\s", ""));
    }

    @Test
    void idpInitiatedKeycloakPostsItsResponseToOurAcs() {
        JsonPath connection = organizationConnection(true);
        String name = "hub-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        register(connection, new KeycloakAdmin.SamlClientOptions(false, false, name));

        BrowserSession.FormPost post = new BrowserSession().signIn(URI.create(keycloak.issuer(realm)
                + "/protocol/saml/clients/" + name), "alice", PASSWORD, uri -> false).formOrFail();

        assertEquals(connection.getString("ACSEndpoint"), post.action().toString());
    }

    @Test
    void aSamlpConnectionIsMadeFromKeycloaksMetadataUrl() {
        tenant.api().body(Map.of("name", SignInFixtures.unique("kc-samlp"), "strategy", "samlp", "enabled_clients",
                List.of(app.clientId()), "options", Map.of("metadataUrl", keycloak.samlDescriptorUrl(realm))))
                .post("/api/v2/connections").then().statusCode(201)
                .body("options.metadataUrl", equalTo(keycloak.samlDescriptorUrl(realm)))
                .body("options.signInEndpoint", startsWith(keycloak.issuer(realm) + "/protocol/saml"))
                .body("options.thumbprints.size()", equalTo(1));
    }

    // --- Sign-ins: the user on Keycloak's login form, the application Nimbus

    @Test
    void spInitiatedThroughTheOrganization() throws Exception {
        Customer customer = customer();
        JsonPath connection = organizationConnection(customer, false);
        register(connection, new KeycloakAdmin.SamlClientOptions(false, false, null));
        NimbusApplication application = new NimbusApplication(app);

        URI atApp = spInitiated(application.authorize(Map.of("organization", customer.orgId())), customer,
                connection.getString("ACSEndpoint"));

        signedIn(application.finish(atApp), customer, connection);
    }

    @Test
    void spInitiatedByLoginHintThroughTheVerifiedDomain() throws Exception {
        Customer customer = customer();
        JsonPath connection = organizationConnection(customer, false);
        register(connection, new KeycloakAdmin.SamlClientOptions(false, false, null));
        NimbusApplication application = new NimbusApplication(app);

        URI atApp = spInitiated(application.authorize(Map.of("login_hint", customer.email())), customer,
                connection.getString("ACSEndpoint"));

        signedIn(application.finish(atApp), customer, connection);
    }

    @Test
    void spInitiatedWithEncryptedAssertions() throws Exception {
        Customer customer = customer();
        JsonPath connection = organizationConnection(customer, false);
        register(connection, new KeycloakAdmin.SamlClientOptions(true, true, null));
        NimbusApplication application = new NimbusApplication(app);
        BrowserSession browser = new BrowserSession();

        BrowserSession.FormPost post = browser.signIn(application.authorize(Map.of("organization", customer.orgId())),
                customer.username(), PASSWORD, SamlKeycloakEndToEndTest::atService).formOrFail();
        String response = new String(Base64.getMimeDecoder().decode(post.fields().get("SAMLResponse")),
                StandardCharsets.UTF_8);
        assertTrue(response.contains("EncryptedAssertion"), "Keycloak encrypted the assertion");
        assertFalse(response.contains(customer.email()), "nothing of the user in clear");
        URI atApp = toAcs(browser, post, connection.getString("ACSEndpoint"));

        signedIn(application.finish(atApp), customer, connection);
    }

    @Test
    void promptLoginMakesKeycloakAskForThePasswordAgain() throws Exception {
        Customer customer = customer();
        JsonPath connection = organizationConnection(customer, false);
        register(connection, new KeycloakAdmin.SamlClientOptions(false, false, null));
        String acs = connection.getString("ACSEndpoint");
        Map<String, String> organization = Map.of("organization", customer.orgId());
        BrowserSession browser = new BrowserSession();
        NimbusApplication first = new NimbusApplication(app);
        signedIn(first.finish(toAcs(browser, browser.signIn(first.authorize(organization), customer.username(),
                PASSWORD, SamlKeycloakEndToEndTest::atService).formOrFail(), acs)), customer, connection, 1);

        // Keycloak's session signs the user in again without its form...
        NimbusApplication second = new NimbusApplication(app);
        BrowserSession.FormPost silent = browser.open(second.authorize(organization),
                SamlKeycloakEndToEndTest::atService).formOrFail();
        signedIn(second.finish(toAcs(browser, silent, acs)), customer, connection, 2);

        // ...unless the application asks for prompt=login: the AuthnRequest has ForceAuthn="true".
        BrowserSession.Landing asked = browser.open(new NimbusApplication(app).authorize(Map.of("organization",
                customer.orgId(), "prompt", "login")), SamlKeycloakEndToEndTest::atService);
        assertNotNull(asked.page(), "Keycloak answered without asking again");
        assertNotNull(BrowserSession.loginForm(asked.page()));
    }

    @Test
    void idpInitiatedWhereTheConnectionAllowsIt() throws Exception {
        Customer customer = customer();
        JsonPath connection = organizationConnection(customer, true);
        String name = "hub-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        register(connection, new KeycloakAdmin.SamlClientOptions(false, false, name));
        BrowserSession browser = new BrowserSession();

        // The organization family names the application by the RelayState Keycloak sends along.
        BrowserSession.FormPost post = browser.signIn(URI.create(keycloak.issuer(realm) + "/protocol/saml/clients/"
                + name + "?RelayState=" + app.clientId()), customer.username(), PASSWORD, uri -> false).formOrFail();
        URI atApp = toAcs(browser, post, connection.getString("ACSEndpoint"));

        signedIn(new NimbusApplication(app).finishUnsolicited(atApp), customer, connection);
    }

    @Test
    void aSamlpConnectionSignsInSpInitiated() throws Exception {
        Customer customer = customer();
        String name = SignInFixtures.unique("kc-samlp");
        JsonPath created = tenant.api().body(Map.of("name", name, "strategy", "samlp", "enabled_clients",
                List.of(app.clientId()), "options", Map.of("metadataUrl", keycloak.samlDescriptorUrl(realm),
                        "fieldsMap", Map.of("email", "email", "given_name", "firstName", "family_name", "lastName",
                                "groups", "groups"))))
                .post("/api/v2/connections").then().statusCode(201).extract().jsonPath();
        String acs = created.getString("options.acs_url");
        String metadata = given().get(SignInFixtures.local(created.getString("options.sp_metadata_url"))).then()
                .statusCode(200).extract().asString();
        assertEquals(created.getString("options.sp_entity_id"), keycloak.admin().createSamlClientFromMetadata(realm,
                metadata, new KeycloakAdmin.SamlClientOptions(false, false, null)));
        NimbusApplication application = new NimbusApplication(app);

        URI atApp = spInitiated(application.authorize(Map.of("connection", name)), customer, acs);

        NimbusApplication.SignedIn result = application.finish(atApp);
        String userId = result.idToken().getSubject().getValue();
        assertEquals("samlp|" + name + "|" + customer.email(), userId);
        assertEquals(customer.email(), result.userInfo().getEmailAddress());
        assertEquals("Alice", result.userInfo().getGivenName());
        SignInAudit.signedIn(tenant, name, app, userId, "samlp", 1);
    }

    /** An organization of the tenant with a verified domain, and a Keycloak user whose email is in that domain. */
    record Customer(String orgId, String domain, String username, String email) {
    }

    static Customer customer() {
        String orgId = Orgs.create(tenant);
        String domain = Orgs.verifiedDomain(tenant, orgId);
        String username = "u" + HexFormat.of().formatHex(new SecureRandom().generateSeed(5));
        keycloak.admin().createUser(realm, new KeycloakAdmin.TestUser(username, PASSWORD, username + "@" + domain,
                "Alice", "Liddell", List.of("engineering")));
        return new Customer(orgId, domain, username, username + "@" + domain);
    }

    /** From /authorize through Keycloak's login form and its auto-posted response at our ACS, to the application. */
    static URI spInitiated(URI authorize, Customer customer, String acs) {
        BrowserSession browser = new BrowserSession();
        BrowserSession.FormPost post = browser.signIn(authorize, customer.username(), PASSWORD,
                SamlKeycloakEndToEndTest::atService).formOrFail();
        return toAcs(browser, post, acs);
    }

    /** Keycloak's auto-posting form goes to the connection's ACS URL; the browser posts it to the service. */
    static URI toAcs(BrowserSession browser, BrowserSession.FormPost post, String acs) {
        assertEquals(acs, post.action().toString());
        return browser.post(new BrowserSession.FormPost(NimbusApplication.local(post.action()), post.fields()),
                uri -> uri.toString().startsWith(app.callback())).redirectOrFail();
    }

    /** A redirect to one of the service's own pages (a routing page, an error) stops the browser there. */
    static boolean atService(URI uri) {
        return uri.toString().startsWith(SignInFixtures.PUBLIC_URL);
    }

    /** The id token and /userinfo carry the Keycloak user mapped by the connection's Attributes; logs and user. */
    static void signedIn(NimbusApplication.SignedIn result, Customer customer, JsonPath connection) throws Exception {
        signedIn(result, customer, connection, 1);
    }

    /** As above, for the {@code logins}-th sign-in of the user. */
    static void signedIn(NimbusApplication.SignedIn result, Customer customer, JsonPath connection, int logins)
            throws Exception {
        String name = connection.getString("Name");
        String userId = result.idToken().getSubject().getValue();
        assertEquals("samlp|" + name + "|" + customer.email(), userId);
        assertEquals(customer.email(), result.idToken().getStringClaim("email"));
        assertEquals("Alice", result.idToken().getStringClaim("given_name"));
        assertEquals("Liddell", result.userInfo().getFamilyName());
        assertEquals(customer.orgId(), result.idToken().getStringClaim("org_id"));
        assertEquals(List.of("engineering"), result.idToken().getStringListClaim("groups"));
        SignInAudit.signedIn(tenant, name, app, userId, "samlp", logins);
    }

    @Test
    void idpInitiatedIsRefusedWhereTheConnectionDoesNotAllowIt() {
        Customer customer = customer();
        JsonPath connection = organizationConnection(customer, false);
        String name = "hub-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        register(connection, new KeycloakAdmin.SamlClientOptions(false, false, name));
        BrowserSession browser = new BrowserSession();
        BrowserSession.FormPost post = browser.signIn(URI.create(keycloak.issuer(realm) + "/protocol/saml/clients/"
                + name + "?RelayState=" + app.clientId()), customer.username(), PASSWORD, uri -> false).formOrFail();

        BrowserSession.Landing landing = browser.post(new BrowserSession.FormPost(NimbusApplication.local(post.action()),
                post.fields()), uri -> uri.toString().startsWith(app.callback()));

        if (landing.redirect() != null) {
            Map<String, String> query = SignInFixtures.query(landing.redirect().toString());
            assertEquals("access_denied", query.get("error"), landing.redirect().toString());
            assertFalse(query.containsKey("code"));
        } else {
            assertEquals(400, landing.page().status(), landing.page().text());
        }
        String connectionName = connection.getString("Name");
        given().auth().oauth2(tenant.token("read:logs")).queryParam("q", "type:f AND connection:" + connectionName)
                .get("/api/v2/logs").then().statusCode(200).body("", hasSize(1))
                .body("[0].description", containsStringIgnoringCase("idp-initiated"));
        tenant.api().queryParam("connection", connectionName).get("/api/v2/users").then().statusCode(200)
                .body("users", hasSize(0));
    }

    /**
     * An organization SAML connection made from Keycloak's metadata URL, mapping Keycloak's attributes (the
     * harness's protocol mappers) to the profile; its 201 body.
     */
    static JsonPath organizationConnection(boolean idpInitiated) {
        return organizationConnection(new Customer(orgId, domain, "alice", "alice@" + domain), idpInitiated);
    }

    static JsonPath organizationConnection(Customer customer, boolean idpInitiated) {
        return tenant.manage().body(Map.of("Name", SignInFixtures.unique("kc-saml"), "ConnectionType", "saml_custom",
                "Domain", customer.domain(), "IDPMetadataUrl", keycloak.samlDescriptorUrl(realm), "IsIDPInitiated", idpInitiated,
                "Attributes", Map.of("Email", "email", "FirstName", "firstName", "LastName", "lastName",
                        "Groups", "groups")))
                .post("/v2/manage/organizations/" + customer.orgId() + "/connections").then().statusCode(201)
                .body("IDPEntityId", equalTo(keycloak.issuer(realm)))
                .body("IDPSSOUrl", startsWith(keycloak.issuer(realm) + "/protocol/saml"))
                .extract().jsonPath();
    }

    /** Keycloak's SAML client for the connection, made from the SP metadata the connection's MetadataUrl serves. */
    static JsonNode register(JsonPath connection, KeycloakAdmin.SamlClientOptions options) {
        String metadata = given().get(SignInFixtures.local(connection.getString("MetadataUrl"))).then().statusCode(200)
                .extract().asString();
        String entityId = keycloak.admin().createSamlClientFromMetadata(realm, metadata, options);
        assertEquals(connection.getString("EntityId"), entityId);
        return keycloak.admin().client(realm, entityId);
    }

    /** A PEM certificate as the base64 of its DER, as Keycloak stores certificates. */
    static String der(String pem) {
        return pem.replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", "")
                .replaceAll("\\s", "");
    }
}
