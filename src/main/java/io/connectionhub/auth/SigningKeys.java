package io.connectionhub.auth;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.connectionhub.common.MissingConfiguration;
import io.quarkus.runtime.Startup;

/**
 * The RS256 keys: the current one signs, the current and the previous one verify and are published at
 * {@code /.well-known/jwks.json}, each under its RFC 7638 thumbprint as {@code kid}. Replicas configured with
 * the same key accept each other's tokens; rotating means moving the current key to {@code previous-key}.
 */
@Startup
@ApplicationScoped
public class SigningKeys {

    /** A public key and its key id. */
    public record VerificationKey(String kid, RSAPublicKey key) {
    }

    private final RSAPrivateCrtKey signingKey;
    private final List<VerificationKey> verificationKeys;

    public SigningKeys(JwtConfig config) {
        String current = config.signingKey().filter(s -> !s.isBlank()).orElseThrow(() -> new MissingConfiguration(
                "No token-signing key configured: set CONNECTIONHUB_JWT_SIGNING_KEY (connectionhub.jwt.signing-key) "
                        + "to an RSA private key in PKCS#8 PEM, or to the path of a file holding one."));
        this.signingKey = privateKey(pem(current, "connectionhub.jwt.signing-key"));
        List<VerificationKey> keys = new ArrayList<>();
        keys.add(new VerificationKey(thumbprint(publicKeyOf(signingKey)), publicKeyOf(signingKey)));
        config.previousKey().filter(s -> !s.isBlank()).ifPresent(previous -> {
            RSAPublicKey key = anyPublicKey(pem(previous, "connectionhub.jwt.previous-key"));
            keys.add(new VerificationKey(thumbprint(key), key));
        });
        this.verificationKeys = List.copyOf(keys);
    }

    public PrivateKey signingKey() {
        return signingKey;
    }

    public String signingKeyId() {
        return verificationKeys.get(0).kid();
    }

    public List<VerificationKey> verificationKeys() {
        return verificationKeys;
    }

    /** The JWK set of the verification keys, as published and as given to the verifier. */
    public Map<String, Object> jwks() {
        List<Map<String, Object>> keys = new ArrayList<>();
        for (VerificationKey key : verificationKeys) {
            keys.add(Map.of("kty", "RSA", "use", "sig", "alg", "RS256", "kid", key.kid(),
                    "n", base64Url(key.key().getModulus()), "e", base64Url(key.key().getPublicExponent())));
        }
        return Map.of("keys", keys);
    }

    /** The configuration value itself when it is PEM text, else the file it names. */
    private static String pem(String value, String property) {
        if (value.contains("-----BEGIN")) {
            return value;
        }
        try {
            return Files.readString(Path.of(value.trim()), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new MissingConfiguration(property + " is neither a PEM key nor a readable file: " + value.trim());
        }
    }

    private static RSAPrivateCrtKey privateKey(String pem) {
        try {
            byte[] der = der(pem, "PRIVATE KEY");
            return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
            throw new MissingConfiguration("connectionhub.jwt.signing-key is not an RSA private key in PKCS#8 PEM "
                    + "(-----BEGIN PRIVATE KEY-----).");
        }
    }

    private static RSAPublicKey anyPublicKey(String pem) {
        try {
            if (pem.contains("BEGIN PUBLIC KEY")) {
                return (RSAPublicKey) KeyFactory.getInstance("RSA")
                        .generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY")));
            }
            return publicKeyOf(privateKey(pem));
        } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
            throw new MissingConfiguration("connectionhub.jwt.previous-key is not an RSA key in PEM.");
        }
    }

    private static byte[] der(String pem, String label) {
        int begin = pem.indexOf("-----BEGIN " + label + "-----");
        int end = pem.indexOf("-----END " + label + "-----");
        if (begin < 0 || end < 0) {
            throw new IllegalArgumentException("no " + label + " block");
        }
        String body = pem.substring(begin + label.length() + 16, end).replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static RSAPublicKey publicKeyOf(RSAPrivateCrtKey key) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 7638 JWK thumbprint: SHA-256 over the required members in lexicographic order. */
    private static String thumbprint(RSAPublicKey key) {
        String canonical = "{\"e\":\"" + base64Url(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
                + base64Url(key.getModulus()) + "\"}";
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Unsigned big-endian bytes, base64url without padding, as JWK wants them. */
    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            byte[] unsigned = new byte[bytes.length - 1];
            System.arraycopy(bytes, 1, unsigned, 0, unsigned.length);
            bytes = unsigned;
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
