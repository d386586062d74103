package io.connectionhub.connection;

/** What another feature shows of a connection it manages: its name, strategy and whether it serves login. */
public record ConnectionSummary(String id, String name, String strategy, boolean active) {
}
