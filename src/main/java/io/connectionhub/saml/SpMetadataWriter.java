package io.connectionhub.saml;

import static io.connectionhub.saml.SamlNamespaces.HTTP_POST;
import static io.connectionhub.saml.SamlNamespaces.METADATA;
import static io.connectionhub.saml.SamlNamespaces.NAMEID_EMAIL;
import static io.connectionhub.saml.SamlNamespaces.NAMEID_UNSPECIFIED;
import static io.connectionhub.saml.SamlNamespaces.PROTOCOL;
import static io.connectionhub.saml.SamlNamespaces.XMLDSIG;

import java.io.StringWriter;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import jakarta.enterprise.context.ApplicationScoped;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * SAML 2.0 SP metadata for a connection, served at its {@code MetadataUrl}. Built as a DOM and serialized by the
 * JDK, so entity ids and URLs are escaped by the serializer, never pasted into markup.
 */
@ApplicationScoped
public class SpMetadataWriter {

    /** The media type of SAML metadata (SAML 2.0 Metadata, section 4.1.1). */
    public static final String MEDIA_TYPE = "application/samlmetadata+xml";

    /**
     * An {@code md:EntityDescriptor} whose {@code md:SPSSODescriptor} wants signed assertions, signs its requests
     * with {@code certificate} (and takes assertions encrypted for it, when it is an RSA one), and receives
     * assertions by HTTP-POST at {@code acsUrl}. The text declares UTF-8:
     * serve it as UTF-8 bytes with {@link #MEDIA_TYPE}.
     */
    public String write(String entityId, String acsUrl, ParsedCertificate certificate) {
        require(entityId, "entityId");
        require(acsUrl, "acsUrl");
        Document document = newDocument();

        Element entity = document.createElementNS(METADATA, "md:EntityDescriptor");
        entity.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:md", METADATA);
        entity.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:ds", XMLDSIG);
        entity.setAttribute("entityID", entityId);
        document.appendChild(entity);

        Element sp = child(entity, METADATA, "md:SPSSODescriptor");
        sp.setAttribute("protocolSupportEnumeration", PROTOCOL);
        sp.setAttribute("AuthnRequestsSigned", "true");
        sp.setAttribute("WantAssertionsSigned", "true");

        keyDescriptor(sp, "signing", certificate);
        // The same RSA key decrypts EncryptedAssertions; an EC key only signs.
        if ("RSA".equals(certificate.certificate().getPublicKey().getAlgorithm())) {
            keyDescriptor(sp, "encryption", certificate);
        }

        // Schema order of SSODescriptorType: KeyDescriptor, ..., NameIDFormat, then AssertionConsumerService.
        child(sp, METADATA, "md:NameIDFormat").setTextContent(NAMEID_EMAIL);
        child(sp, METADATA, "md:NameIDFormat").setTextContent(NAMEID_UNSPECIFIED);

        Element acs = child(sp, METADATA, "md:AssertionConsumerService");
        acs.setAttribute("Binding", HTTP_POST);
        acs.setAttribute("Location", acsUrl);
        acs.setAttribute("index", "0");
        acs.setAttribute("isDefault", "true");

        return serialize(document);
    }

    private static void keyDescriptor(Element sp, String use, ParsedCertificate certificate) {
        Element key = child(sp, METADATA, "md:KeyDescriptor");
        key.setAttribute("use", use);
        Element x509Data = child(child(key, XMLDSIG, "ds:KeyInfo"), XMLDSIG, "ds:X509Data");
        child(x509Data, XMLDSIG, "ds:X509Certificate").setTextContent(certificate.base64Der());
    }

    private static Element child(Element parent, String namespace, String qualifiedName) {
        Element child = parent.getOwnerDocument().createElementNS(namespace, qualifiedName);
        parent.appendChild(child);
        return child;
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required for SP metadata");
        }
    }

    private static Document newDocument() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK has no DOM implementation", e);
        }
    }

    private static String serialize(Document document) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            // The JDK would write standalone="no" (or drop the line break) in its declaration; this one is plain.
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter out = new StringWriter().append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("Could not serialize SP metadata", e);
        }
    }
}
