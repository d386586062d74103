package io.connectionhub.saml;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

import io.connectionhub.common.FieldEncryption;
import io.connectionhub.devdb.DevDefaultsConfigSourceFactory;
import io.connectionhub.organization.OrgProfiles;
import io.connectionhub.organization.Orgs;
import io.connectionhub.support.TestDatabase;
import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The SP metadata of an organization's SAML connection, served at its MetadataUrl without credentials: schema-valid,
 * naming the connection's EntityId, ACSEndpoint and SPCertificate, whose private key is stored sealed and matches it.
 */
@QuarkusTest
@TestProfile(OrgProfiles.LoopbackDns.class)
class SpMetadataResourceTest {

    static final String MD = "urn:oasis:names:tc:SAML:2.0:metadata";
    static final String DS = "http://www.w3.org/2000/09/xmldsig#";

    static TestTenant tenant;
    static String orgId;
    static String domain;

    @BeforeEach
    void setUp() {
        if (tenant == null) {
            tenant = TestTenant.create();
            orgId = Orgs.create(tenant);
            domain = Orgs.verifiedDomain(tenant, orgId);
        }
    }

    /** The path of a URL built on the configured public URL, to request from the application under test. */
    static String path(String url) {
        return URI.create(url).getPath();
    }

    @Test
    void theMetadataUrlServesSchemaValidSpMetadataWithoutCredentials() throws Exception {
        JsonPath connection = Orgs.createSaml(tenant, orgId, Orgs.unique("sp"), domain);

        String xml = given().get(path(connection.getString("MetadataUrl"))).then().statusCode(200)
                .contentType(startsWith("application/samlmetadata+xml"))
                .extract().asString();

        assertEquals(List.of(), MetadataSchema.problems(xml));
        Element entity = parse(xml).getDocumentElement();
        assertEquals(MD, entity.getNamespaceURI());
        assertEquals("EntityDescriptor", entity.getLocalName());
        assertEquals(connection.getString("EntityId"), entity.getAttribute("entityID"));
        Element sp = (Element) entity.getElementsByTagNameNS(MD, "SPSSODescriptor").item(0);
        assertEquals("urn:oasis:names:tc:SAML:2.0:protocol", sp.getAttribute("protocolSupportEnumeration"));
        Element key = (Element) sp.getElementsByTagNameNS(MD, "KeyDescriptor").item(0);
        assertEquals("signing", key.getAttribute("use"));
        String served = key.getElementsByTagNameNS(DS, "X509Certificate").item(0).getTextContent().trim();
        assertEquals(TestCertificates.base64Body(connection.getString("SPCertificate.Certificate")), served);
        Element acs = (Element) sp.getElementsByTagNameNS(MD, "AssertionConsumerService").item(0);
        assertEquals("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST", acs.getAttribute("Binding"));
        assertEquals(connection.getString("ACSEndpoint"), acs.getAttribute("Location"));
    }

    @Test
    void theStoredPrivateKeyIsSealedAndBelongsToTheCertificate() throws Exception {
        JsonPath connection = Orgs.createSaml(tenant, orgId, Orgs.unique("key"), domain);
        String connectionId = Orgs.auth0Id(connection.getString("Id"));

        String sealed = (String) TestDatabase.single("SELECT private_key_sealed FROM saml_sp_identities "
                + "WHERE connection_id = ?", connectionId).get("private_key_sealed");
        assertTrue(sealed.startsWith("v1."), sealed);

        FieldEncryption encryption = new FieldEncryption(Optional.of(DevDefaultsConfigSourceFactory.testEncryptionKey()),
                Optional.empty());
        String clear = encryption.open(sealed, SpIdentityService.keyOwner(tenant.id, connectionId));
        // Not "MII" (how any base64 DER starts): the random ciphertext contains those 3 characters for about 1 % of keys.
        assertFalse(sealed.contains(clear.substring(0, 40)), "no base64 DER of the key in the clear");
        byte[] pkcs8 = Base64.getDecoder().decode(clear);
        X509Certificate certificate = X509Certificates.parse(connection.getString("SPCertificate.Certificate"))
                .certificate();
        byte[] message = "AuthnRequest".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(SpCertificate.privateKey(pkcs8, certificate.getPublicKey().getAlgorithm()));
        signer.update(message);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(message);
        assertTrue(verifier.verify(signature), "the stored key signs what the published certificate verifies");
        assertArrayEquals(certificate.getSubjectX500Principal().getEncoded(),
                certificate.getIssuerX500Principal().getEncoded(), "self-signed");
    }

    @Test
    void theCertificateIsMadeForTheConnection() {
        JsonPath connection = Orgs.createSaml(tenant, orgId, Orgs.unique("cn"), domain);
        String entityId = connection.getString("EntityId");
        ParsedCertificate certificate = X509Certificates.parse(connection.getString("SPCertificate.Certificate"));

        assertEquals("CN=" + SpCertificateFactory.commonNameFor(entityId),
                certificate.certificate().getSubjectX500Principal().getName());
        assertEquals("SHA256withRSA", certificate.certificate().getSigAlgName());
    }

    @Test
    void anUnknownTokenIs404() {
        given().get("/saml/sp/NoSuchTokenNoSuchTokenNoSuchToken12/metadata.xml").then().statusCode(404)
                .body("statusCode", equalTo(404)).body("errorCode", equalTo("inexistent_connection"));
    }

    @Test
    void aDeletedConnectionsMetadataIsGone() {
        JsonPath connection = Orgs.createSaml(tenant, orgId, Orgs.unique("gone"), domain);
        String metadata = path(connection.getString("MetadataUrl"));
        given().get(metadata).then().statusCode(200);

        tenant.manage().delete("/v2/manage/organizations/" + orgId + "/connections/" + connection.getString("Id"))
                .then().statusCode(200);

        given().get(metadata).then().statusCode(404).body("errorCode", equalTo("inexistent_connection"));
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = SecureXml.factory();
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }
}
