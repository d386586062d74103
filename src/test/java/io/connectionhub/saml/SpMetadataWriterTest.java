package io.connectionhub.saml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

class SpMetadataWriterTest {

    static final String MD = "urn:oasis:names:tc:SAML:2.0:metadata";
    static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    static final String ENTITY_ID = "https://hub.example.test/saml/sp/sp_4f2aQ9";
    static final String ACS = "https://hub.example.test/saml/sp/acs/sp_4f2aQ9";

    final SpMetadataWriter writer = new SpMetadataWriter();

    @ParameterizedTest
    @EnumSource(SpKeyType.class)
    void metadataIsSchemaValidAndCarriesTheGeneratedCertificate(SpKeyType keyType) throws Exception {
        SpCertificate sp = new SpCertificateFactory(keyType, Duration.ofDays(3650))
                .create(SpCertificateFactory.commonNameFor(ENTITY_ID));

        String xml = writer.write(ENTITY_ID, ACS, sp.certificate());

        assertEquals(List.of(), MetadataSchema.problems(xml));
        Element entity = parse(xml).getDocumentElement();
        assertEquals(MD, entity.getNamespaceURI());
        assertEquals("EntityDescriptor", entity.getLocalName());
        assertEquals(ENTITY_ID, entity.getAttribute("entityID"));

        Element descriptor = only(entity, MD, "SPSSODescriptor");
        assertEquals("urn:oasis:names:tc:SAML:2.0:protocol", descriptor.getAttribute("protocolSupportEnumeration"));
        assertEquals("true", descriptor.getAttribute("AuthnRequestsSigned"));
        assertEquals("true", descriptor.getAttribute("WantAssertionsSigned"));

        // A signing key, and for an RSA key the same certificate again for encrypted assertions; an EC key only signs.
        List<Element> keys = children(descriptor, MD, "KeyDescriptor");
        assertEquals(keyType == SpKeyType.RSA ? List.of("signing", "encryption") : List.of("signing"),
                keys.stream().map(k -> k.getAttribute("use")).toList());
        if (keyType == SpKeyType.RSA) {
            assertEquals(keys.get(0).getTextContent(), keys.get(1).getTextContent());
        }
        Element key = keys.get(0);
        String base64 = only(only(only(key, DS, "KeyInfo"), DS, "X509Data"), DS, "X509Certificate").getTextContent();
        assertFalse(base64.contains("BEGIN"), "base64 DER, no PEM armour");
        X509Certificate published = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(Base64.getMimeDecoder().decode(base64)));
        assertArrayEquals(sp.certificate().certificate().getEncoded(), published.getEncoded());

        assertEquals(List.of("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
                "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"),
                children(descriptor, MD, "NameIDFormat").stream().map(Element::getTextContent).toList());

        Element acs = only(descriptor, MD, "AssertionConsumerService");
        assertEquals("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST", acs.getAttribute("Binding"));
        assertEquals(ACS, acs.getAttribute("Location"));
        assertEquals("0", acs.getAttribute("index"));
        assertEquals("true", acs.getAttribute("isDefault"));

        // The stored private key signs what the published certificate verifies.
        PrivateKey privateKey = KeyFactory.getInstance(keyType.keyAlgorithm())
                .generatePrivate(new PKCS8EncodedKeySpec(sp.privateKeyPkcs8()));
        byte[] message = "SAMLRequest=fZJNb9swDIb&RelayState=x&SigAlg=rsa-sha256".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance(keyType.signatureAlgorithm());
        signer.initSign(privateKey);
        signer.update(message);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(keyType.signatureAlgorithm());
        verifier.initVerify(published.getPublicKey());
        verifier.update(message);
        assertTrue(verifier.verify(signature));
    }

    @Test
    void theSchemaCheckCatchesMetadataThatBreaksIt() {
        String valid = writer.write(ENTITY_ID, ACS, X509Certificates.parse(TestCertificates.resource("idp-signing.pem")));
        assertEquals(List.of(), MetadataSchema.problems(valid));

        String withoutAcs = valid.replaceAll("(?s)<md:AssertionConsumerService[^>]*/>", "");
        assertFalse(MetadataSchema.problems(withoutAcs).isEmpty(), "an SPSSODescriptor needs an AssertionConsumerService");
        String badIndex = valid.replace("index=\"0\"", "index=\"first\"");
        assertFalse(MetadataSchema.problems(badIndex).isEmpty(), "index is an unsignedShort");
    }

    @Test
    void valuesAreEscapedBySerializerNotConcatenated() throws Exception {
        String entityId = "https://hub.example.test/saml/sp/a?x=1&y=\"2\"<z>'";
        String acs = "https://hub.example.test/acs?\"/><md:Evil/>&amp;";

        String xml = writer.write(entityId, acs, X509Certificates.parse(TestCertificates.resource("idp-signing.pem")));

        Element entity = parse(xml).getDocumentElement();
        assertEquals(entityId, entity.getAttribute("entityID"));
        Element descriptor = only(entity, MD, "SPSSODescriptor");
        assertEquals(acs, only(descriptor, MD, "AssertionConsumerService").getAttribute("Location"));
        assertTrue(children(descriptor, MD, "Evil").isEmpty());
    }

    @Test
    void outputIsUtf8XmlWithTheMdAndDsPrefixes() {
        String xml = writer.write(ENTITY_ID, ACS, X509Certificates.parse(TestCertificates.resource("idp-signing.pem")));

        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\""), xml);
        assertTrue(xml.contains("<md:EntityDescriptor"), xml);
        assertTrue(xml.contains("<ds:X509Certificate>"), xml);
        assertEquals("application/samlmetadata+xml", SpMetadataWriter.MEDIA_TYPE);
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = SecureXml.factory();
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    static Element only(Element parent, String namespace, String localName) {
        List<Element> children = children(parent, namespace, localName);
        assertEquals(1, children.size(), localName);
        return children.get(0);
    }

    static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> children = new java.util.ArrayList<>();
        for (org.w3c.dom.Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && namespace.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                children.add(e);
            }
        }
        return children;
    }
}
