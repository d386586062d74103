package io.connectionhub.connection;

/** The identity of a connection, as other features need it. */
public record ConnectionRef(String id, String tenantId, String name, String strategy) {
}
