package io.connectionhub.devdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkus.runtime.LaunchMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Fills what dev mode and tests need and nobody configured: an embedded PostgreSQL, a token-signing key,
 * an encryption key and an admin token. Dev mode keeps them in {@code .devdb/} between runs; tests make
 * fresh ones per JVM. In a packaged application (launch mode NORMAL, the {@code prod} profile) this adds
 * nothing, so production never starts an embedded database or runs on a generated key.
 *
 * <p>The ordinal is below {@code application.properties}, so anything a user configures wins.
 */
public class DevDefaultsConfigSourceFactory implements ConfigSourceFactory {

    static final int ORDINAL = 200;
    private static final String JVM_KEYS = "connectionhub.embedded-postgres.test-keys.";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        LaunchMode mode = LaunchMode.current();
        if (mode == LaunchMode.NORMAL || mode == null) {
            return List.of();
        }
        Map<String, String> values = new HashMap<>();
        boolean dev = mode == LaunchMode.DEVELOPMENT;
        DevData devData = dev ? DevData.at(Path.of(valueOr(context, "connectionhub.devdb.dir", ".devdb"))) : null;

        if (!isSet(context, "quarkus.datasource.reactive.url") && !isSet(context, "quarkus.datasource.jdbc.url")) {
            EmbeddedPostgres.Server server = dev
                    ? EmbeddedPostgres.persistent(devData.pgData(), devData.file("pg-password"))
                    : EmbeddedPostgres.throwaway();
            values.put("quarkus.datasource.reactive.url", server.reactiveUrl());
            values.put("quarkus.datasource.jdbc.url", server.jdbcUrl());
            values.put("quarkus.datasource.username", server.username());
            values.put("quarkus.datasource.password", server.password());
        }
        if (!isSet(context, "connectionhub.jwt.signing-key")) {
            values.put("connectionhub.jwt.signing-key", dev
                    ? devData.fileWith("jwt-signing-key.pem", DevDefaultsConfigSourceFactory::newSigningKeyPem).toString()
                    : perJvm("signing-key", DevDefaultsConfigSourceFactory::newSigningKeyPem));
        }
        if (!isSet(context, "connectionhub.encryption-key")) {
            values.put("connectionhub.encryption-key", dev
                    ? devData.read("encryption-key", DevDefaultsConfigSourceFactory::newEncryptionKey)
                    : perJvm("encryption-key", DevDefaultsConfigSourceFactory::newEncryptionKey));
        }
        if (dev && !isSet(context, "connectionhub.admin.token")) {
            values.put("connectionhub.admin.token", devData.read("admin-token", DevDefaultsConfigSourceFactory::newAdminToken));
        }
        if (dev) {
            values.put("connectionhub.devdb.resolved-dir", devData.root().toAbsolutePath().toString());
        }
        return List.of(new MapBackedConfigSource("connectionhub-dev-defaults", values, ORDINAL) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static boolean isSet(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }

    private static String valueOr(ConfigSourceContext context, String name, String fallback) {
        return isSet(context, name) ? context.getValue(name).getValue() : fallback;
    }

    /** The signing key tests of this JVM run with (also handed to a packaged application under test). */
    public static String testSigningKey() {
        return perJvm("signing-key", DevDefaultsConfigSourceFactory::newSigningKeyPem);
    }

    /** The encryption key tests of this JVM run with. */
    public static String testEncryptionKey() {
        return perJvm("encryption-key", DevDefaultsConfigSourceFactory::newEncryptionKey);
    }

    /** One value per JVM, so that every test application of a run shares keys (tokens stay valid). */
    private static synchronized String perJvm(String name, Supplier<String> generator) {
        String key = JVM_KEYS + name;
        String value = System.getProperty(key);
        if (value == null) {
            value = generator.get();
            System.setProperty(key, value);
        }
        return value;
    }

    public static String newSigningKeyPem() {
        return GenerateKeys.newSigningKeyPem();
    }

    public static String newEncryptionKey() {
        return GenerateKeys.newEncryptionKey();
    }

    public static String newAdminToken() {
        return GenerateKeys.newAdminToken();
    }

    /** The dev-mode directory: the database cluster, its password, and generated keys and tokens. */
    record DevData(Path root) {

        static DevData at(Path root) {
            try {
                Files.createDirectories(root);
                return new DevData(root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Path file(String name) {
            return root.resolve(name);
        }

        Path pgData() {
            try {
                return DevClusterLocation.resolve(root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Path fileWith(String name, Supplier<String> generator) {
            Path file = file(name);
            try {
                if (!Files.exists(file)) {
                    EmbeddedPostgres.writePrivate(file, generator.get());
                }
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String read(String name, Supplier<String> generator) {
            try {
                return Files.readString(fileWith(name, generator)).trim();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
