package io.connectionhub.organization;

import static io.connectionhub.organization.Orgs.IDP_SIGNING_PEM;
import static io.connectionhub.organization.Orgs.SEVEN_NINE_HUNDRED;
import static io.connectionhub.organization.Orgs.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.connectionhub.common.FieldEncryption;
import io.connectionhub.devdb.DevDefaultsConfigSourceFactory;
import io.connectionhub.saml.TestCertificates;
import io.connectionhub.support.TestDatabase;
import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * IdP metadata and OIDC discovery fetched from an identity provider on loopback (allowed by the profile), and the
 * outbound rules that hold even then: no redirect to another host, 1 MB, no DTD.
 */
@QuarkusTest
@TestProfile(OrgProfiles.LoopbackIdp.class)
class OrgConnectionRemoteIdpTest {

    static final String OKTA_METADATA = TestCertificates.resource("okta-idp-metadata.xml");
    static final String SP_METADATA = "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" "
            + "entityID=\"https://sp.example\"><md:SPSSODescriptor protocolSupportEnumeration="
            + "\"urn:oasis:names:tc:SAML:2.0:protocol\"><md:AssertionConsumerService Binding="
            + "\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"https://sp.example/acs\" index=\"0\"/>"
            + "</md:SPSSODescriptor></md:EntityDescriptor>";
    static final String XXE = "<?xml version=\"1.0\"?>\n<!DOCTYPE md:EntityDescriptor [<!ENTITY xxe SYSTEM "
            + "\"file:///etc/passwd\">]>\n<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" "
            + "entityID=\"&xxe;\"/>";

    static Vertx vertx;
    static String idp;
    static int port;

    static TestTenant tenant;
    static String orgId;
    static String domain;

    @BeforeAll
    static void startIdentityProvider() throws Exception {
        vertx = Vertx.vertx();
        port = vertx.createHttpServer().requestHandler(OrgConnectionRemoteIdpTest::serve).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        idp = "http://127.0.0.1:" + port;
    }

    @AfterAll
    static void stopIdentityProvider() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static void serve(HttpServerRequest request) {
        var response = request.response();
        switch (request.path()) {
            case "/metadata.xml" -> response.putHeader("Content-Type", "application/samlmetadata+xml").end(OKTA_METADATA);
            case "/moved" -> response.setStatusCode(302).putHeader("Location", "/metadata.xml").end();
            case "/other-host" -> response.setStatusCode(302)
                    .putHeader("Location", "http://localhost:" + port + "/metadata.xml").end();
            case "/huge.xml" -> response.end(Buffer.buffer(new byte[1024 * 1024 + 1]));
            case "/xxe.xml" -> response.end(XXE);
            case "/sp.xml" -> response.end(SP_METADATA);
            case "/oidc/.well-known/openid-configuration" -> response.putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("issuer", idp + "/oidc")
                            .put("authorization_endpoint", idp + "/oidc/authorize")
                            .put("token_endpoint", idp + "/oidc/token").encode());
            case "/liar/.well-known/openid-configuration" -> response.end(new JsonObject()
                    .put("issuer", "https://evil.example").put("authorization_endpoint", idp + "/authorize").encode());
            case "/partial/.well-known/openid-configuration" -> response.end(new JsonObject()
                    .put("issuer", idp + "/partial").encode());
            case "/html/.well-known/openid-configuration" -> response.end("<html>sign in</html>");
            default -> response.setStatusCode(404).end("not here");
        }
    }

    @BeforeEach
    void organization() {
        if (tenant == null) {
            tenant = TestTenant.create();
            orgId = Orgs.create(tenant);
            domain = Orgs.verifiedDomain(tenant, orgId);
        }
    }

    static String connections() {
        return "/v2/manage/organizations/" + orgId + "/connections";
    }

    static ValidatableResponse create(Map<String, Object> body) {
        return tenant.manage().body(body).post(connections()).then();
    }

    static Map<String, Object> fromUrl(String url) {
        return Map.of("Name", unique("remote"), "ConnectionType", "saml_okta", "Domain", domain, "IDPMetadataUrl", url);
    }

    static void assertInvalid(ValidatableResponse response, String description) {
        response.statusCode(400).body("ErrorCode", equalTo(7900)).body("Message", equalTo(SEVEN_NINE_HUNDRED))
                .body("Description", equalTo(description));
    }

    // --- SAML metadata by URL

    @Test
    void theMetadataUrlFillsTheIdpSettings() {
        for (String url : List.of(idp + "/metadata.xml", idp + "/moved")) {
            create(fromUrl(url)).statusCode(201)
                    .body("IDPMetadataUrl", equalTo(url))
                    .body("IDPEntityId", equalTo("http://www.okta.com/exk1fcia6d6EMsf331d8"))
                    .body("IDPSSOUrl", equalTo("https://dev-123456.okta.com/app/dev-123456_hub_1/exk1fcia6d6EMsf331d8/"
                            + "sso/saml?binding=redirect&x=1"))
                    .body("IDPCertificate.Certificate", equalTo(IDP_SIGNING_PEM))
                    .body("IDPCertificate.NotBefore", equalTo("2026-11-23T20:59:22Z"));
        }
    }

    @Test
    void aRedirectToAnotherHostIsRefused() {
        assertInvalid(create(fromUrl(idp + "/other-host")), "The IDPMetadataUrl is invalid: " + idp + "/other-host "
                + "refused: it redirects to another host (http://localhost:" + port + "/metadata.xml); redirects are "
                + "followed on the same host only.");
    }

    @Test
    void aDocumentOverOneMegabyteIsRefused() {
        assertInvalid(create(fromUrl(idp + "/huge.xml")), "The IDPMetadataUrl is invalid: " + idp + "/huge.xml refused: "
                + "the response is larger than 1048576 bytes.");
    }

    @Test
    void fetchedMetadataWithADtdIsRefused() {
        assertInvalid(create(fromUrl(idp + "/xxe.xml")), "The IDPMetadataUrl is invalid: the metadata at " + idp
                + "/xxe.xml cannot be used: the metadata contains a DTD (DOCTYPE declaration), which is refused.");
    }

    @Test
    void fetchedServiceProviderMetadataIsRefused() {
        assertInvalid(create(fromUrl(idp + "/sp.xml")), "The IDPMetadataUrl is invalid: the metadata at " + idp
                + "/sp.xml cannot be used: this is service provider metadata (SPSSODescriptor, no IDPSSODescriptor); "
                + "give the identity provider's metadata.");
    }

    @Test
    void aMissingDocumentIsRefused() {
        assertInvalid(create(fromUrl(idp + "/gone.xml")), "The IDPMetadataUrl is invalid: " + idp + "/gone.xml: "
                + "answered HTTP 404.");
    }

    // --- OIDC discovery

    static Map<String, Object> oidc(String issuer) {
        return Map.of("Name", unique("oidc"), "ConnectionType", "oidc_okta", "Domain", domain, "OIDCIssuer", issuer,
                "ClientId", "hub-client", "ClientSecret", "first-secret",
                "Attributes", Map.of("ID", "sub", "Email", "email"));
    }

    @Test
    void anOidcConnectionIsCheckedByDiscoveryAndItsSecretIsSealed() {
        String id = create(oidc(idp + "/oidc")).statusCode(201)
                .body("ConnectionType", equalTo("oidc_okta"))
                .body("OIDCIssuer", equalTo(idp + "/oidc"))
                .body("ClientId", equalTo("hub-client"))
                .body("Scopes", equalTo(List.of("openid", "profile", "email")))
                .body("Attributes.ID", equalTo("sub"))
                .body("$", not(hasKey("ClientSecret")))
                .body("$", not(hasKey("EntityId")))
                .body("$", not(hasKey("SPCertificate")))
                .body("$", not(hasKey("IDPCertificate")))
                .body("$", not(hasKey("IsIDPInitiated")))
                .extract().path("Id");
        String connectionId = Orgs.auth0Id(id);
        tenant.api().get("/api/v2/connections/" + connectionId).then().statusCode(200).body("strategy", equalTo("oidc"));

        String sealed = storedSecret(connectionId);
        assertTrue(sealed.startsWith("v1."), sealed);
        assertFalse(sealed.contains("first-secret"));
        assertEquals("first-secret", open(sealed, connectionId));

        // A PUT without ClientSecret keeps the stored one; with one, replaces it.
        tenant.manage().body(Map.of("Name", unique("renamed"), "ConnectionType", "oidc_okta", "Domain", domain,
                "OIDCIssuer", idp + "/oidc", "ClientId", "hub-client-2", "Scopes", List.of("openid", "groups")))
                .put(connections() + "/" + id).then().statusCode(200)
                .body("ClientId", equalTo("hub-client-2")).body("Scopes", equalTo(List.of("openid", "groups")))
                .body("$", not(hasKey("ClientSecret")));
        assertEquals(sealed, storedSecret(connectionId));
        tenant.manage().body(Map.of("Name", unique("again"), "ConnectionType", "oidc_okta", "Domain", domain,
                "OIDCIssuer", idp + "/oidc", "ClientId", "hub-client-2", "ClientSecret", "second-secret"))
                .put(connections() + "/" + id).then().statusCode(200);
        assertEquals("second-secret", open(storedSecret(connectionId), connectionId));
    }

    @Test
    void discoveryThatDisagreesIsRefused() {
        String liar = idp + "/liar";
        assertInvalid(create(oidc(liar)), "The OIDCIssuer is invalid: the discovery document at " + liar
                + "/.well-known/openid-configuration names the issuer \"https://evil.example\", not \"" + liar + "\".");
        assertInvalid(create(oidc(idp + "/partial")), "The OIDCIssuer is invalid: the discovery document at " + idp
                + "/partial/.well-known/openid-configuration has no authorization_endpoint.");
        assertInvalid(create(oidc(idp + "/html")), "The OIDCIssuer is invalid: the discovery document at " + idp
                + "/html/.well-known/openid-configuration is not JSON.");
        assertInvalid(create(oidc(idp + "/nowhere")), "The OIDCIssuer is invalid: the discovery document could not be "
                + "fetched: " + idp + "/nowhere/.well-known/openid-configuration: answered HTTP 404.");
    }

    static String storedSecret(String connectionId) {
        return (String) TestDatabase.single("SELECT oidc_client_secret FROM organization_connections "
                + "WHERE connection_id = ?", connectionId).get("oidc_client_secret");
    }

    /** Opens a sealed value the way the service does, with this test JVM's encryption key. */
    static String open(String sealed, String connectionId) {
        return new FieldEncryption(Optional.of(DevDefaultsConfigSourceFactory.testEncryptionKey()), Optional.empty())
                .open(sealed, tenant.id + "/" + connectionId + "/oidc-client-secret");
    }
}
