package io.connectionhub.saml;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads certificates as clients paste them: PEM (headers optional, any line breaks), base64 DER, or base64 of a
 * whole PEM file (the form Auth0's export tooling writes {@code signingCert} in).
 */
public final class X509Certificates {

    static final String NOT_A_CERTIFICATE = "not a PEM or base64 DER X.509 certificate";

    private static final Pattern PEM_BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----",
            Pattern.DOTALL);
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    // JSON-escaped line breaks left in by hand-made request bodies ("MIIC...\nMIIB...").
    private static final Pattern ESCAPED_NEWLINES = Pattern.compile("\\\\[rn]");
    private static final int LINE = 64;

    private X509Certificates() {
    }

    /** Parses exactly one certificate; anything else is an {@link InvalidCertificate} naming what is wrong. */
    public static ParsedCertificate parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidCertificate("no certificate given");
        }
        String trimmed = ESCAPED_NEWLINES.matcher(text.trim()).replaceAll("\n");
        if (trimmed.contains("-----BEGIN") || trimmed.contains("-----END")) {
            return fromDer(pemBody(trimmed));
        }
        byte[] decoded = base64(trimmed);
        String asText = new String(decoded, StandardCharsets.US_ASCII);
        if (asText.trim().startsWith("-----BEGIN")) {
            return fromDer(pemBody(asText.trim()));
        }
        return fromDer(decoded);
    }

    /** Parses DER bytes, as found in {@code ds:X509Certificate} once base64-decoded. */
    public static ParsedCertificate fromDer(byte[] der) {
        X509Certificate certificate;
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            certificate = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw new InvalidCertificate(NOT_A_CERTIFICATE + ": the data does not decode as an X.509 certificate");
        }
        byte[] encoded = encoded(certificate);
        // The JDK parser stops after the first certificate; bytes after it mean a chain or garbage, not one cert.
        if (encoded.length != der.length) {
            throw new InvalidCertificate(NOT_A_CERTIFICATE + ": unexpected data after the certificate");
        }
        return new ParsedCertificate(certificate, pem(encoded), certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(), hex("SHA-1", encoded), hex("SHA-256", encoded));
    }

    public static ParsedCertificate of(X509Certificate certificate) {
        return fromDer(encoded(certificate));
    }

    /** {@code -----BEGIN CERTIFICATE-----}, base64 DER in 64-character lines, footer, trailing newline. */
    public static String pem(byte[] der) {
        String base64 = Base64.getEncoder().encodeToString(der);
        StringBuilder pem = new StringBuilder(base64.length() + base64.length() / LINE + 64)
                .append("-----BEGIN CERTIFICATE-----\n");
        for (int i = 0; i < base64.length(); i += LINE) {
            pem.append(base64, i, Math.min(base64.length(), i + LINE)).append('\n');
        }
        return pem.append("-----END CERTIFICATE-----\n").toString();
    }

    private static byte[] pemBody(String text) {
        Matcher block = PEM_BLOCK.matcher(text);
        if (!block.find()) {
            throw new InvalidCertificate(NOT_A_CERTIFICATE + ": the PEM BEGIN and END lines do not match");
        }
        String type = block.group(1);
        if (!type.equals("CERTIFICATE") && !type.equals("X509 CERTIFICATE")) {
            throw new InvalidCertificate(NOT_A_CERTIFICATE + ": the PEM block is " + type + ", not CERTIFICATE");
        }
        String body = block.group(2);
        if (block.find()) {
            throw new InvalidCertificate("more than one PEM block: give exactly one certificate");
        }
        return base64(body);
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(WHITESPACE.matcher(text).replaceAll(""));
        } catch (IllegalArgumentException e) {
            throw new InvalidCertificate(NOT_A_CERTIFICATE + ": the content is not valid base64");
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateException e) {
            throw new InvalidCertificate(NOT_A_CERTIFICATE + ": the certificate cannot be encoded");
        }
    }

    private static String hex(String algorithm, byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
