package io.connectionhub.sso;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.security.SecureRandom;
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
 * SP metadata document (Keycloak's own converter reads entity id, ACS URL and signing certificate). The profile lets
 * the service fetch metadata over http from loopback, and answers DNS from the loopback responder that proves the
 * organization's domain.
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

    /**
     * An organization SAML connection made from Keycloak's metadata URL, mapping Keycloak's attributes (the
     * harness's protocol mappers) to the profile; its 201 body.
     */
    static JsonPath organizationConnection(boolean idpInitiated) {
        return tenant.manage().body(Map.of("Name", SignInFixtures.unique("kc-saml"), "ConnectionType", "saml_custom",
                "Domain", domain, "IDPMetadataUrl", keycloak.samlDescriptorUrl(realm), "IsIDPInitiated", idpInitiated,
                "Attributes", Map.of("Email", "email", "FirstName", "firstName", "LastName", "lastName",
                        "Groups", "groups")))
                .post("/v2/manage/organizations/" + orgId + "/connections").then().statusCode(201)
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
