package io.connectionhub.support;

import java.util.Map;

import io.connectionhub.devdb.DevDefaultsConfigSourceFactory;
import io.connectionhub.devdb.EmbeddedPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Hands the packaged application under test ({@code *IT}) what @QuarkusTest gets from the dev-defaults config
 * source: the throwaway PostgreSQL of this test JVM, its keys and the test admin token. The server stops when
 * the JVM exits (shutdown hook and watchdog).
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        EmbeddedPostgres.Server server = EmbeddedPostgres.throwaway();
        return Map.of(
                "quarkus.datasource.reactive.url", server.reactiveUrl(),
                "quarkus.datasource.jdbc.url", server.jdbcUrl(),
                "quarkus.datasource.username", server.username(),
                "quarkus.datasource.password", server.password(),
                "connectionhub.jwt.signing-key", DevDefaultsConfigSourceFactory.testSigningKey(),
                "connectionhub.encryption-key", DevDefaultsConfigSourceFactory.testEncryptionKey(),
                "connectionhub.admin.token", TestTenant.ADMIN_TOKEN);
    }

    @Override
    public void stop() {
        // The server belongs to the JVM, shared by every test application of the run.
    }
}
