package io.connectionhub.connection;

import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;

/**
 * How a connection is deleted. The deletion job implements it: it needs the connection row to stay (holding its
 * name) while the users go, and this package does not run jobs.
 */
public interface ConnectionDeletions {

    /** Takes the connection out of every read and starts purging its users; 404 if it is not an active connection. */
    Uni<DeletionStarted> start(String tenantId, String connectionId);

    /** Whether a deletion of the connection was started, running or finished. */
    Uni<Boolean> started(String tenantId, String connectionId);

    /** The deletion still holding {@code name} in the tenant, or null when no deletion holds it. */
    Uni<ConnectionNameTaken.PendingDeletion> pendingFor(String tenantId, String name);

    /** The running deletions of these connections of the tenant, by connection id (one query, whatever their number). */
    Uni<Map<String, ConnectionNameTaken.PendingDeletion>> running(String tenantId, List<String> connectionIds);
}
