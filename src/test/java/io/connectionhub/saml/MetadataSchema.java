package io.connectionhub.saml;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;
import org.xml.sax.SAXException;

/**
 * The OASIS SAML 2.0 metadata schema, loaded from test resources: every import (and the DTD that
 * {@code xenc-schema.xsd} names) is served from {@code /schemas/saml/}; anything else fails the test instead of
 * reaching the network.
 */
final class MetadataSchema {

    private static final String FOLDER = "/schemas/saml/";
    private static final Schema SCHEMA = load();

    private MetadataSchema() {
    }

    /** The schema's complaints about {@code xml}; empty when it is valid SAML 2.0 metadata. */
    static List<String> problems(String xml) {
        List<String> problems = new ArrayList<>();
        Validator validator = SCHEMA.newValidator();
        validator.setErrorHandler(new org.xml.sax.ErrorHandler() {
            @Override
            public void warning(org.xml.sax.SAXParseException e) {
            }

            @Override
            public void error(org.xml.sax.SAXParseException e) {
                problems.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
            }

            @Override
            public void fatalError(org.xml.sax.SAXParseException e) {
                problems.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
            }
        });
        try {
            validator.validate(new StreamSource(new StringReader(xml)));
        } catch (SAXException e) {
            if (problems.isEmpty()) {
                problems.add(e.getMessage());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return problems;
    }

    private static Schema load() {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            // Nothing may be loaded except through the resolver below.
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            DOMImplementationLS ls = (DOMImplementationLS) DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .getDOMImplementation();
            factory.setResourceResolver((type, namespace, publicId, systemId, baseUri) -> {
                String file = systemId.substring(systemId.lastIndexOf('/') + 1);
                InputStream in = MetadataSchema.class.getResourceAsStream(FOLDER + file);
                if (in == null) {
                    throw new IllegalStateException("Schema resource not in " + FOLDER + ": " + systemId);
                }
                LSInput input = ls.createLSInput();
                input.setByteStream(in);
                input.setPublicId(publicId);
                input.setSystemId(MetadataSchema.class.getResource(FOLDER + file).toExternalForm());
                return input;
            });
            URL metadata = MetadataSchema.class.getResource(FOLDER + "saml-schema-metadata-2.0.xsd");
            return factory.newSchema(new StreamSource(metadata.openStream(), metadata.toExternalForm()));
        } catch (Exception e) {
            throw new IllegalStateException("Could not load the SAML metadata schema", e);
        }
    }
}
