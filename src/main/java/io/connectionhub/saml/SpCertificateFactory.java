package io.connectionhub.saml;

import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import io.connectionhub.common.MissingConfiguration;

/**
 * Makes the self-signed certificate a SAML connection signs its requests with. Keys come from the JDK providers
 * and BouncyCastle only builds the certificate, so no provider is registered JVM-wide.
 */
@ApplicationScoped
public class SpCertificateFactory {

    /** X.520 upper bound for a common name. */
    static final int MAX_COMMON_NAME = 64;
    // Backdated a little so that an IdP whose clock runs behind does not see a certificate from the future.
    static final Duration BACKDATE = Duration.ofMinutes(5);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SpKeyType keyType;
    private final Duration validity;

    @Inject
    public SpCertificateFactory(SamlConfig config) {
        this(config.spKeyType(), config.spCertificateValidity());
    }

    public SpCertificateFactory(SpKeyType keyType, Duration validity) {
        if (validity.isNegative() || validity.isZero()) {
            throw new MissingConfiguration("connectionhub.saml.sp-certificate-validity must be positive, not " + validity);
        }
        this.keyType = keyType;
        this.validity = validity;
    }

    /** A new key pair and a certificate for it with subject and issuer {@code CN=<commonName>}. */
    public SpCertificate create(String commonName) {
        if (commonName == null || commonName.isBlank() || commonName.length() > MAX_COMMON_NAME) {
            throw new IllegalArgumentException("A common name of 1 to " + MAX_COMMON_NAME + " characters is needed, not "
                    + commonName);
        }
        KeyPair keys = generateKeyPair();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serialNumber(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), subject, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage()))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(keyType.signatureAlgorithm()).build(keys.getPrivate())));
            return new SpCertificate(X509Certificates.of(certificate), keys.getPrivate().getEncoded());
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("Could not make an SP certificate", e);
        }
    }

    /**
     * The common name for the connection whose SP entity id is {@code entityId}: its host and the connection's
     * token (the last path segment), cut to 64 characters, e.g. {@code hub.example.com/sp_4f2a...}.
     */
    public static String commonNameFor(String entityId) {
        URI uri = URI.create(entityId);
        String path = uri.getPath() == null ? "" : uri.getPath();
        String token = path.substring(path.lastIndexOf('/') + 1);
        String host = uri.getHost() == null ? "connection-hub" : uri.getHost();
        String name = token.isEmpty() ? host : host + "/" + token;
        return name.length() <= MAX_COMMON_NAME ? name : name.substring(0, MAX_COMMON_NAME);
    }

    public SpKeyType keyType() {
        return keyType;
    }

    public Duration validity() {
        return validity;
    }

    private KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(keyType.keyAlgorithm());
            switch (keyType) {
                case RSA -> generator.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), RANDOM);
                case EC -> generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK cannot generate " + keyType + " keys", e);
        }
    }

    private int keyUsage() {
        // RSA keys may also receive encrypted assertions; EC keys only sign.
        return keyType == SpKeyType.RSA ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment : KeyUsage.digitalSignature;
    }

    /** Positive, at most 20 octets once DER-encoded (RFC 5280, 4.1.2.2), and unguessable. */
    private static BigInteger serialNumber() {
        return new BigInteger(158, RANDOM).add(BigInteger.ONE);
    }
}
