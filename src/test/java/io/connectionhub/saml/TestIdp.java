package io.connectionhub.saml;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.apache.xml.security.algorithms.MessageDigestAlgorithm;
import org.apache.xml.security.encryption.EncryptedData;
import org.apache.xml.security.encryption.EncryptedKey;
import org.apache.xml.security.encryption.XMLCipher;
import org.apache.xml.security.keys.KeyInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.utils.EncryptionConstants;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * An identity provider in test code, independent of the code under test: it writes SAML responses as text, signs
 * them with Apache Santuario's {@link XMLSignature} and encrypts assertions with its {@link XMLCipher}, never through
 * the service's toolkit adapter. Tests change the {@link Spec} to make every kind of wrong response.
 */
public final class TestIdp {

    public static final String SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
    public static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
    public static final String SHA256_DIGEST = "http://www.w3.org/2001/04/xmlenc#sha256";
    public static final String SHA1_DIGEST = "http://www.w3.org/2000/09/xmldsig#sha1";
    public static final String RSA_SHA256 = XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256;
    public static final String RSA_SHA1 = XMLSignature.ALGO_ID_SIGNATURE_RSA;

    static {
        org.apache.xml.security.Init.init();
    }

    public final String entityId;
    public final KeyPair keys;
    public final X509Certificate certificate;

    public TestIdp(String entityId) {
        this.entityId = entityId;
        this.keys = rsaKeys();
        this.certificate = selfSigned(keys, "CN=test-idp");
    }

    public String certificatePem() {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(encoded(certificate)) + "\n-----END CERTIFICATE-----\n";
    }

    /** What a response says; each field can be changed by a test. */
    public final class Spec {
        public String responseId = "_r" + UUID.randomUUID().toString().replace("-", "");
        public String assertionId = "_a" + UUID.randomUUID().toString().replace("-", "");
        public String destination;
        public String inResponseTo;
        public String responseIssuer = entityId;
        public String assertionIssuer = entityId;
        public String status = "urn:oasis:names:tc:SAML:2.0:status:Success";
        public String audience;
        public String recipient;
        public String confirmationInResponseTo;
        public Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        public Instant notBefore = now.minus(Duration.ofMinutes(1));
        public Instant notOnOrAfter = now.plus(Duration.ofMinutes(5));
        public Instant confirmationNotOnOrAfter = now.plus(Duration.ofMinutes(5));
        public String nameId = "alice@acme.test";
        public Map<String, List<String>> attributes = new LinkedHashMap<>(Map.of(
                "email", List.of("alice@acme.test"), "givenName", List.of("Alice"), "sn", List.of("Liddell")));
        public boolean signAssertion = true;
        public boolean signResponse = false;
        public String signatureAlgorithm = RSA_SHA256;
        public String digestAlgorithm = SHA256_DIGEST;
        public PrivateKey signingKey = keys.getPrivate();
        public X509Certificate signingCertificate = certificate;
        /** When set, the assertion is encrypted for this SP certificate (after signing). */
        public X509Certificate encryptFor;
        /** Encrypt as current Keycloak does: XML Encryption 1.1 RSA-OAEP with MGF1-SHA-256, AES-256-GCM. */
        public boolean encryption11;

        /** For an SP-initiated answer at {@code acs} for {@code audience} to the AuthnRequest {@code requestId}. */
        public Spec answering(String acs, String spEntityId, String requestId) {
            this.destination = acs;
            this.recipient = acs;
            this.audience = spEntityId;
            this.inResponseTo = requestId;
            this.confirmationInResponseTo = requestId;
            return this;
        }

        public Document document() {
            return parse(xml(this));
        }

        /** The response, signed (and encrypted) as the spec says, as the form field {@code SAMLResponse}. */
        public String build() {
            Document document = document();
            sign(document, this);
            return base64(document);
        }
    }

    public Spec spec() {
        return new Spec();
    }

    /** Signs (assertion, then response) and encrypts as the spec says. */
    public void sign(Document document, Spec spec) {
        Element response = document.getDocumentElement();
        Element assertion = (Element) response.getElementsByTagNameNS(SAML, "Assertion").item(0);
        if (spec.signAssertion) {
            signElement(assertion, spec);
        }
        if (spec.encryptFor != null) {
            encrypt(assertion, spec.encryptFor, spec.encryption11);
        }
        if (spec.signResponse) {
            signElement(response, spec);
        }
    }

    /** An enveloped signature of {@code element} (by its ID), placed after its Issuer as the schema wants. */
    public static void signElement(Element element, Spec spec) {
        try {
            Document document = element.getOwnerDocument();
            element.setIdAttributeNS(null, "ID", true);
            XMLSignature signature = new XMLSignature(document, "", spec.signatureAlgorithm,
                    Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
            Element issuer = (Element) element.getElementsByTagNameNS(SAML, "Issuer").item(0);
            element.insertBefore(signature.getElement(), issuer.getNextSibling());
            Transforms transforms = new Transforms(document);
            transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
            transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
            signature.addDocument("#" + element.getAttribute("ID"), transforms, spec.digestAlgorithm);
            signature.addKeyInfo(spec.signingCertificate);
            signature.sign(spec.signingKey);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Replaces the assertion by a {@code saml:EncryptedAssertion}: AES-GCM content, the key wrapped by RSA-OAEP (XML
     * Encryption 1.0, or 1.1 with MGF1-SHA-256).
     */
    public static void encrypt(Element assertion, X509Certificate recipient, boolean encryption11) {
        try {
            Document document = assertion.getOwnerDocument();
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(encryption11 ? 256 : 128);
            SecretKey key = generator.generateKey();
            XMLCipher keyCipher = encryption11
                    ? XMLCipher.getInstance(XMLCipher.RSA_OAEP_11, null, MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256)
                    : XMLCipher.getInstance(XMLCipher.RSA_OAEP);
            keyCipher.init(XMLCipher.WRAP_MODE, recipient.getPublicKey());
            EncryptedKey encryptedKey = encryption11
                    ? keyCipher.encryptKey(document, key, EncryptionConstants.MGF1_SHA256, null)
                    : keyCipher.encryptKey(document, key);
            XMLCipher cipher = XMLCipher.getInstance(encryption11 ? XMLCipher.AES_256_GCM : XMLCipher.AES_128_GCM);
            cipher.init(XMLCipher.ENCRYPT_MODE, key);
            EncryptedData data = cipher.getEncryptedData();
            KeyInfo keyInfo = new KeyInfo(document);
            keyInfo.add(encryptedKey);
            data.setKeyInfo(keyInfo);
            Element parent = (Element) assertion.getParentNode();
            Element wrapper = document.createElementNS(SAML, "saml:EncryptedAssertion");
            parent.replaceChild(wrapper, assertion);
            wrapper.appendChild(assertion);
            cipher.doFinal(document, assertion, false);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String xml(Spec spec) {
        StringBuilder attributes = new StringBuilder();
        spec.attributes.forEach((name, values) -> {
            attributes.append("<saml:Attribute Name=\"").append(escape(name)).append("\">");
            values.forEach(value -> attributes.append("<saml:AttributeValue>").append(escape(value))
                    .append("</saml:AttributeValue>"));
            attributes.append("</saml:Attribute>");
        });
        return "<samlp:Response xmlns:samlp=\"" + SAMLP + "\" xmlns:saml=\"" + SAML + "\" ID=\"" + spec.responseId
                + "\" Version=\"2.0\" IssueInstant=\"" + spec.now + "\""
                + attribute("Destination", spec.destination) + attribute("InResponseTo", spec.inResponseTo) + ">"
                + "<saml:Issuer>" + escape(spec.responseIssuer) + "</saml:Issuer>"
                + "<samlp:Status><samlp:StatusCode Value=\"" + spec.status + "\"/></samlp:Status>"
                + "<saml:Assertion ID=\"" + spec.assertionId + "\" Version=\"2.0\" IssueInstant=\"" + spec.now + "\">"
                + "<saml:Issuer>" + escape(spec.assertionIssuer) + "</saml:Issuer>"
                + "<saml:Subject><saml:NameID Format=\"urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress\">"
                + escape(spec.nameId) + "</saml:NameID>"
                + "<saml:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\">"
                + "<saml:SubjectConfirmationData" + attribute("InResponseTo", spec.confirmationInResponseTo)
                + " NotOnOrAfter=\"" + spec.confirmationNotOnOrAfter + "\"" + attribute("Recipient", spec.recipient)
                + "/></saml:SubjectConfirmation></saml:Subject>"
                + "<saml:Conditions NotBefore=\"" + spec.notBefore + "\" NotOnOrAfter=\"" + spec.notOnOrAfter + "\">"
                + (spec.audience == null ? "" : "<saml:AudienceRestriction><saml:Audience>" + escape(spec.audience)
                        + "</saml:Audience></saml:AudienceRestriction>")
                + "</saml:Conditions>"
                + "<saml:AuthnStatement AuthnInstant=\"" + spec.now + "\" SessionIndex=\"" + spec.assertionId + "\">"
                + "<saml:AuthnContext><saml:AuthnContextClassRef>"
                + "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
                + "</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>"
                + (attributes.isEmpty() ? "" : "<saml:AttributeStatement>" + attributes + "</saml:AttributeStatement>")
                + "</saml:Assertion></samlp:Response>";
    }

    public static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String serialize(Document document) {
        try {
            StringWriter out = new StringWriter();
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String base64(Document document) {
        return base64(serialize(document));
    }

    public static String base64(String xml) {
        return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
    }

    public static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static X509Certificate selfSigned(KeyPair keys, String subject) {
        try {
            X500Name name = new X500Name(subject);
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(365))), name, keys.getPublic());
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String attribute(String name, String value) {
        return value == null ? "" : " " + name + "=\"" + escape(value) + "\"";
    }

    static String escape(String value) {
        return value == null ? "" : value.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }

    /** The decoded parameters of a URL's query (the HTTP-Redirect binding's {@code SAMLRequest}, {@code RelayState}...). */
    public static Map<String, String> query(String url) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String raw = URI.create(url).getRawQuery();
        if (raw == null) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            parameters.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /** An HTTP-Redirect binding's message: base64, then raw DEFLATE. */
    public static String inflate(String base64) {
        try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(
                Base64.getDecoder().decode(base64)), new Inflater(true));
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
