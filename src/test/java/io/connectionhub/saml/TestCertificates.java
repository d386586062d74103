package io.connectionhub.saml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates for tests: fixtures made with openssl, and certificates with chosen dates. */
public final class TestCertificates {

    /** {@code idp-signing.pem}, made by openssl; its fingerprints and dates as openssl printed them. */
    static final String IDP_SIGNING_SHA1 = "0a2bf657ff5bf940377390766b1ff49db8463202";
    static final String IDP_SIGNING_SHA256 = "fb0b9540c6035ad575343fd48af5df987435d137d7be8bfa7b8dfb3ddfb278da";
    public static final Instant IDP_SIGNING_NOT_BEFORE = Instant.parse("2026-11-23T20:59:22Z");
    public static final Instant IDP_SIGNING_NOT_AFTER = Instant.parse("2126-10-30T20:59:22Z");
    static final String IDP_ROLLOVER_SHA1 = "e78d6be38507926dda4f5cc42233a1dceb25f574";

    private TestCertificates() {
    }

    public static String resource(String name) {
        try (InputStream in = TestCertificates.class.getResourceAsStream("/saml/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource /saml/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base64 DER between the PEM lines, on one line. */
    static String base64Body(String pem) {
        return pem.replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", "")
                .replaceAll("\\s", "");
    }

    /** A PEM certificate for TLS on {@code dnsName} (subjectAltName) and its PKCS#8 PEM key. */
    record TlsIdentity(String certificatePem, String keyPem) {
    }

    static TlsIdentity tlsIdentity(String dnsName) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + dnsName);
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(7),
                    Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(86400)), name, keys.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
            String key = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            return new TlsIdentity(X509Certificates.of(certificate).pem(), key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An EC certificate valid from {@code notBefore} to {@code notAfter}, e.g. one long expired. */
    public static X509Certificate selfSigned(String commonName, Instant notBefore, Instant notAfter) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + commonName);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(42),
                    Date.from(notBefore), Date.from(notAfter), name, keys.getPublic());
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
