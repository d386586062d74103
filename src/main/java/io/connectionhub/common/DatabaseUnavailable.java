package io.connectionhub.common;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.util.Set;

import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

/**
 * The database cannot be reached right now (restarting, failing over, out of connections): a 503 with
 * {@code Retry-After}, not a bug of the service. {@link #in} recognises it anywhere in a cause chain, as the reactive
 * client, Hibernate Reactive or the pool report it.
 */
public class DatabaseUnavailable extends DomainException {

    /** What a client is told to wait: a restart or a fail-over usually takes a few seconds. */
    public static final long RETRY_AFTER_SECONDS = 5;

    /**
     * SQLSTATEs of a server that is going away or not there yet: class 08 (connection exception), 57P01 admin
     * shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up or shutting down), 53300 too many
     * connections.
     */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    /**
     * What the JDK's socket write says (a plain {@link IOException}, not a {@link SocketException}) when the server
     * has reset or closed the connection, as PostgreSQL does when it shuts down.
     */
    private static final Set<String> LOST_ON_WRITE = Set.of("Connection reset by peer", "Broken pipe");

    public DatabaseUnavailable(String reason) {
        super("The database is temporarily unavailable (" + reason + "). Retry in a few seconds.");
    }

    public long retryAfterSeconds() {
        return RETRY_AFTER_SECONDS;
    }

    /** The failure as a {@code DatabaseUnavailable} if any cause in its chain is a lost or refused connection. */
    public static DatabaseUnavailable in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseUnavailable unavailable) {
                return unavailable;
            }
            String reason = reason(t);
            if (reason != null) {
                return new DatabaseUnavailable(reason);
            }
        }
        return null;
    }

    private static String reason(Throwable t) {
        if (t instanceof ConnectException) {
            return "connection refused";
        } else if (t instanceof SocketException || t instanceof ClosedConnectionException
                || t instanceof ClosedChannelException) {
            return "connection lost"; // SocketException: reset by a server going down
        } else if (t instanceof IOException && t.getMessage() != null && LOST_ON_WRITE.contains(t.getMessage())) {
            return "connection lost"; // a write to a connection the server has just reset or closed
        } else if ((t instanceof VertxException || t instanceof NoStackTraceThrowable) && t.getMessage() != null
                && t.getMessage().startsWith("Connection is not active now")) {
            return "connection lost"; // a pooled connection the server closed, used before the pool noticed
        } else if (t instanceof DatabaseException db && unavailableState(db.getSqlState())) {
            return "SQLSTATE " + db.getSqlState();
        } else if (t instanceof SQLException sql && unavailableState(sql.getSQLState())) {
            return "SQLSTATE " + sql.getSQLState();
        } else if (isPoolTimeout(t)) {
            return "no connection within the acquisition timeout";
        }
        return null;
    }

    private static boolean unavailableState(String state) {
        return state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state));
    }

    /**
     * The pool's acquisition timeout: {@code NoStackTraceThrowable: Timeout} from {@code Pool.getConnection} (what
     * Hibernate Reactive and transactions use), {@code VertxException: Timeout waiting for connection} from a query
     * run on the pool itself.
     */
    private static boolean isPoolTimeout(Throwable t) {
        return (t instanceof NoStackTraceThrowable && "Timeout".equals(t.getMessage()))
                || (t instanceof VertxException && "Timeout waiting for connection".equals(t.getMessage()));
    }
}
