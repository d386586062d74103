package io.connectionhub.saml;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The checks a SAMLResponse posted to the ACS must pass, in the order of the contract (sso-runtime.md, "SAML
 * connections"), each a named step that throws a {@link SamlCheckFailed} naming the check and the values that failed
 * it. Signature and decryption are the toolkit's ({@link SamlToolkit}); what it lacks is added here: the configured
 * ACS URL as Destination and Recipient, an exact audience, the time window also on decrypted assertions, and the
 * binding to the stored AuthnRequest. The toolkit's {@code SamlResponse.isValid} is not called: it verified the
 * signatures a second time (with some twenty XPath passes over the document), the larger part of the ACS's CPU
 * ({@code bench/signin.sh}); the rules only it applied are steps here (schema, SAML version, one AuthnStatement,
 * SessionNotOnOrAfter, no EncryptedAttribute). The replay table is the caller's, with {@link Accepted#keepUntil()}.
 * Blocking (XML, signatures): call it on a worker thread.
 */
@ApplicationScoped
public class SamlResponseChecks {

    /** Largest base64 {@code SAMLResponse} read (a signed response with many attributes is a few tens of KiB). */
    public static final int MAX_SAML_RESPONSE = 512 * 1024;
    private static final String SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
    private static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
    private static final String SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** An assertion that passed every check: who signed in, and how long its id stays in the replay table. */
    public record Accepted(String assertionId, Instant keepUntil, String inResponseTo, String nameId,
            Map<String, List<String>> attributes, boolean encrypted) {
    }

    private final SamlToolkit toolkit;
    private final Duration skew;

    public SamlResponseChecks(SamlToolkit toolkit,
            @ConfigProperty(name = "connectionhub.sso.clock-skew", defaultValue = "60s") Duration skew) {
        this.toolkit = toolkit;
        this.skew = skew;
    }

    /**
     * A {@code SAMLResponse} form field, decoded and parsed once when first needed (on a worker thread), so that the
     * ACS reads it a single time whether it first looks for the sign-in by {@code InResponseTo} or not. Used by one
     * request at a time.
     */
    public static final class Message {

        private final String field;
        private String base64;
        private Document document;
        private SamlCheckFailed unreadable;

        private Message(String field) {
            this.field = field;
        }

        public static Message of(String samlResponse) {
            return new Message(samlResponse);
        }

        private void read(SamlToolkit toolkit) {
            if (document != null || unreadable != null) {
                return;
            }
            try {
                base64 = size(field);
                document = toolkit.parse(base64(base64));
            } catch (SamlCheckFailed e) {
                unreadable = e;
            }
        }
    }

    /**
     * Checks the {@code SAMLResponse} form field (perhaps already read) for the connection.
     * {@code expectedInResponseTo} is the ID of the stored AuthnRequest the RelayState named, or null for an
     * IdP-initiated response.
     */
    public Accepted check(SamlSettings connection, Message message, String expectedInResponseTo, Instant now) {
        message.read(toolkit);
        if (message.unreadable != null) {
            throw message.unreadable;
        }
        Document document = message.document;
        structure(document);
        SamlToolkit.Opened opened = toolkit.open(connection, message.base64, document);
        status(opened);
        issuer(connection, opened);
        audience(connection, opened);
        destination(connection, opened);
        SamlToolkit.Confirmation bearer = recipient(connection, opened);
        Instant keepUntil = timeWindow(opened, bearer, now);
        inResponseTo(opened, bearer, expectedInResponseTo);
        schema(opened);
        version(opened);
        statements(opened);
        session(opened, now);
        if (opened.assertionId == null || opened.assertionId.isBlank()) {
            throw new SamlCheckFailed("The Assertion has no ID");
        }
        return new Accepted(opened.assertionId, keepUntil, opened.inResponseTo, opened.nameId, opened.attributes,
                opened.encrypted);
    }

    /**
     * The Response's {@code InResponseTo}, read before any check, to find the sign-in of an IdP that dropped the
     * RelayState; the checks then bind it for real. Null when absent or unreadable.
     */
    public String peekInResponseTo(Message message) {
        message.read(toolkit);
        if (message.document == null) {
            return null;
        }
        Element root = message.document.getDocumentElement();
        return root.hasAttribute("InResponseTo") ? root.getAttribute("InResponseTo") : null;
    }

    /** The form field is there and at most {@link #MAX_SAML_RESPONSE} characters. */
    static String size(String samlResponse) {
        if (samlResponse == null || samlResponse.isBlank()) {
            throw new SamlCheckFailed("The request carries no SAMLResponse");
        }
        if (samlResponse.length() > MAX_SAML_RESPONSE) {
            throw new SamlCheckFailed("The SAMLResponse is too large: " + samlResponse.length()
                    + " characters, at most " + MAX_SAML_RESPONSE + " (512 KiB) are accepted");
        }
        return WHITESPACE.matcher(samlResponse).replaceAll("");
    }

    /** Base64 (line breaks allowed) of UTF-8 text. */
    static String base64(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new SamlCheckFailed("The SAMLResponse is not base64: " + e.getMessage());
        }
    }

    /** One {@code samlp:Response} at the root, and exactly one Assertion or EncryptedAssertion in the whole message. */
    static void structure(Document document) {
        Element root = document.getDocumentElement();
        if (!SAMLP.equals(root.getNamespaceURI()) || !"Response".equals(root.getLocalName())) {
            throw new SamlCheckFailed("The SAML message is not a samlp:Response but {" + root.getNamespaceURI() + "}"
                    + root.getLocalName());
        }
        int responses = document.getElementsByTagNameNS(SAMLP, "Response").getLength();
        if (responses != 1) {
            throw new SamlCheckFailed("The SAML message holds " + responses + " Response elements; exactly one is "
                    + "accepted (signature wrapping refused)");
        }
        int assertions = document.getElementsByTagNameNS(SAML, "Assertion").getLength()
                + document.getElementsByTagNameNS(SAML, "EncryptedAssertion").getLength();
        if (assertions == 0) {
            String status = statusOf(root);
            if (status != null && !SUCCESS.equals(status)) {
                throw new SamlCheckFailed("Status is not Success: the IdP answered " + status);
            }
        }
        if (assertions != 1) {
            throw new SamlCheckFailed("The SAML response holds " + assertions + " assertions; exactly one Assertion or "
                    + "EncryptedAssertion is accepted");
        }
    }

    static void status(SamlToolkit.Opened opened) {
        if (!SUCCESS.equals(opened.statusCode)) {
            throw new SamlCheckFailed("Status is not Success: the IdP answered " + opened.statusCode
                    + (opened.statusMessage == null || opened.statusMessage.isEmpty() ? "" : " (" + opened.statusMessage + ")"));
        }
    }

    static void issuer(SamlSettings connection, SamlToolkit.Opened opened) {
        if (opened.responseIssuer != null && !opened.responseIssuer.equals(connection.idpEntityId())) {
            throw new SamlCheckFailed("Issuer mismatch: expected " + connection.idpEntityId() + ", got "
                    + opened.responseIssuer + " (Response)");
        }
        if (!connection.idpEntityId().equals(opened.assertionIssuer)) {
            throw new SamlCheckFailed("Issuer mismatch: expected " + connection.idpEntityId() + ", got "
                    + opened.assertionIssuer + " (Assertion)");
        }
    }

    /** At least one AudienceRestriction, and each names the SP entity id exactly. */
    static void audience(SamlSettings connection, SamlToolkit.Opened opened) {
        if (opened.audienceRestrictions.isEmpty()) {
            throw new SamlCheckFailed("Audience mismatch: expected " + connection.spEntityId()
                    + ", got no AudienceRestriction");
        }
        for (List<String> audiences : opened.audienceRestrictions) {
            if (!audiences.contains(connection.spEntityId())) {
                throw new SamlCheckFailed("Audience mismatch: expected " + connection.spEntityId() + ", got "
                        + String.join(", ", audiences));
            }
        }
    }

    /** When present, the Response's Destination is the configured ACS URL (not the URL the request came to). */
    static void destination(SamlSettings connection, SamlToolkit.Opened opened) {
        if (opened.destination != null && !opened.destination.equals(connection.acsUrl())) {
            throw new SamlCheckFailed("Destination mismatch: expected " + connection.acsUrl() + ", got "
                    + opened.destination);
        }
    }

    /** A bearer SubjectConfirmationData whose Recipient is the configured ACS URL; the one used from here on. */
    static SamlToolkit.Confirmation recipient(SamlSettings connection, SamlToolkit.Opened opened) {
        if (opened.confirmations.isEmpty()) {
            throw new SamlCheckFailed("Recipient mismatch: expected " + connection.acsUrl()
                    + ", got no bearer SubjectConfirmationData");
        }
        return opened.confirmations.stream().filter(c -> connection.acsUrl().equals(c.recipient())).findFirst()
                .orElseThrow(() -> new SamlCheckFailed("Recipient mismatch: expected " + connection.acsUrl() + ", got "
                        + opened.confirmations.get(0).recipient()));
    }

    /**
     * Conditions NotBefore / NotOnOrAfter and the bearer confirmation's NotOnOrAfter (required), each with the clock
     * skew; the time until which the assertion id must be remembered.
     */
    Instant timeWindow(SamlToolkit.Opened opened, SamlToolkit.Confirmation bearer, Instant now) {
        Instant keepUntil = now;
        if (opened.notBefore != null) {
            Instant notBefore = time(opened.notBefore, "Conditions NotBefore");
            if (notBefore.isAfter(now.plus(skew))) {
                throw new SamlCheckFailed("Assertion not yet valid: Conditions NotBefore is " + notBefore + ", now is "
                        + now + " (clock skew allowed: " + skew.toSeconds() + " s)");
            }
        }
        if (opened.notOnOrAfter != null) {
            Instant notOnOrAfter = time(opened.notOnOrAfter, "Conditions NotOnOrAfter");
            if (!now.isBefore(notOnOrAfter.plus(skew))) {
                throw new SamlCheckFailed("Assertion expired: Conditions NotOnOrAfter is " + notOnOrAfter + ", now is "
                        + now + " (clock skew allowed: " + skew.toSeconds() + " s)");
            }
            keepUntil = notOnOrAfter;
        }
        if (bearer.notOnOrAfter() == null) {
            throw new SamlCheckFailed("The bearer SubjectConfirmationData has no NotOnOrAfter");
        }
        Instant confirmationEnd = time(bearer.notOnOrAfter(), "SubjectConfirmationData NotOnOrAfter");
        if (!now.isBefore(confirmationEnd.plus(skew))) {
            throw new SamlCheckFailed("Assertion expired: SubjectConfirmationData NotOnOrAfter is " + confirmationEnd
                    + ", now is " + now + " (clock skew allowed: " + skew.toSeconds() + " s)");
        }
        if (bearer.notBefore() != null) {
            Instant notBefore = time(bearer.notBefore(), "SubjectConfirmationData NotBefore");
            if (notBefore.isAfter(now.plus(skew))) {
                throw new SamlCheckFailed("Assertion not yet valid: SubjectConfirmationData NotBefore is " + notBefore
                        + ", now is " + now + " (clock skew allowed: " + skew.toSeconds() + " s)");
            }
        }
        if (confirmationEnd.isAfter(keepUntil)) {
            keepUntil = confirmationEnd;
        }
        return keepUntil.plus(skew);
    }

    /**
     * SP-initiated: the Response's InResponseTo (and the bearer confirmation's, when given) is the stored AuthnRequest
     * id. IdP-initiated: no InResponseTo at all.
     */
    static void inResponseTo(SamlToolkit.Opened opened, SamlToolkit.Confirmation bearer, String expected) {
        if (expected == null) {
            if (opened.inResponseTo != null || bearer.inResponseTo() != null) {
                throw new SamlCheckFailed("InResponseTo mismatch: the response answers the AuthnRequest "
                        + (opened.inResponseTo != null ? opened.inResponseTo : bearer.inResponseTo())
                        + ", which is not pending (unknown, expired or already used)");
            }
            return;
        }
        if (!expected.equals(opened.inResponseTo)) {
            throw new SamlCheckFailed("InResponseTo mismatch: expected " + expected + ", got " + opened.inResponseTo);
        }
        if (bearer.inResponseTo() != null && !expected.equals(bearer.inResponseTo())) {
            throw new SamlCheckFailed("InResponseTo mismatch: expected " + expected + ", got " + bearer.inResponseTo()
                    + " (SubjectConfirmationData)");
        }
    }

    /** The response matches the SAML 2.0 protocol schema (the toolkit's schema, compiled once). */
    void schema(SamlToolkit.Opened opened) {
        if (!toolkit.matchesSchema(opened)) {
            throw new SamlCheckFailed("The SAML response does not match the SAML 2.0 protocol schema "
                    + "(saml-schema-protocol-2.0.xsd)");
        }
    }

    /** SAML 2.0 on the Response and the Assertion, and a Response ID. */
    static void version(SamlToolkit.Opened opened) {
        if (!"2.0".equals(opened.responseVersion)) {
            throw new SamlCheckFailed("Unsupported SAML version on the Response: " + opened.responseVersion
                    + " (only 2.0 is accepted)");
        }
        if (!"2.0".equals(opened.assertionVersion)) {
            throw new SamlCheckFailed("Unsupported SAML version on the Assertion: " + opened.assertionVersion
                    + " (only 2.0 is accepted)");
        }
        if (opened.responseId == null || opened.responseId.isBlank()) {
            throw new SamlCheckFailed("The Response has no ID");
        }
    }

    /**
     * One AuthnStatement in the assertion, and no EncryptedAttribute (not supported). (A second Conditions is the
     * schema's to refuse, a missing one the audience check's.)
     */
    static void statements(SamlToolkit.Opened opened) {
        if (opened.authnStatementCount != 1) {
            throw new SamlCheckFailed("The Assertion must hold exactly one AuthnStatement; it holds "
                    + opened.authnStatementCount);
        }
        if (opened.encryptedAttributeCount > 0) {
            throw new SamlCheckFailed("The Assertion holds an EncryptedAttribute, which is not supported: encrypt the "
                    + "whole assertion instead");
        }
    }

    /** The AuthnStatement's SessionNotOnOrAfter, when given, has not passed (with the clock skew). */
    void session(SamlToolkit.Opened opened, Instant now) {
        if (opened.sessionNotOnOrAfter == null) {
            return;
        }
        Instant end = time(opened.sessionNotOnOrAfter, "AuthnStatement SessionNotOnOrAfter");
        if (!now.isBefore(end.plus(skew))) {
            throw new SamlCheckFailed("Session expired: AuthnStatement SessionNotOnOrAfter is " + end + ", now is "
                    + now + " (clock skew allowed: " + skew.toSeconds() + " s)");
        }
    }

    private static Instant time(String value, String what) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new SamlCheckFailed(what + " is not a UTC dateTime: " + value);
        }
    }

    private static String statusOf(Element root) {
        for (var node = root.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element status && SAMLP.equals(status.getNamespaceURI())
                    && "Status".equals(status.getLocalName())) {
                var codes = status.getElementsByTagNameNS(SAMLP, "StatusCode");
                return codes.getLength() == 0 ? null : ((Element) codes.item(0)).getAttribute("Value");
            }
        }
        return null;
    }
}
