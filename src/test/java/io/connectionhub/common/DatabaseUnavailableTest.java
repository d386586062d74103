package io.connectionhub.common;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.SocketException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

/** Which failures are the database going away (a 503) and which are not (a 500 with an error id). */
class DatabaseUnavailableTest {

    @Test
    void aWriteToAConnectionTheServerResetIsTheDatabaseGoingAway() {
        // what the JDK's socket write throws when PostgreSQL has just reset the connection (seen in DatabaseOutageIT)
        assertNotNull(DatabaseUnavailable.in(new CompletionException(new IOException("Connection reset by peer"))));
        assertNotNull(DatabaseUnavailable.in(new RuntimeException(new IOException("Broken pipe"))));
        assertNotNull(DatabaseUnavailable.in(new SocketException("Connection reset")));
    }

    @Test
    void otherInputOutputFailuresAreNot() {
        assertNull(DatabaseUnavailable.in(new IOException("No space left on device")));
        assertNull(DatabaseUnavailable.in(new IOException((String) null)));
        assertNull(DatabaseUnavailable.in(new IllegalStateException("Connection reset by peer")));
    }
}
