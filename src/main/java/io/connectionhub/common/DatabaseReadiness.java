package io.connectionhub.common;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Ready when the reactive pool, which serves every request, can run a query within
 * {@code connectionhub.health.database-timeout}. Quarkus's own datasource checks are off: the JDBC one looked at the
 * datasource only Flyway uses, and the reactive one waits up to 20 s.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements AsyncHealthCheck {

    static final String NAME = "PostgreSQL (reactive pool)";

    private final Pool pool;
    private final Duration timeout;

    public DatabaseReadiness(Pool pool,
            @ConfigProperty(name = "connectionhub.health.database-timeout", defaultValue = "2s") Duration timeout) {
        this.pool = pool;
        this.timeout = timeout;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return pool.withConnection(connection -> connection.query("SELECT 1").execute())
                .ifNoItem().after(timeout).fail()
                .map(ignored -> HealthCheckResponse.up(NAME))
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).down()
                        .withData("error", String.valueOf(failure.getMessage())).build());
    }
}
