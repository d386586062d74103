package io.connectionhub.saml;

import java.io.IOException;
import java.io.StringReader;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The JDK's XML parser set up for input from outside: namespace aware, no DTD (a DOCTYPE is a fatal error), no
 * external entities or schemas, no XInclude, secure processing. {@link #parse(String)} keeps one builder per thread: a
 * new {@link DocumentBuilderFactory} looks its implementation up through the class path and builds a parser to check
 * each feature, which cost more than the parse of a SAML response ({@code bench/signin.sh}).
 */
public final class SecureXml {

    static final ErrorHandler FAIL_ON_ERROR = new ErrorHandler() {
        @Override
        public void warning(SAXParseException exception) {
            // warnings (none expected without a DTD or schema) do not make a document unusable
        }

        @Override
        public void error(SAXParseException exception) throws SAXException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
        }
    };

    private static final ThreadLocal<DocumentBuilder> BUILDERS = ThreadLocal.withInitial(SecureXml::newBuilder);

    private SecureXml() {
    }

    /** A factory with every setting above; each caller configures its own builders from it. */
    static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }

    /**
     * The document of {@code xml}, every {@code ID} attribute declared an XML ID (as the toolkit's parser declares
     * them, so that a signature's {@code Reference URI="#..."} resolves); a {@link SAXException} when it is not well
     * formed or declares a DTD.
     */
    static Document parse(String xml) throws SAXException {
        DocumentBuilder builder = BUILDERS.get();
        try {
            Document document = builder.parse(new InputSource(new StringReader(xml)));
            declareIds(document.getDocumentElement());
            return document;
        } catch (IOException e) {
            throw new SAXException("The XML cannot be read: " + e.getMessage(), e);
        } finally {
            builder.reset();
            builder.setErrorHandler(FAIL_ON_ERROR);
        }
    }

    private static void declareIds(Element element) {
        Attr id = element.getAttributeNode("ID");
        if (id != null) {
            element.setIdAttributeNode(id, true);
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element nested) {
                declareIds(nested);
            }
        }
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(FAIL_ON_ERROR);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK's XML parser lacks a required security feature", e);
        }
    }
}
