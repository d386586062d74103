package io.connectionhub.saml;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.Validator;

import org.codelibs.saml2.core.authn.AuthnRequest;
import org.codelibs.saml2.core.authn.AuthnRequestParams;
import org.codelibs.saml2.core.authn.SamlResponse;
import org.codelibs.saml2.core.exception.SAMLException;
import org.codelibs.saml2.core.settings.Saml2Settings;
import org.codelibs.saml2.core.settings.SettingsBuilder;
import org.codelibs.saml2.core.util.Constants;
import org.codelibs.saml2.core.util.SchemaFactory;
import org.codelibs.saml2.core.util.Util;
import org.codelibs.saml2.core.util.XMLErrorAccumulatorHandler;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;


/**
 * The one door to the SAML toolkit (the maintained fork of OneLogin's java-saml, on Apache Santuario): builds signed
 * AuthnRequests for the HTTP-Redirect binding, and opens a SAMLResponse: parsing without DTDs, decrypting an
 * {@code EncryptedAssertion} with the SP key, checking the signature structure (no wrapping: a signed element must be
 * the one its Reference names, and the assertion read is the signed one) and the signature value against the IdP
 * certificate, and reading every value from the signed element. {@link SamlResponseChecks} applies the contract's
 * rules to what it returns. Nothing else imports the toolkit.
 */
@ApplicationScoped
public class SamlToolkit {

    static final String RSA_SHA256 = Constants.RSA_SHA256;
    static final String ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
    private static final String RESPONSE_TAG = "{" + Constants.NS_SAMLP + "}Response";
    private static final String ASSERTION_TAG = "{" + Constants.NS_SAML + "}Assertion";
    private static final String DS = Constants.NS_DS;
    /** Signature and digest algorithms built on SHA-1 (or weaker), refused whatever else the signature uses. */
    private static final Set<String> SHA1_ALGORITHMS = Set.of("http://www.w3.org/2000/09/xmldsig#rsa-sha1",
            "http://www.w3.org/2000/09/xmldsig#dsa-sha1", "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1",
            "http://www.w3.org/2000/09/xmldsig#hmac-sha1", "http://www.w3.org/2000/09/xmldsig#sha1",
            "http://www.w3.org/2001/04/xmldsig-more#rsa-md5", "http://www.w3.org/2001/04/xmldsig-more#md5");

    /** Where to send the browser with the AuthnRequest, and the request's ID (the expected InResponseTo). */
    public record AuthnRedirect(URI url, String requestId) {
    }

    /** A bearer (or method-less) {@code SubjectConfirmationData} of the signed assertion. */
    public record Confirmation(String recipient, String notBefore, String notOnOrAfter, String inResponseTo) {
    }

    /**
     * A response whose signature verified, with the values read from it: those of the {@code Response} element
     * (covered when the response is signed) and those of the one signed assertion (or the assertion of the signed
     * response).
     */
    public static final class Opened {

        public final boolean encrypted;
        public final String destination;
        public final String inResponseTo;
        public final String statusCode;
        public final String statusMessage;
        public final String responseIssuer;
        public final String assertionId;
        public final String assertionIssuer;
        public final List<List<String>> audienceRestrictions;
        public final String notBefore;
        public final String notOnOrAfter;
        public final List<Confirmation> confirmations;
        public final String nameId;
        public final Map<String, List<String>> attributes;
        /** {@code Version} of the Response and of the Assertion; the Response's {@code ID}. */
        public final String responseVersion;
        public final String assertionVersion;
        public final String responseId;
        /** How many {@code AuthnStatement} and {@code EncryptedAttribute} the assertion has. */
        public final int authnStatementCount;
        public final int encryptedAttributeCount;
        /** {@code SessionNotOnOrAfter} of the AuthnStatement, when given. */
        public final String sessionNotOnOrAfter;
        private final Document document;

        private Opened(Document document, Element root, Element assertion, boolean encrypted) {
            this.document = document;
            this.encrypted = encrypted;
            this.destination = root.hasAttribute("Destination") ? root.getAttribute("Destination") : null;
            this.inResponseTo = root.hasAttribute("InResponseTo") ? root.getAttribute("InResponseTo") : null;
            Element status = child(root, Constants.NS_SAMLP, "Status");
            Element code = status == null ? null : child(status, Constants.NS_SAMLP, "StatusCode");
            this.statusCode = code == null ? null : code.getAttribute("Value");
            Element message = status == null ? null : child(status, Constants.NS_SAMLP, "StatusMessage");
            this.statusMessage = message == null ? null : message.getTextContent().trim();
            Element issuer = child(root, Constants.NS_SAML, "Issuer");
            this.responseIssuer = issuer == null ? null : issuer.getTextContent().trim();
            this.assertionId = assertion.getAttribute("ID");
            Element assertionIssuer = child(assertion, Constants.NS_SAML, "Issuer");
            this.assertionIssuer = assertionIssuer == null ? null : assertionIssuer.getTextContent().trim();
            Element conditions = child(assertion, Constants.NS_SAML, "Conditions");
            List<List<String>> restrictions = new ArrayList<>();
            if (conditions != null) {
                for (Element restriction : children(conditions, Constants.NS_SAML, "AudienceRestriction")) {
                    restrictions.add(children(restriction, Constants.NS_SAML, "Audience").stream()
                            .map(audience -> audience.getTextContent().trim()).toList());
                }
            }
            this.audienceRestrictions = List.copyOf(restrictions);
            this.notBefore = conditions == null || !conditions.hasAttribute("NotBefore") ? null
                    : conditions.getAttribute("NotBefore");
            this.notOnOrAfter = conditions == null || !conditions.hasAttribute("NotOnOrAfter") ? null
                    : conditions.getAttribute("NotOnOrAfter");
            Element subject = child(assertion, Constants.NS_SAML, "Subject");
            List<Confirmation> found = new ArrayList<>();
            String name = null;
            if (subject != null) {
                Element nameIdElement = child(subject, Constants.NS_SAML, "NameID");
                name = nameIdElement == null ? null : nameIdElement.getTextContent().trim();
                for (Element confirmation : children(subject, Constants.NS_SAML, "SubjectConfirmation")) {
                    String method = confirmation.getAttribute("Method");
                    if (!method.isEmpty() && !Constants.CM_BEARER.equals(method)) {
                        continue;
                    }
                    for (Element data : children(confirmation, Constants.NS_SAML, "SubjectConfirmationData")) {
                        found.add(new Confirmation(attribute(data, "Recipient"), attribute(data, "NotBefore"),
                                attribute(data, "NotOnOrAfter"), attribute(data, "InResponseTo")));
                    }
                }
            }
            this.nameId = name;
            this.confirmations = List.copyOf(found);
            Map<String, List<String>> values = new LinkedHashMap<>();
            for (Element statement : children(assertion, Constants.NS_SAML, "AttributeStatement")) {
                for (Element attribute : children(statement, Constants.NS_SAML, "Attribute")) {
                    List<String> list = values.computeIfAbsent(attribute.getAttribute("Name"), k -> new ArrayList<>());
                    for (Element value : children(attribute, Constants.NS_SAML, "AttributeValue")) {
                        list.add(value.getTextContent().trim());
                    }
                }
            }
            this.attributes = values;
            this.responseVersion = attribute(root, "Version");
            this.assertionVersion = attribute(assertion, "Version");
            this.responseId = attribute(root, "ID");
            List<Element> authnStatements = children(assertion, Constants.NS_SAML, "AuthnStatement");
            this.authnStatementCount = authnStatements.size();
            this.sessionNotOnOrAfter = authnStatements.isEmpty() ? null
                    : attribute(authnStatements.get(0), "SessionNotOnOrAfter");
            this.encryptedAttributeCount = assertion.getElementsByTagNameNS(Constants.NS_SAML, "EncryptedAttribute")
                    .getLength();
        }
    }

    /** The toolkit's response, with the assertion it reads (chosen by the signed Reference) made visible. */
    private static final class ReadResponse extends SamlResponse {

        ReadResponse(Saml2Settings settings, String acsUrl, String base64) {
            super(settings, acsUrl, base64);
        }

        NodeList assertions() {
            return queryAssertion("");
        }

        Document document() {
            return getSAMLResponseDocument();
        }
    }

    private final long clockSkewSeconds;

    public SamlToolkit(@ConfigProperty(name = "connectionhub.sso.clock-skew", defaultValue = "60s") Duration skew) {
        this.clockSkewSeconds = skew.toSeconds();
    }

    /**
     * A signed AuthnRequest for the HTTP-Redirect binding (SAML Bindings 3.4.4.1): deflated, with {@code RelayState},
     * {@code SigAlg} and a {@code Signature} over the query string made with the SP key (RSA-SHA256, or ECDSA-SHA256
     * for an EC key).
     */
    public AuthnRedirect authnRequest(SamlSettings connection, boolean forceAuthn, String relayState) {
        Saml2Settings settings = settings(connection);
        AuthnRequest request = new AuthnRequest(settings, new AuthnRequestParams(forceAuthn, false, true, true));
        boolean ec = "EC".equals(connection.sp().privateKey().getAlgorithm());
        String algorithm = ec ? ECDSA_SHA256 : RSA_SHA256;
        String signed = "SAMLRequest=" + Util.urlEncoder(request.getEncodedAuthnRequest(true)) + "&RelayState="
                + Util.urlEncoder(relayState) + "&SigAlg=" + Util.urlEncoder(algorithm);
        byte[] signature;
        try {
            Signature signer = Signature.getInstance(ec ? "SHA256withECDSAinP1363Format" : "SHA256withRSA");
            signer.initSign(connection.sp().privateKey());
            signer.update(signed.getBytes(StandardCharsets.UTF_8));
            signature = signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign an AuthnRequest with the SP key", e);
        }
        String sso = connection.idpSsoUrl();
        String url = sso + (sso.contains("?") ? "&" : "?") + signed + "&Signature="
                + Util.urlEncoder(Base64.getEncoder().encodeToString(signature));
        return new AuthnRedirect(URI.create(url), request.getId());
    }

    /**
     * Parses the decoded response with the JDK's parser set up as the toolkit sets it up (namespace aware, no DTD, no
     * external entities; {@link SecureXml}), refusing a DTD and XML that is not well formed by name.
     */
    public Document parse(String xml) {
        if (xml.contains("<!DOCTYPE") || xml.contains("<!ENTITY")) {
            throw new SamlCheckFailed("The SAML response contains a DTD (<!DOCTYPE>), which is refused");
        }
        try {
            return SecureXml.parse(xml);
        } catch (SAXException e) {
            if (e.getMessage() != null && e.getMessage().contains("DOCTYPE")) {
                throw new SamlCheckFailed("The SAML response contains a DTD (<!DOCTYPE>), which is refused");
            }
            throw new SamlCheckFailed("The SAML response is not well-formed XML");
        }
    }

    /**
     * Opens a response whose structure {@link SamlResponseChecks} has checked ({@code parsed} is its document):
     * decrypts an encrypted assertion, then verifies the signatures (the response's, the assertion's, or both) with
     * the IdP certificate. Every refusal is a {@link SamlCheckFailed} naming the check.
     *
     * <p>A response without encryption is read from {@code parsed} itself: the toolkit's {@code SamlResponse} would
     * parse it again (with a new parser factory, and an XPath pass for its IDs) and find its signed elements with
     * XPath queries over the whole document, which cost more than the rest of the ACS ({@code bench/signin.sh}). Its
     * rules for signed elements ({@code processSignedElements}) are applied on the DOM by {@link #signedElements},
     * stricter (a signature may only be the root Response's or its Assertion's), and each signature is verified by
     * the toolkit's {@code Util.validateSignNode} (Apache Santuario, secure validation). An encrypted response still
     * goes through the toolkit's {@code SamlResponse}, which decrypts it.
     */
    public Opened open(SamlSettings connection, String base64, Document parsed) {
        boolean encrypted = parsed.getElementsByTagNameNS(Constants.NS_SAML, "EncryptedAssertion").getLength() > 0;
        return encrypted ? openEncrypted(connection, base64, parsed) : openSigned(connection, parsed);
    }

    private Opened openSigned(SamlSettings connection, Document document) {
        Element root = document.getDocumentElement();
        SignedElements signed = signedElements(document);
        refuseSha1(document);
        X509Certificate certificate = connection.idpCertificate();
        if (signed.response() != null && !verifies(signed.response(), certificate)) {
            throw notVerified(connection, "Response");
        }
        if (signed.assertion() != null && !verifies(signed.assertion(), certificate)) {
            throw notVerified(connection, "Assertion");
        }
        Element assertion = child(root, Constants.NS_SAML, "Assertion");
        if (assertion == null) {
            throw new SamlCheckFailed("Signature check failed (signature wrapping refused): the signed element does "
                    + "not hold the response's one Assertion");
        }
        return new Opened(document, root, assertion, false);
    }

    /** Whether the {@code ds:Signature} element verifies with the certificate (the toolkit's check, on Santuario). */
    private static boolean verifies(Element signature, X509Certificate certificate) {
        return Util.validateSignNode(signature, certificate, null, "sha256", true);
    }

    /** The signature of the root Response and of its Assertion, when present (at least one is). */
    private record SignedElements(Element response, Element assertion) {
    }

    /**
     * The toolkit's rules for signed elements ({@code SamlResponse.processSignedElements}), on the DOM: every
     * {@code ds:Signature} of the message signs the root {@code samlp:Response} or its direct {@code saml:Assertion}
     * (the toolkit accepts any element of those names), the signed element has an {@code ID} that its first
     * Reference names (or the Reference's URI is empty), no ID or Reference URI is signed twice, and at most one
     * signature each for the Response and the Assertion.
     */
    static SignedElements signedElements(Document document) {
        Element root = document.getDocumentElement();
        NodeList signatures = document.getElementsByTagNameNS(DS, "Signature");
        Element responseSignature = null;
        Element assertionSignature = null;
        Set<String> ids = new HashSet<>();
        Set<String> references = new HashSet<>();
        for (int i = 0; i < signatures.getLength(); i++) {
            Element signature = (Element) signatures.item(i);
            Node parent = signature.getParentNode();
            boolean ofResponse = parent == root;
            boolean ofAssertion = parent instanceof Element element && element.getParentNode() == root
                    && Constants.NS_SAML.equals(element.getNamespaceURI())
                    && "Assertion".equals(element.getLocalName());
            if (!ofResponse && !ofAssertion) {
                throw wrapping("a signature signs " + (parent instanceof Element element ? element.getLocalName()
                        : "no element") + ", not the Response or its Assertion");
            }
            Element signedElement = (Element) parent;
            String id = signedElement.getAttribute("ID");
            if (id.isEmpty()) {
                throw wrapping("the signed " + signedElement.getLocalName() + " has no ID");
            }
            if (!ids.add(id)) {
                throw wrapping("the ID " + id + " is signed twice");
            }
            NodeList referenceNodes = signature.getElementsByTagNameNS(DS, "Reference");
            if (referenceNodes.getLength() > 0) {
                String uri = ((Element) referenceNodes.item(0)).getAttribute("URI");
                if (!uri.isEmpty()) {
                    if (!uri.equals("#" + id)) {
                        throw wrapping("the signature of the " + signedElement.getLocalName() + " " + id
                                + " references " + uri);
                    }
                    if (!references.add(uri)) {
                        throw wrapping("the Reference " + uri + " is signed twice");
                    }
                }
            }
            if (ofResponse) {
                if (responseSignature != null) {
                    throw wrapping("the Response has two signatures");
                }
                responseSignature = signature;
            } else {
                if (assertionSignature != null) {
                    throw wrapping("the Assertion has two signatures");
                }
                assertionSignature = signature;
            }
        }
        if (responseSignature == null && assertionSignature == null) {
            throw new SamlCheckFailed("Signature missing: neither the Response nor the Assertion is signed by the IdP");
        }
        return new SignedElements(responseSignature, assertionSignature);
    }

    private static SamlCheckFailed wrapping(String detail) {
        return new SamlCheckFailed("Signature check failed (signature wrapping refused): " + detail);
    }

    /** An encrypted response: the toolkit's {@code SamlResponse} decrypts it and finds its signed elements. */
    private Opened openEncrypted(SamlSettings connection, String base64, Document parsed) {
        ReadResponse response;
        try {
            response = new ReadResponse(settings(connection, false), connection.acsUrl(), base64);
        } catch (RuntimeException e) {
            throw new SamlCheckFailed("Decryption failed: the EncryptedAssertion cannot be decrypted with the "
                    + "connection's SP key (is the IdP encrypting for the certificate in the SP metadata?)");
        }
        if (response.document().getElementsByTagNameNS(Constants.NS_SAML, "Assertion").getLength() != 1) {
            throw new SamlCheckFailed("Decryption failed: the EncryptedAssertion holds no single Assertion");
        }
        // This toolkit version's schemas lack XML Encryption 1.1 (xenc11:MGF, as Keycloak encrypts): an encrypted
        // response is schema-checked once decrypted instead.
        if (!matchesProtocolSchema(response.document())) {
            throw new SamlCheckFailed("The decrypted SAML response does not match the SAML 2.0 protocol schema");
        }
        List<String> signed;
        try {
            signed = response.processSignedElements();
        } catch (SAMLException e) {
            throw new SamlCheckFailed("Signature check failed (signature wrapping refused): " + e.getMessage());
        }
        boolean responseSigned = signed.contains(RESPONSE_TAG);
        boolean assertionSigned = signed.contains(ASSERTION_TAG);
        if (!responseSigned && !assertionSigned) {
            throw new SamlCheckFailed("Signature missing: neither the Response nor the Assertion is signed by the IdP");
        }
        refuseSha1(parsed);
        refuseSha1(response.document());
        List<X509Certificate> certificates = List.of(connection.idpCertificate());
        if (responseSigned && !Util.validateSign(parsed, certificates, null, "sha256", Util.RESPONSE_SIGNATURE_XPATH,
                true)) {
            throw notVerified(connection, "Response");
        }
        if (assertionSigned && !Util.validateSign(response.document(), certificates, null, "sha256",
                Util.ASSERTION_SIGNATURE_XPATH, true)) {
            throw notVerified(connection, "Assertion");
        }
        NodeList assertions = response.assertions();
        if (assertions.getLength() != 1) {
            throw new SamlCheckFailed("Signature check failed (signature wrapping refused): the signed element does "
                    + "not hold the response's one Assertion");
        }
        return new Opened(response.document(), response.document().getDocumentElement(), (Element) assertions.item(0),
                true);
    }

    /**
     * Whether the opened response matches the SAML 2.0 protocol schema (an encrypted one was checked once decrypted,
     * in {@link #open}).
     */
    public boolean matchesSchema(Opened opened) {
        return opened.encrypted || matchesProtocolSchema(opened.document);
    }

    /**
     * The toolkit's schema check ({@code Util.validateXML} against the SAML 2.0 protocol schema, with its validator
     * settings and error handler), with the schema compiled once: the toolkit compiles the protocol, assertion,
     * XML Signature and XML Encryption schemas anew for every response, which made most of the ACS's cost
     * ({@code bench/signin.sh}). A {@link Schema} is immutable and thread-safe; its validators are not, so each
     * thread has its own.
     */
    static boolean matchesProtocolSchema(Document document) {
        Validator validator = ProtocolSchema.VALIDATORS.get();
        try {
            XMLErrorAccumulatorHandler errors = new XMLErrorAccumulatorHandler();
            validator.setErrorHandler(errors);
            validator.validate(new DOMSource(document));
            return !errors.hasError();
        } catch (Exception e) {
            ProtocolSchema.VALIDATORS.remove(); // a validation cut short leaves nothing behind for the next one
            return false;
        }
    }

    /** The toolkit's SAML 2.0 protocol schema, loaded by the toolkit's own loader when first needed. */
    private static final class ProtocolSchema {
        static final Schema SCHEMA = load();
        /** A validator per thread, used for one check at a time (making one costs a third of a validation). */
        static final ThreadLocal<Validator> VALIDATORS = ThreadLocal.withInitial(ProtocolSchema::newValidator);

        private static Validator newValidator() {
            Validator validator = SCHEMA.newValidator();
            try {
                validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            } catch (SAXException e) {
                throw new IllegalStateException("The JDK's schema validator lacks a required security property", e);
            }
            return validator;
        }

        private static Schema load() {
            try {
                return SchemaFactory.loadFromUrl(SchemaFactory.SAML_SCHEMA_PROTOCOL_2_0);
            } catch (SAXException e) {
                throw new IllegalStateException("The toolkit's SAML 2.0 protocol schema cannot be loaded", e);
            }
        }
    }

    private void refuseSha1(Document document) {
        NodeList signatures = document.getElementsByTagNameNS(DS, "Signature");
        for (int i = 0; i < signatures.getLength(); i++) {
            Element signature = (Element) signatures.item(i);
            for (String element : List.of("SignatureMethod", "DigestMethod")) {
                NodeList methods = signature.getElementsByTagNameNS(DS, element);
                for (int j = 0; j < methods.getLength(); j++) {
                    String algorithm = ((Element) methods.item(j)).getAttribute("Algorithm");
                    if (SHA1_ALGORITHMS.contains(algorithm)) {
                        throw new SamlCheckFailed("Signature algorithm refused: the IdP signs with " + algorithm
                                + " (" + element + "); SHA-1 is refused, configure RSA-SHA256 with SHA-256 digests");
                    }
                }
            }
        }
    }

    private static SamlCheckFailed notVerified(SamlSettings connection, String element) {
        return new SamlCheckFailed("Signature check failed: the " + element + " signature does not verify with the "
                + "connection's IdP certificate (" + connection.idpCertificate().getSubjectX500Principal().getName()
                + "); the response was signed by another key or changed after signing");
    }

    private Saml2Settings settings(SamlSettings connection) {
        return settings(connection, true);
    }

    private Saml2Settings settings(SamlSettings connection, boolean schemaCheck) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(SettingsBuilder.STRICT_PROPERTY_KEY, true);
        values.put(SettingsBuilder.SP_ENTITYID_PROPERTY_KEY, connection.spEntityId());
        values.put(SettingsBuilder.SP_ASSERTION_CONSUMER_SERVICE_URL_PROPERTY_KEY, connection.acsUrl());
        values.put(SettingsBuilder.SP_ASSERTION_CONSUMER_SERVICE_BINDING_PROPERTY_KEY, Constants.BINDING_HTTP_POST);
        values.put(SettingsBuilder.SP_X509CERT_PROPERTY_KEY, connection.sp().certificate());
        values.put(SettingsBuilder.SP_PRIVATEKEY_PROPERTY_KEY, connection.sp().privateKey());
        values.put(SettingsBuilder.IDP_ENTITYID_PROPERTY_KEY, connection.idpEntityId());
        values.put(SettingsBuilder.IDP_SINGLE_SIGN_ON_SERVICE_URL_PROPERTY_KEY, connection.idpSsoUrl());
        values.put(SettingsBuilder.IDP_SINGLE_SIGN_ON_SERVICE_BINDING_PROPERTY_KEY, Constants.BINDING_HTTP_REDIRECT);
        values.put(SettingsBuilder.IDP_X509CERT_PROPERTY_KEY, connection.idpCertificate());
        values.put(SettingsBuilder.SECURITY_AUTHREQUEST_SIGNED, true);
        values.put(SettingsBuilder.SECURITY_WANT_ASSERTIONS_SIGNED, false);
        values.put(SettingsBuilder.SECURITY_WANT_MESSAGES_SIGNED, false);
        values.put(SettingsBuilder.SECURITY_WANT_NAMEID, false);
        values.put(SettingsBuilder.SECURITY_WANT_XML_VALIDATION, schemaCheck);
        values.put(SettingsBuilder.SECURITY_SIGNATURE_ALGORITHM, RSA_SHA256);
        values.put(SettingsBuilder.SECURITY_REJECT_DEPRECATED_ALGORITHM, true);
        values.put(SettingsBuilder.UNIQUE_ID_PREFIX_PROPERTY_KEY, "_");
        Saml2Settings settings = new SettingsBuilder().fromValues(values).build();
        settings.setClockDrift(clockSkewSeconds);
        return settings;
    }

    private static String attribute(Element element, String name) {
        return element.hasAttribute(name) ? element.getAttribute(name) : null;
    }

    private static Element child(Element parent, String namespace, String localName) {
        List<Element> found = children(parent, namespace, localName);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && namespace.equals(element.getNamespaceURI())
                    && localName.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }
}
