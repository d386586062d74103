package io.connectionhub.common;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.spi.PgDriver;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * The reactive pool, as Quarkus configures it plus an explicit acquisition timeout
 * ({@code connectionhub.datasource.acquisition-timeout}; Quarkus has no key for it with PostgreSQL, and the client's
 * default is 30 s): no request waits longer than that for a connection, nor for a TCP connect to the database.
 *
 * <p>It also works around a bug of the SQL client (eclipse-vertx/vertx-sql-client#1706, in 4.5.23 and every later
 * 4.5 release so far): a query run on the pool itself ({@code pool.query}, {@code pool.preparedQuery}) arms a timer
 * for the acquisition timeout and does not cancel it when acquiring a connection fails (connection refused while
 * the database restarts). The query's caller gets the real failure at once; when the timer fires it fails the same,
 * already completed promise, which throws {@code IllegalStateException: Result is already complete} into Vert.x's
 * exception handler: about one ERROR per query that failed during an outage. Nothing is lost or answered twice, so
 * exactly that exception (thrown by {@code SqlConnectionPool.execute}'s timer) is logged at DEBUG instead; every
 * other uncaught exception still reaches Quarkus's handler. Drop this once the client cancels that timer.
 */
@Singleton
public class DatabasePool implements PgPoolCreator {

    private final Duration acquisitionTimeout;

    public DatabasePool(@ConfigProperty(name = "connectionhub.datasource.acquisition-timeout", defaultValue = "5s")
            Duration acquisitionTimeout) {
        this.acquisitionTimeout = acquisitionTimeout;
    }

    @Override
    public Pool create(Input input) {
        int millis = (int) acquisitionTimeout.toMillis();
        PoolOptions options = new PoolOptions(input.poolOptions())
                .setConnectionTimeout(millis).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        List<PgConnectOptions> databases = input.pgConnectOptionsList().stream()
                .map(database -> new PgConnectOptions(database).setConnectTimeout(millis))
                .toList();
        return PgDriver.INSTANCE.createPool(input.vertx(), databases, options);
    }

    void ignoreLatePoolTimers(@Observes StartupEvent event, Vertx vertx) {
        Handler<Throwable> quarkus = vertx.exceptionHandler();
        vertx.exceptionHandler(failure -> {
            if (isLatePoolTimer(failure)) {
                Log.debugf("Ignored the late acquisition timer of a pool query that had already failed "
                        + "(vertx-sql-client#1706)");
            } else if (quarkus != null) {
                quarkus.handle(failure);
            } else {
                Log.error("Uncaught exception received by Vert.x", failure);
            }
        });
    }

    static boolean isLatePoolTimer(Throwable failure) {
        if (!(failure instanceof IllegalStateException) || !"Result is already complete".equals(failure.getMessage())) {
            return false;
        }
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (frame.getClassName().equals("io.vertx.sqlclient.impl.pool.SqlConnectionPool")
                    && frame.getMethodName().startsWith("lambda$execute")) {
                return true;
            }
        }
        return false;
    }
}
