package io.connectionhub.connection;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** The samlp option rules: certificate or IdP metadata, derived thumbprints and expiry, write-only metadataXml. */
@QuarkusTest
class SamlConnectionTest {

    static final String SHA1 = "0a2bf657ff5bf940377390766b1ff49db8463202";
    static final String EXPIRES = "2126-10-30T20:59:22.000Z";
    static TestTenant tenant;

    @BeforeEach
    void tenant() {
        if (tenant == null) {
            tenant = TestTenant.create();
        }
    }

    static String resource(String name) {
        try (InputStream in = SamlConnectionTest.class.getResourceAsStream("/saml/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String base64Der() {
        return resource("idp-signing.pem").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    private static ValidatableResponse create(Map<String, Object> options) {
        return tenant.api().body(Map.of("name", "saml-" + UUID.randomUUID().toString().substring(0, 8), "strategy", "samlp",
                "options", options)).post("/api/v2/connections").then();
    }

    @Test
    void certificateByHandGetsThumbprintAndExpiry() {
        create(Map.of("signInEndpoint", "https://idp.example.com/sso", "signingCert", resource("idp-signing.pem")))
                .statusCode(201)
                .body("options.thumbprints", equalTo(List.of(SHA1)))
                .body("options.cert_expires_at", equalTo(EXPIRES))
                .body("options.signInEndpoint", equalTo("https://idp.example.com/sso"));
        create(Map.of("signInEndpoint", "https://idp.example.com/sso", "signingCert", base64Der()))
                .statusCode(201).body("options.thumbprints", equalTo(List.of(SHA1)));
    }

    @Test
    void signInEndpointAndCertificateAreRequiredWithoutMetadata() {
        create(Map.of("signInEndpoint", "https://idp.example.com/sso")).statusCode(400)
                .body("errorCode", equalTo("invalid_body")).body("message", containsString("signingCert"));
        create(Map.of("signingCert", base64Der())).statusCode(400)
                .body("errorCode", equalTo("invalid_body")).body("message", containsString("signInEndpoint"));
        create(Map.of("signInEndpoint", "http://idp.example.com/sso", "signingCert", base64Der())).statusCode(400)
                .body("message", containsString("https"));
        create(Map.of("signInEndpoint", "https://idp.example.com/sso", "signingCert", "MIIBroken==")).statusCode(400)
                .body("errorCode", equalTo("invalid_body")).body("message", containsString("options.signingCert"));
    }

    @Test
    void metadataXmlFillsEndpointAndCertificateAndIsNotEchoed() {
        create(Map.of("metadataXml", resource("okta-idp-metadata.xml"))).statusCode(201)
                .body("options.signInEndpoint", containsString("https://dev-123456.okta.com/"))
                .body("options.signingCert", notBlank())
                .body("options", not(hasKey("metadataXml")))
                .body("options.thumbprints.size()", equalTo(1));
    }

    private static org.hamcrest.Matcher<String> notBlank() {
        return org.hamcrest.Matchers.not(org.hamcrest.Matchers.blankOrNullString());
    }

    @Test
    void metadataRefusals() {
        create(Map.of("metadataXml", resource("okta-idp-metadata.xml"), "metadataUrl", "https://idp.example.com/md"))
                .statusCode(400).body("message", containsString("metadataUrl and metadataXml cannot both be given"));
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"&x;\"/>";
        create(Map.of("metadataXml", xxe)).statusCode(400).body("errorCode", equalTo("invalid_body"))
                .body("message", containsString("options.metadataXml")).body("message", not(containsString("root:")));
        String spMetadata = "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"https://sp\">"
                + "<md:SPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + "<md:AssertionConsumerService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" "
                + "Location=\"https://sp/acs\" index=\"0\"/></md:SPSSODescriptor></md:EntityDescriptor>";
        create(Map.of("metadataXml", spMetadata)).statusCode(400).body("message", containsString("SP"));
        create(Map.of("metadataXml", "not xml at all")).statusCode(400).body("errorCode", equalTo("invalid_body"));
        create(Map.of("metadataUrl", "http://127.0.0.1:9/metadata.xml")).statusCode(400)
                .body("errorCode", equalTo("invalid_body")).body("message", containsString("options.metadataUrl"));
        create(Map.of("metadataUrl", "https://10.0.0.1/metadata.xml")).statusCode(400)
                .body("message", containsString("private"));
    }
}
