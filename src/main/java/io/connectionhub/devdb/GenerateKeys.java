package io.connectionhub.devdb;

/**
 * Prints a fresh token-signing key and encryption key as shell assignments, e.g. to fill a Kubernetes Secret:
 * {@code java -cp target/classes io.connectionhub.devdb.GenerateKeys}.
 */
public final class GenerateKeys {

    private GenerateKeys() {
    }

    public static void main(String[] args) {
        System.out.println("CONNECTIONHUB_JWT_SIGNING_KEY='" + DevDefaultsConfigSourceFactory.newSigningKeyPem() + "'");
        System.out.println("CONNECTIONHUB_ENCRYPTION_KEY=" + DevDefaultsConfigSourceFactory.newEncryptionKey());
        System.out.println("CONNECTIONHUB_ADMIN_TOKEN=" + DevDefaultsConfigSourceFactory.newAdminToken());
    }
}
