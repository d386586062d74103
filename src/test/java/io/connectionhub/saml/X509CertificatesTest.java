package io.connectionhub.saml;

import static io.connectionhub.saml.TestCertificates.IDP_SIGNING_NOT_AFTER;
import static io.connectionhub.saml.TestCertificates.IDP_SIGNING_NOT_BEFORE;
import static io.connectionhub.saml.TestCertificates.IDP_SIGNING_SHA1;
import static io.connectionhub.saml.TestCertificates.IDP_SIGNING_SHA256;
import static io.connectionhub.saml.TestCertificates.base64Body;
import static io.connectionhub.saml.TestCertificates.resource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.connectionhub.common.DomainException;

class X509CertificatesTest {

    static final String PEM = resource("idp-signing.pem");
    static final String BASE64_DER = base64Body(PEM);

    @Test
    void pemGivesValidityThumbprintsAndNormalizedPem() throws Exception {
        ParsedCertificate parsed = X509Certificates.parse(PEM);

        assertEquals(IDP_SIGNING_NOT_BEFORE, parsed.notBefore());
        assertEquals(IDP_SIGNING_NOT_AFTER, parsed.notAfter());
        assertEquals(IDP_SIGNING_SHA1, parsed.sha1Thumbprint());
        assertEquals(IDP_SIGNING_SHA256, parsed.sha256Thumbprint());
        assertEquals("CN=idp-signing.example.test", parsed.certificate().getSubjectX500Principal().getName());
        // openssl writes the canonical form: 64-character lines and a trailing newline.
        assertEquals(PEM, parsed.pem());
        assertEquals(BASE64_DER, parsed.base64Der());
        assertArrayEquals(Base64.getDecoder().decode(BASE64_DER), parsed.certificate().getEncoded());
    }

    @Test
    void everyAcceptedFormGivesTheSameCertificate() {
        String oneLinePem = "-----BEGIN CERTIFICATE-----" + BASE64_DER + "-----END CERTIFICATE-----";
        String crlfIndentedPem = "  \r\n" + PEM.replace("\n", "\r\n    ") + "\r\n";
        String jsonEscapedPem = PEM.replace("\n", "\\n");
        String bodyWithoutHeaders = PEM.replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", "");
        String base64OfPemFile = Base64.getEncoder().encodeToString(PEM.getBytes(StandardCharsets.US_ASCII));
        String brokenIntoShortLines = BASE64_DER.replaceAll("(.{20})", "$1\n");
        String withTextBefore = "subject=CN=idp-signing.example.test\nissuer=CN=idp-signing.example.test\n" + PEM;

        for (String form : new String[] { oneLinePem, crlfIndentedPem, jsonEscapedPem, bodyWithoutHeaders, BASE64_DER,
                base64OfPemFile, brokenIntoShortLines, withTextBefore }) {
            ParsedCertificate parsed = X509Certificates.parse(form);
            assertEquals(IDP_SIGNING_SHA1, parsed.sha1Thumbprint(), form);
            assertEquals(PEM, parsed.pem(), form);
        }
    }

    @Test
    void pemIsCutInto64CharacterLinesWithATrailingNewline() {
        String pem = X509Certificates.parse(BASE64_DER).pem();

        String[] lines = pem.split("\n", -1);
        assertEquals("-----BEGIN CERTIFICATE-----", lines[0]);
        assertEquals("-----END CERTIFICATE-----", lines[lines.length - 2]);
        assertEquals("", lines[lines.length - 1]);
        for (int i = 1; i < lines.length - 3; i++) {
            assertEquals(64, lines[i].length(), "line " + i);
        }
        assertTrue(lines[lines.length - 3].length() <= 64);
    }

    @Test
    void expiredIsJudgedAgainstTheGivenInstantOrClock() {
        ParsedCertificate current = X509Certificates.parse(PEM);
        assertFalse(current.expiredAt(Instant.parse("2030-01-01T00:00:00Z")));
        assertFalse(current.expiredAt(IDP_SIGNING_NOT_AFTER));
        assertTrue(current.expiredAt(IDP_SIGNING_NOT_AFTER.plusSeconds(1)));
        assertTrue(current.expired(Clock.fixed(Instant.parse("2127-01-01T00:00:00Z"), ZoneOffset.UTC)));

        X509Certificate old = TestCertificates.selfSigned("old.example.test", Instant.parse("2001-01-01T00:00:00Z"),
                Instant.parse("2002-01-01T00:00:00Z"));
        ParsedCertificate expired = X509Certificates.of(old);
        assertEquals(Instant.parse("2002-01-01T00:00:00Z"), expired.notAfter());
        assertTrue(expired.expired(Clock.systemUTC()));
    }

    @Test
    void blankIsRefused() {
        assertRefused("no certificate given", " \n ");
        assertRefused("no certificate given", null);
    }

    @ParameterizedTest
    @ValueSource(strings = { "hello world!", "MIIC%%%", "-----" })
    void textThatIsNeitherPemNorBase64IsRefused(String text) {
        assertRefused("not a PEM or base64 DER X.509 certificate: the content is not valid base64", text);
    }

    @Test
    void base64ThatIsNotACertificateIsRefused() {
        assertRefused("not a PEM or base64 DER X.509 certificate: the data does not decode as an X.509 certificate",
                Base64.getEncoder().encodeToString("just some bytes".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void truncatedCertificateIsRefused() {
        assertRefused("not a PEM or base64 DER X.509 certificate: the data does not decode as an X.509 certificate",
                BASE64_DER.substring(0, 400));
    }

    @Test
    void dataAfterTheCertificateIsRefused() {
        byte[] der = Base64.getDecoder().decode(BASE64_DER);
        byte[] longer = java.util.Arrays.copyOf(der, der.length + 3);
        assertRefused("not a PEM or base64 DER X.509 certificate: unexpected data after the certificate",
                Base64.getEncoder().encodeToString(longer));
    }

    @Test
    void pemOfAnotherTypeIsRefused() {
        assertRefused("not a PEM or base64 DER X.509 certificate: the PEM block is PRIVATE KEY, not CERTIFICATE",
                "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n");
    }

    @Test
    void pemWithoutItsEndLineIsRefused() {
        assertRefused("not a PEM or base64 DER X.509 certificate: the PEM BEGIN and END lines do not match",
                PEM.replace("-----END CERTIFICATE-----", ""));
    }

    @Test
    void twoCertificatesAreRefused() {
        assertRefused("more than one PEM block: give exactly one certificate", PEM + resource("idp-rollover.pem"));
    }

    @Test
    void pemWithBrokenBase64IsRefused() {
        assertRefused("not a PEM or base64 DER X.509 certificate: the content is not valid base64",
                PEM.replace("MIID", "MI*D"));
    }

    private static void assertRefused(String message, String text) {
        InvalidCertificate refused = assertThrows(InvalidCertificate.class, () -> X509Certificates.parse(text));
        assertEquals(message, refused.getMessage());
        assertInstanceOf(DomainException.class, refused);
    }
}
