package io.connectionhub.connection;

import jakarta.enterprise.context.ApplicationScoped;

import io.connectionhub.common.Timestamps;
import io.smallrye.mutiny.Uni;

/**
 * How a connection is deleted, and what a deletion still holding a name reports. Runs inside the caller's
 * transaction.
 */
@ApplicationScoped
public class ConnectionDeletions {

    private final ConnectionRepository connections;

    public ConnectionDeletions(ConnectionRepository connections) {
        this.connections = connections;
    }

    /** A connection has no users yet, so it is removed at once and its name is free. */
    Uni<DeletionStarted> start(Connection connection) {
        String deletedAt = Timestamps.format(Timestamps.nowUtc());
        return connections.delete(connection).chain(connections::flush)
                .map(ignored -> new DeletionStarted(deletedAt, null));
    }

    /** The deletion holding {@code name}, if one is running; none can be, while deletion is immediate. */
    Uni<ConnectionNameTaken.PendingDeletion> pendingFor(String tenantId, String name) {
        return Uni.createFrom().nullItem();
    }
}
