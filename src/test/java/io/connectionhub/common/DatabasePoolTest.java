package io.connectionhub.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * The SQL client's late acquisition timer (eclipse-vertx/vertx-sql-client#1706), reproduced with the real client
 * against a port nobody listens on, and the failures that mean "database unavailable".
 */
class DatabasePoolTest {

    @Test
    void aFailedPoolQueryLeavesATimerThatThrowsLaterAndOnlyThatIsRecognised() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            CompletableFuture<Throwable> uncaught = new CompletableFuture<>();
            vertx.exceptionHandler(uncaught::complete);
            Pool pool = PgBuilder.pool()
                    .with(new PoolOptions().setConnectionTimeout(300).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
                    .connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(unusedPort()).setDatabase("none")
                            .setUser("none").setPassword("none"))
                    .using(vertx).build();

            Throwable queryFailure = pool.query("SELECT 1").execute().toCompletionStage().toCompletableFuture()
                    .handle((rows, failure) -> failure).get(5, TimeUnit.SECONDS);
            assertNotNull(DatabaseUnavailable.in(queryFailure), "connection refused: " + queryFailure);

            // If this times out, the client cancels its timer now: DatabasePool's workaround can go.
            Throwable late = uncaught.get(5, TimeUnit.SECONDS);
            assertEquals(IllegalStateException.class, late.getClass());
            assertEquals("Result is already complete", late.getMessage());
            assertTrue(DatabasePool.isLatePoolTimer(late));
            assertFalse(DatabasePool.isLatePoolTimer(new IllegalStateException("Result is already complete")),
                    "the same exception thrown anywhere else still reaches Quarkus's handler");
            pool.close();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void connectionLossesAndUnavailableServersAreRecognisedThroughWrappers() {
        assertNotNull(DatabaseUnavailable.in(new CompletionException(
                new PgException("terminating connection due to administrator command", "FATAL", "57P01", null))));
        assertNotNull(DatabaseUnavailable.in(new PgException("the database system is starting up", "FATAL", "57P03",
                null)));
        assertNotNull(DatabaseUnavailable.in(new PgException("sorry, too many clients already", "FATAL", "53300",
                null)));
        assertNotNull(DatabaseUnavailable.in(new RuntimeException(new SQLException("connection failure", "08006"))));
        assertNotNull(DatabaseUnavailable.in(new NoStackTraceThrowable("Timeout")));
        assertNotNull(DatabaseUnavailable.in(
                new NoStackTraceThrowable("Connection is not active now, current status: CLOSED")));

        assertNull(DatabaseUnavailable.in(new PgException("duplicate key value", "ERROR", "23505", null)));
        assertNull(DatabaseUnavailable.in(new PgException("invalid byte sequence", "ERROR", "22021", null)));
        assertNull(DatabaseUnavailable.in(new IllegalStateException("Timeout")));
    }

    private static int unusedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
