package io.connectionhub.saml;

import static io.connectionhub.saml.TestCertificates.IDP_ROLLOVER_SHA1;
import static io.connectionhub.saml.TestCertificates.IDP_SIGNING_NOT_AFTER;
import static io.connectionhub.saml.TestCertificates.IDP_SIGNING_SHA1;
import static io.connectionhub.saml.TestCertificates.base64Body;
import static io.connectionhub.saml.TestCertificates.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class IdpMetadataParserTest {

    static final String CERT = base64Body(resource("idp-signing.pem"));
    static final String ROLLOVER_CERT = base64Body(resource("idp-rollover.pem"));
    static final String REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
    static final String POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
    static final String MD = "xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\"";
    static final String DS = "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"";

    final IdpMetadataParser parser = new IdpMetadataParser();

    @Test
    void oktaStyleMetadataGivesEntityIdRedirectEndpointAndCertificate() {
        IdpMetadata metadata = parser.parse(resource("okta-idp-metadata.xml"));

        assertEquals("http://www.okta.com/exk1fcia6d6EMsf331d8", metadata.entityId());
        // Redirect is preferred although POST comes first; the entity reference is decoded.
        assertEquals("https://dev-123456.okta.com/app/dev-123456_hub_1/exk1fcia6d6EMsf331d8/sso/saml?binding=redirect&x=1",
                metadata.ssoUrl());
        assertEquals(REDIRECT, metadata.ssoBinding());
        assertEquals(1, metadata.signingCertificates().size());
        assertEquals(IDP_SIGNING_SHA1, metadata.signingCertificate().sha1Thumbprint());
        assertEquals(IDP_SIGNING_NOT_AFTER, metadata.signingCertificate().notAfter());
    }

    @Test
    void bytesAreDecodedByTheXmlDeclaration() {
        String xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + entity("https://idp.example.test/société",
                idp(signingKey(CERT) + sso(POST, "https://idp.example.test/sso")));
        IdpMetadata metadata = parser.parse(xml.getBytes(StandardCharsets.ISO_8859_1));

        assertEquals("https://idp.example.test/société", metadata.entityId());
        assertEquals(POST, metadata.ssoBinding());
        assertEquals("https://idp.example.test/sso", metadata.ssoUrl());
    }

    @Test
    void utf8BytesWithAByteOrderMarkAreRead() {
        byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
        byte[] xml = resource("okta-idp-metadata.xml").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[bom.length + xml.length];
        System.arraycopy(bom, 0, withBom, 0, bom.length);
        System.arraycopy(xml, 0, withBom, bom.length, xml.length);

        assertEquals("http://www.okta.com/exk1fcia6d6EMsf331d8", parser.parse(withBom).entityId());
    }

    @Test
    void postIsUsedWhenThereIsNoRedirectBinding() {
        IdpMetadata metadata = parser.parse(entity("urn:idp", idp(signingKey(CERT)
                + sso("urn:oasis:names:tc:SAML:2.0:bindings:SOAP", "https://idp.example.test/soap")
                + sso(POST, "https://idp.example.test/post"))));

        assertEquals("https://idp.example.test/post", metadata.ssoUrl());
        assertEquals(POST, metadata.ssoBinding());
    }

    @Test
    void entitiesDescriptorWithOneIdentityProviderIsAccepted() {
        String xml = "<md:EntitiesDescriptor " + MD + " " + DS + ">"
                + "<md:EntityDescriptor entityID=\"https://sp.example.test\"><md:SPSSODescriptor "
                + "protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\"/></md:EntityDescriptor>"
                + "<md:EntitiesDescriptor>" + entityBody("https://adfs.example.test/adfs/services/trust",
                        idp(signingKey(CERT) + sso(REDIRECT, "https://adfs.example.test/adfs/ls/")))
                + "</md:EntitiesDescriptor></md:EntitiesDescriptor>";

        IdpMetadata metadata = parser.parse(xml);

        assertEquals("https://adfs.example.test/adfs/services/trust", metadata.entityId());
        assertEquals("https://adfs.example.test/adfs/ls/", metadata.ssoUrl());
    }

    @Test
    void keyDescriptorWithoutUseSignsAndEncryptionKeysAreIgnored() {
        String keys = "<md:KeyDescriptor use=\"encryption\">" + keyInfo(ROLLOVER_CERT) + "</md:KeyDescriptor>"
                + "<md:KeyDescriptor>" + keyInfo(CERT) + "</md:KeyDescriptor>";
        IdpMetadata metadata = parser.parse(entity("urn:idp", idp(keys + sso(REDIRECT, "https://idp.example.test/sso"))));

        assertEquals(List.of(IDP_SIGNING_SHA1),
                metadata.signingCertificates().stream().map(ParsedCertificate::sha1Thumbprint).toList());
    }

    @Test
    void allSigningCertificatesAreKeptDuringARolloverWithoutDuplicates() {
        String keys = signingKey(CERT) + signingKey(ROLLOVER_CERT) + signingKey(CERT);
        IdpMetadata metadata = parser.parse(entity("urn:idp", idp(keys + sso(REDIRECT, "https://idp.example.test/sso"))));

        assertEquals(List.of(IDP_SIGNING_SHA1, IDP_ROLLOVER_SHA1),
                metadata.signingCertificates().stream().map(ParsedCertificate::sha1Thumbprint).toList());
    }

    @Test
    void theSaml2DescriptorIsChosenAmongSeveral() {
        String saml11 = "<md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:1.1:protocol\">"
                + signingKey(ROLLOVER_CERT) + sso("urn:mace:shibboleth:1.0:profiles:AuthnRequest",
                        "https://idp.example.test/saml1") + "</md:IDPSSODescriptor>";
        String saml2 = "<md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:1.1:protocol "
                + "urn:oasis:names:tc:SAML:2.0:protocol\">" + signingKey(CERT) + sso(REDIRECT, "https://idp.example.test/saml2")
                + "</md:IDPSSODescriptor>";

        IdpMetadata metadata = parser.parse(entity("urn:idp", saml11 + saml2));

        assertEquals("https://idp.example.test/saml2", metadata.ssoUrl());
        assertEquals(IDP_SIGNING_SHA1, metadata.signingCertificate().sha1Thumbprint());
    }

    // Refusals, each with the message the client sees.

    @Test
    void blankIsRefused() {
        assertRefused("no metadata given", "  ");
        InvalidMetadata refused = assertThrows(InvalidMetadata.class, () -> parser.parse(new byte[0]));
        assertEquals("no metadata given", refused.getMessage());
    }

    @Test
    void malformedXmlIsRefusedWithItsPosition() {
        InvalidMetadata refused = assertThrows(InvalidMetadata.class,
                () -> parser.parse("<md:EntityDescriptor " + MD + " entityID=\"x\">\n<md:IDPSSODescriptor>\n</md:EntityDescriptor>"));
        assertTrue(refused.getMessage().startsWith("not well-formed XML (line 3, column 3): "), refused.getMessage());

        refused = assertThrows(InvalidMetadata.class, () -> parser.parse("this is not XML"));
        assertTrue(refused.getMessage().startsWith("not well-formed XML (line 1, column 1): "), refused.getMessage());
    }

    @Test
    void externalEntityIsRefusedAsADoctypeAndNeverRead() {
        String xxe = "<?xml version=\"1.0\"?>\n<!-- harmless? -->\n<!DOCTYPE md:EntityDescriptor [\n"
                + "  <!ENTITY secret SYSTEM \"file:///etc/passwd\">\n]>\n"
                + entity("&secret;", idp(signingKey(CERT) + sso(REDIRECT, "https://idp.example.test/sso")));

        InvalidMetadata refused = assertThrows(InvalidMetadata.class, () -> parser.parse(xxe));

        assertEquals("the metadata contains a DTD (DOCTYPE declaration), which is refused", refused.getMessage());
        assertFalse(refused.getMessage().contains("root:"));
        refused = assertThrows(InvalidMetadata.class, () -> parser.parse(xxe.getBytes(StandardCharsets.UTF_8)));
        assertEquals("the metadata contains a DTD (DOCTYPE declaration), which is refused", refused.getMessage());
    }

    @Test
    void entityExpansionIsRefusedAsADoctype() {
        String laughs = "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><lolz>&lol3;</lolz>";
        assertRefused("the metadata contains a DTD (DOCTYPE declaration), which is refused", laughs);
    }

    @Test
    void xincludeIsNotProcessed() {
        String include = "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>"
                + "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file:///etc/hostname\" parse=\"text\"/>"
                + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>";
        assertRefused("signing certificate 1 (KeyDescriptor ds:X509Certificate) is broken: no certificate given",
                entity("urn:idp", idp(include + sso(REDIRECT, "https://idp.example.test/sso"))));
    }

    @Test
    void aRootThatIsNotSamlMetadataIsRefused() {
        assertRefused("the root element is {http://www.w3.org/1999/xhtml}html, not SAML 2.0 metadata (EntityDescriptor or "
                + "EntitiesDescriptor in namespace urn:oasis:names:tc:SAML:2.0:metadata)",
                "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>Sign in</body></html>");
        assertRefused("the root element is EntityDescriptor (no namespace), not SAML 2.0 metadata (EntityDescriptor or "
                + "EntitiesDescriptor in namespace urn:oasis:names:tc:SAML:2.0:metadata)",
                "<EntityDescriptor entityID=\"urn:idp\"><IDPSSODescriptor/></EntityDescriptor>");
    }

    @Test
    void serviceProviderMetadataIsRefused() {
        String sp = new SpMetadataWriter().write("https://hub.example.test/saml/sp/abc",
                "https://hub.example.test/saml/sp/acs/abc", X509Certificates.parse(CERT));
        assertRefused("this is service provider metadata (SPSSODescriptor, no IDPSSODescriptor); give the identity "
                + "provider's metadata", sp);
        assertRefused("this is service provider metadata (SPSSODescriptor, no IDPSSODescriptor); give the identity "
                + "provider's metadata", "<md:EntitiesDescriptor " + MD + ">" + sp.substring(sp.indexOf("<md:EntityDescriptor"))
                        .replace(" xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\"", "") + "</md:EntitiesDescriptor>");
    }

    @Test
    void anEntityWithoutAnyRoleIsRefused() {
        assertRefused("no IDPSSODescriptor: this is not identity provider metadata",
                "<md:EntityDescriptor " + MD + " entityID=\"urn:idp\"><md:Organization/></md:EntityDescriptor>");
        assertRefused("the EntitiesDescriptor contains no EntityDescriptor", "<md:EntitiesDescriptor " + MD + "/>");
    }

    @Test
    void twoIdentityProvidersAreRefused() {
        String one = entityBody("urn:idp:one", idp(signingKey(CERT) + sso(REDIRECT, "https://one.example.test/sso")));
        String two = entityBody("urn:idp:two", idp(signingKey(CERT) + sso(REDIRECT, "https://two.example.test/sso")));
        assertRefused("the EntitiesDescriptor contains 2 identity providers; give the metadata of exactly one",
                "<md:EntitiesDescriptor " + MD + " " + DS + ">" + one + two + "</md:EntitiesDescriptor>");
    }

    @Test
    void missingEntityIdIsRefused() {
        assertRefused("the EntityDescriptor has no entityID",
                entity(" ", idp(signingKey(CERT) + sso(REDIRECT, "https://idp.example.test/sso"))));
    }

    @Test
    void descriptorWithoutSaml2IsRefused() {
        assertRefused("the IDPSSODescriptor does not support the SAML 2.0 protocol (protocolSupportEnumeration lacks "
                + "urn:oasis:names:tc:SAML:2.0:protocol)", entity("urn:idp",
                        "<md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:1.1:protocol\">"
                                + signingKey(CERT) + sso(REDIRECT, "https://idp.example.test/sso") + "</md:IDPSSODescriptor>"));
    }

    @Test
    void missingSingleSignOnServiceIsRefused() {
        assertRefused("no SingleSignOnService in the IDPSSODescriptor", entity("urn:idp", idp(signingKey(CERT))));
    }

    @Test
    void singleSignOnServiceWithoutABrowserBindingIsRefused() {
        assertRefused("no SingleSignOnService with the HTTP-Redirect or HTTP-POST binding (found "
                + "[urn:oasis:names:tc:SAML:2.0:bindings:SOAP])", entity("urn:idp", idp(signingKey(CERT)
                        + sso("urn:oasis:names:tc:SAML:2.0:bindings:SOAP", "https://idp.example.test/soap"))));
    }

    @Test
    void relativeOrNonHttpLocationIsRefused() {
        assertRefused("the SingleSignOnService Location is not an absolute http or https URL: '/sso'",
                entity("urn:idp", idp(signingKey(CERT) + sso(REDIRECT, "/sso"))));
        assertRefused("the SingleSignOnService Location is not an absolute http or https URL: 'javascript:alert(1)'",
                entity("urn:idp", idp(signingKey(CERT) + sso(REDIRECT, "javascript:alert(1)"))));
    }

    @Test
    void missingSigningCertificateIsRefused() {
        String encryptionOnly = "<md:KeyDescriptor use=\"encryption\">" + keyInfo(CERT) + "</md:KeyDescriptor>";
        assertRefused("no signing certificate: no KeyDescriptor with use=\"signing\" (or without use) holds a "
                + "ds:X509Certificate", entity("urn:idp", idp(encryptionOnly + sso(REDIRECT, "https://idp.example.test/sso"))));
        assertRefused("no signing certificate: no KeyDescriptor with use=\"signing\" (or without use) holds a "
                + "ds:X509Certificate", entity("urn:idp", idp(sso(REDIRECT, "https://idp.example.test/sso"))));
    }

    @Test
    void brokenCertificateIsRefused() {
        assertRefused("signing certificate 2 (KeyDescriptor ds:X509Certificate) is broken: not a PEM or base64 DER X.509 "
                + "certificate: the data does not decode as an X.509 certificate", entity("urn:idp",
                        idp(signingKey(CERT) + signingKey(CERT.substring(0, 200)) + sso(REDIRECT, "https://idp.example.test/sso"))));
        assertRefused("signing certificate 1 (KeyDescriptor ds:X509Certificate) is broken: not a PEM or base64 DER X.509 "
                + "certificate: the content is not valid base64", entity("urn:idp",
                        idp(signingKey("not*base64") + sso(REDIRECT, "https://idp.example.test/sso"))));
    }

    private void assertRefused(String message, String xml) {
        InvalidMetadata refused = assertThrows(InvalidMetadata.class, () -> parser.parse(xml));
        assertEquals(message, refused.getMessage());
    }

    static String entity(String entityId, String descriptors) {
        return entityBody(entityId, descriptors).replaceFirst("<md:EntityDescriptor ",
                "<md:EntityDescriptor " + MD + " " + DS + " ");
    }

    static String entityBody(String entityId, String descriptors) {
        return "<md:EntityDescriptor entityID=\"" + entityId + "\">" + descriptors + "</md:EntityDescriptor>";
    }

    static String idp(String content) {
        return "<md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">" + content
                + "</md:IDPSSODescriptor>";
    }

    static String signingKey(String base64) {
        return "<md:KeyDescriptor use=\"signing\">" + keyInfo(base64) + "</md:KeyDescriptor>";
    }

    static String keyInfo(String base64) {
        return "<ds:KeyInfo><ds:X509Data><ds:X509Certificate>" + base64 + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo>";
    }

    static String sso(String binding, String location) {
        return "<md:SingleSignOnService Binding=\"" + binding + "\" Location=\"" + location + "\"/>";
    }
}
