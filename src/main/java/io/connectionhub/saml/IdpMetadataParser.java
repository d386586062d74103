package io.connectionhub.saml;

import static io.connectionhub.saml.SamlNamespaces.HTTP_POST;
import static io.connectionhub.saml.SamlNamespaces.HTTP_REDIRECT;
import static io.connectionhub.saml.SamlNamespaces.METADATA;
import static io.connectionhub.saml.SamlNamespaces.PROTOCOL;
import static io.connectionhub.saml.SamlNamespaces.XMLDSIG;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.ParserConfigurationException;

import jakarta.enterprise.context.ApplicationScoped;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads an identity provider's SAML 2.0 metadata, given by a client or fetched from a URL the client chose, so it is
 * parsed as hostile input: no DTD at all (which rules out entity expansion and external entities), no XInclude, no
 * external access. Signatures on the metadata are not checked; the client vouches for what it uploads.
 */
@ApplicationScoped
public class IdpMetadataParser {

    // Errors are thrown rather than printed to stderr, as the default handler does.
    /** Parses metadata given as text (a JSON property). */
    public IdpMetadata parse(String xml) {
        if (xml == null || xml.isBlank()) {
            throw new InvalidMetadata("no metadata given");
        }
        return read(new InputSource(new StringReader(xml)), xml);
    }

    /** Parses metadata as fetched; the XML declaration decides the encoding. */
    public IdpMetadata parse(byte[] xml) {
        if (xml == null || xml.length == 0) {
            throw new InvalidMetadata("no metadata given");
        }
        // Enough to spot a DOCTYPE in the prolog of any ASCII-compatible encoding.
        return read(new InputSource(new ByteArrayInputStream(xml)), new String(xml, StandardCharsets.ISO_8859_1));
    }

    private IdpMetadata read(InputSource source, String text) {
        Document document = document(source, text);
        Element root = document.getDocumentElement();
        Element entity = idpEntity(root);
        String entityId = entity.getAttribute("entityID").trim();
        if (entityId.isEmpty()) {
            throw new InvalidMetadata("the EntityDescriptor has no entityID");
        }
        Element idp = saml2IdpDescriptor(entity);
        Element sso = singleSignOnService(idp);
        return new IdpMetadata(entityId, location(sso), sso.getAttribute("Binding"), signingCertificates(idp));
    }

    private static Document document(InputSource source, String text) {
        try {
            DocumentBuilder builder = SecureXml.factory().newDocumentBuilder();
            builder.setErrorHandler(SecureXml.FAIL_ON_ERROR);
            return builder.parse(source);
        } catch (SAXParseException e) {
            if (hasDoctype(text)) {
                throw new InvalidMetadata("the metadata contains a DTD (DOCTYPE declaration), which is refused");
            }
            throw new InvalidMetadata("not well-formed XML (line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + "): " + e.getMessage());
        } catch (SAXException | IOException e) {
            throw new InvalidMetadata("not well-formed XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK's XML parser lacks a required security feature", e);
        }
    }

    /** The single entity with an IDPSSODescriptor, from an EntityDescriptor or an EntitiesDescriptor root. */
    private static Element idpEntity(Element root) {
        if (is(root, "EntityDescriptor")) {
            if (children(root, METADATA, "IDPSSODescriptor").isEmpty()) {
                throw noIdp(List.of(root));
            }
            return root;
        }
        if (!is(root, "EntitiesDescriptor")) {
            throw new InvalidMetadata("the root element is " + name(root) + ", not SAML 2.0 metadata (EntityDescriptor "
                    + "or EntitiesDescriptor in namespace " + METADATA + ")");
        }
        List<Element> entities = elements(root.getElementsByTagNameNS(METADATA, "EntityDescriptor"));
        List<Element> idps = entities.stream()
                .filter(entity -> !children(entity, METADATA, "IDPSSODescriptor").isEmpty()).toList();
        if (idps.isEmpty()) {
            throw entities.isEmpty() ? new InvalidMetadata("the EntitiesDescriptor contains no EntityDescriptor")
                    : noIdp(entities);
        }
        if (idps.size() > 1) {
            throw new InvalidMetadata("the EntitiesDescriptor contains " + idps.size()
                    + " identity providers; give the metadata of exactly one");
        }
        return idps.get(0);
    }

    private static InvalidMetadata noIdp(List<Element> entities) {
        boolean sp = entities.stream().anyMatch(entity -> !children(entity, METADATA, "SPSSODescriptor").isEmpty());
        return sp ? new InvalidMetadata("this is service provider metadata (SPSSODescriptor, no IDPSSODescriptor); "
                + "give the identity provider's metadata")
                : new InvalidMetadata("no IDPSSODescriptor: this is not identity provider metadata");
    }

    private static Element saml2IdpDescriptor(Element entity) {
        return children(entity, METADATA, "IDPSSODescriptor").stream()
                .filter(idp -> Arrays.asList(idp.getAttribute("protocolSupportEnumeration").trim().split("\\s+"))
                        .contains(PROTOCOL))
                .findFirst()
                .orElseThrow(() -> new InvalidMetadata("the IDPSSODescriptor does not support the SAML 2.0 protocol "
                        + "(protocolSupportEnumeration lacks " + PROTOCOL + ")"));
    }

    /** HTTP-Redirect when offered, else HTTP-POST; the SP can send an AuthnRequest with either. */
    private static Element singleSignOnService(Element idp) {
        List<Element> services = children(idp, METADATA, "SingleSignOnService");
        if (services.isEmpty()) {
            throw new InvalidMetadata("no SingleSignOnService in the IDPSSODescriptor");
        }
        return binding(services, HTTP_REDIRECT).or(() -> binding(services, HTTP_POST))
                .orElseThrow(() -> new InvalidMetadata("no SingleSignOnService with the HTTP-Redirect or HTTP-POST "
                        + "binding (found " + services.stream().map(s -> s.getAttribute("Binding")).toList() + ")"));
    }

    private static Optional<Element> binding(List<Element> services, String binding) {
        return services.stream().filter(service -> binding.equals(service.getAttribute("Binding").trim())).findFirst();
    }

    private static String location(Element sso) {
        String location = sso.getAttribute("Location").trim();
        try {
            URI uri = new URI(location);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return location;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new InvalidMetadata("the SingleSignOnService Location is not an absolute http or https URL: '"
                + location + "'");
    }

    /** Certificates of KeyDescriptors for signing (use="signing" or no use), duplicates dropped. */
    private static List<ParsedCertificate> signingCertificates(Element idp) {
        Map<String, ParsedCertificate> certificates = new LinkedHashMap<>();
        int index = 0;
        for (Element key : children(idp, METADATA, "KeyDescriptor")) {
            String use = key.getAttribute("use").trim();
            if (!use.isEmpty() && !use.equals("signing")) {
                continue;
            }
            for (Element x509 : elements(key.getElementsByTagNameNS(XMLDSIG, "X509Certificate"))) {
                index++;
                try {
                    ParsedCertificate certificate = X509Certificates.parse(x509.getTextContent());
                    certificates.putIfAbsent(certificate.sha256Thumbprint(), certificate);
                } catch (InvalidCertificate e) {
                    throw new InvalidMetadata("signing certificate " + index + " (KeyDescriptor ds:X509Certificate) "
                            + "is broken: " + e.getMessage());
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new InvalidMetadata("no signing certificate: no KeyDescriptor with use=\"signing\" (or without use) "
                    + "holds a ds:X509Certificate");
        }
        return new ArrayList<>(certificates.values());
    }

    private static boolean is(Element element, String localName) {
        return METADATA.equals(element.getNamespaceURI()) && localName.equals(element.getLocalName());
    }

    private static String name(Element element) {
        String namespace = element.getNamespaceURI();
        return namespace == null ? element.getLocalName() + " (no namespace)"
                : "{" + namespace + "}" + element.getLocalName();
    }

    private static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && namespace.equals(element.getNamespaceURI())
                    && localName.equals(element.getLocalName())) {
                children.add(element);
            }
        }
        return children;
    }

    private static List<Element> elements(NodeList nodes) {
        List<Element> elements = new ArrayList<>(nodes.getLength());
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    /**
     * Whether the prolog holds a DOCTYPE. The parser refuses it with a localized message, so the refusal is
     * recognized here instead of by its wording.
     */
    static boolean hasDoctype(String text) {
        int i = text.startsWith("\uFEFF") ? 1 : text.startsWith("\u00EF\u00BB\u00BF") ? 3 : 0;
        while (i < text.length()) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
            } else if (text.startsWith("<?", i)) {
                i = skipPast(text, i, "?>");
            } else if (text.startsWith("<!--", i)) {
                i = skipPast(text, i, "-->");
            } else {
                return text.startsWith("<!DOCTYPE", i);
            }
        }
        return false;
    }

    private static int skipPast(String text, int from, String end) {
        int at = text.indexOf(end, from);
        return at < 0 ? text.length() : at + end.length();
    }
}
