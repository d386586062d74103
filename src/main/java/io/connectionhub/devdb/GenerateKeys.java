package io.connectionhub.devdb;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Prints a fresh token-signing key, encryption key and admin token as shell assignments, e.g. for {@code keys.env}
 * or a Kubernetes Secret. It needs nothing but the JDK, so the packaged application's own jar runs it:
 * {@code java -cp target/quarkus-app/app/connection-hub-1.0.0-SNAPSHOT.jar io.connectionhub.devdb.GenerateKeys}.
 */
public final class GenerateKeys {

    private GenerateKeys() {
    }

    public static void main(String[] args) {
        System.out.println("CONNECTIONHUB_JWT_SIGNING_KEY='" + newSigningKeyPem() + "'");
        System.out.println("CONNECTIONHUB_ENCRYPTION_KEY=" + newEncryptionKey());
        System.out.println("CONNECTIONHUB_ADMIN_TOKEN=" + newAdminToken());
    }

    /** A 2048-bit RSA private key, PKCS#8 PEM. */
    public static String newSigningKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 32 random bytes, base64. */
    public static String newEncryptionKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public static String newAdminToken() {
        byte[] token = new byte[24];
        new SecureRandom().nextBytes(token);
        return "adm_" + HexFormat.of().formatHex(token);
    }
}
