package io.connectionhub.devdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where dev mode's cluster lives: {@code <dev dir>/postgres/data}. When PostgreSQL runs as {@code nobody}
 * and cannot reach the project (a checkout under root's private home, say), the cluster is kept under
 * {@code /var/tmp} and {@code <dev dir>/postgres} links to it, so that deleting the dev directory is still
 * the one command that wipes everything.
 */
final class DevClusterLocation {

    private DevClusterLocation() {
    }

    static Path resolve(Path devRoot) throws IOException {
        Path link = devRoot.resolve("postgres");
        OsUser user = OsUser.unprivilegedIfRoot();
        if (user.canReach(link.resolve("data"))) {
            Files.createDirectories(link);
            return link.resolve("data");
        }
        Path outside = Path.of("/var/tmp", "connectionhub-devdb-" + hash(devRoot.toAbsolutePath().toString()));
        if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            // The dev directory was wiped: what is left outside belongs to that wiped state.
            EmbeddedPostgres.deleteTree(outside);
            Files.createDirectories(outside);
            Files.createSymbolicLink(link, outside);
        }
        return outside.resolve("data");
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
