package io.connectionhub.saml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.connectionhub.common.MissingConfiguration;
import io.connectionhub.support.ConfigMappings;

class SpCertificateFactoryTest {

    @Test
    void defaultsAreRsaForTenYears() {
        SamlConfig config = ConfigMappings.of(SamlConfig.class, Map.of());

        assertEquals(SpKeyType.RSA, config.spKeyType());
        assertEquals(Duration.ofDays(3650), config.spCertificateValidity());
    }

    @Test
    void keyTypeAndValidityAreConfigurable() {
        SamlConfig config = ConfigMappings.of(SamlConfig.class,
                Map.of("connectionhub.saml.sp-key-type", "EC", "connectionhub.saml.sp-certificate-validity", "30d"));
        SpCertificateFactory factory = new SpCertificateFactory(config);

        assertEquals(SpKeyType.EC, factory.keyType());
        assertEquals(Duration.ofDays(30), factory.validity());
        assertTrue(factory.create("hub.example.test/abc").certificate().certificate().getPublicKey() instanceof ECPublicKey);
    }

    @Test
    void rsaCertificateIsSelfSignedRsa2048WithSha256() throws Exception {
        Instant before = Instant.now();
        SpCertificate sp = new SpCertificateFactory(SpKeyType.RSA, Duration.ofDays(3650)).create("hub.example.test/sp_4f2a");
        X509Certificate certificate = sp.certificate().certificate();

        assertEquals("CN=hub.example.test/sp_4f2a", certificate.getSubjectX500Principal().getName());
        assertEquals(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal());
        certificate.verify(certificate.getPublicKey());
        assertEquals("SHA256withRSA", certificate.getSigAlgName());
        assertEquals(2048, ((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength());
        assertEquals(3, certificate.getVersion());
        assertEquals(-1, certificate.getBasicConstraints());
        assertTrue(certificate.getKeyUsage()[0], "digitalSignature");
        assertValidity(sp.certificate(), before, Duration.ofDays(3650));
        assertKeyMatchesCertificate(sp, "RSA", "SHA256withRSA");
    }

    @Test
    void ecCertificateIsSelfSignedP256WithSha256() throws Exception {
        Instant before = Instant.now();
        SpCertificate sp = new SpCertificateFactory(SpKeyType.EC, Duration.ofDays(365)).create("hub.example.test/sp_9c1b");
        X509Certificate certificate = sp.certificate().certificate();

        certificate.verify(certificate.getPublicKey());
        assertEquals("SHA256withECDSA", certificate.getSigAlgName());
        assertEquals(256, ((ECPublicKey) certificate.getPublicKey()).getParams().getCurve().getField().getFieldSize());
        assertValidity(sp.certificate(), before, Duration.ofDays(365));
        assertKeyMatchesCertificate(sp, "EC", "SHA256withECDSA");
    }

    @Test
    void serialNumbersArePositiveRandomAndFitTwentyOctets() {
        SpCertificateFactory factory = new SpCertificateFactory(SpKeyType.EC, Duration.ofDays(1));
        BigInteger first = factory.create("a").certificate().certificate().getSerialNumber();
        BigInteger second = factory.create("a").certificate().certificate().getSerialNumber();

        for (BigInteger serial : new BigInteger[] { first, second }) {
            assertEquals(1, serial.signum());
            assertTrue(serial.toByteArray().length <= 20);
        }
        assertNotEquals(first, second);
    }

    @ParameterizedTest
    @EnumSource(SpKeyType.class)
    void theKeyOfOneCertificateDoesNotVerifyAnother(SpKeyType type) throws Exception {
        SpCertificateFactory factory = new SpCertificateFactory(type, Duration.ofDays(1));
        SpCertificate one = factory.create("one");
        SpCertificate other = factory.create("other");

        Signature signer = Signature.getInstance(type.signatureAlgorithm());
        signer.initSign(one.privateKey());
        signer.update("AuthnRequest".getBytes(StandardCharsets.UTF_8));
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(type.signatureAlgorithm());
        verifier.initVerify(other.certificate().certificate());
        verifier.update("AuthnRequest".getBytes(StandardCharsets.UTF_8));
        assertFalse(verifier.verify(signature));
    }

    @Test
    void commonNameIsTheEntityIdHostAndToken() {
        assertEquals("hub.example.com/sp_4f2a", SpCertificateFactory.commonNameFor("https://hub.example.com/saml/sp/sp_4f2a"));
        String longToken = "t".repeat(80);
        String cut = SpCertificateFactory.commonNameFor("https://hub.example.com/saml/sp/" + longToken);
        assertEquals(64, cut.length());
        assertTrue(cut.startsWith("hub.example.com/ttt"));
    }

    @Test
    void commonNameWithX500SpecialCharactersIsEscapedNotInterpreted() {
        SpCertificate sp = new SpCertificateFactory(SpKeyType.EC, Duration.ofDays(1)).create("a,O=Evil+CN=b");
        assertEquals("CN=a\\,O\\=Evil\\+CN\\=b", sp.certificate().certificate().getSubjectX500Principal().getName());
    }

    @Test
    void nonPositiveValidityAndBadCommonNamesAreRefused() {
        MissingConfiguration refused = assertThrows(MissingConfiguration.class,
                () -> new SpCertificateFactory(SpKeyType.RSA, Duration.ZERO));
        assertEquals("connectionhub.saml.sp-certificate-validity must be positive, not PT0S", refused.getMessage());

        SpCertificateFactory factory = new SpCertificateFactory(SpKeyType.EC, Duration.ofDays(1));
        assertThrows(IllegalArgumentException.class, () -> factory.create(" "));
        assertThrows(IllegalArgumentException.class, () -> factory.create("x".repeat(65)));
    }

    @Test
    void theRecordNeverPrintsOrSharesItsKey() {
        SpCertificate sp = new SpCertificateFactory(SpKeyType.EC, Duration.ofDays(1)).create("a");
        assertFalse(sp.toString().contains("privateKey"));
        byte[] copy = sp.privateKeyPkcs8();
        copy[0] ^= 1;
        assertNotEquals(copy[0], sp.privateKeyPkcs8()[0]);
    }

    private static void assertValidity(ParsedCertificate certificate, Instant before, Duration validity) {
        Instant after = Instant.now();
        assertTrue(!certificate.notBefore().isAfter(before), "valid from before its creation");
        assertTrue(certificate.notBefore().isAfter(before.minus(Duration.ofMinutes(6))), "backdated by minutes only");
        assertTrue(!certificate.notAfter().isBefore(before.plus(validity).minusSeconds(1)));
        assertTrue(!certificate.notAfter().isAfter(after.plus(validity)));
        assertFalse(certificate.expiredAt(after));
    }

    /** Decodes the PKCS#8 bytes as the caller will after decrypting them, and signs with them. */
    private static void assertKeyMatchesCertificate(SpCertificate sp, String keyAlgorithm, String signatureAlgorithm)
            throws Exception {
        PrivateKey key = KeyFactory.getInstance(keyAlgorithm).generatePrivate(new PKCS8EncodedKeySpec(sp.privateKeyPkcs8()));
        assertArrayEquals(key.getEncoded(), sp.privateKey().getEncoded());
        byte[] message = "<samlp:AuthnRequest ID=\"_1\"/>".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance(signatureAlgorithm);
        signer.initSign(key);
        signer.update(message);
        byte[] signature = signer.sign();

        Signature verifier = Signature.getInstance(signatureAlgorithm);
        verifier.initVerify(X509Certificates.parse(sp.certificatePem()).certificate());
        verifier.update(message);
        assertTrue(verifier.verify(signature));
    }
}
