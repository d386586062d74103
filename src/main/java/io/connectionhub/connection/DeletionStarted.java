package io.connectionhub.connection;

/** A connection left every read at {@code deletedAt}; {@code jobId} tracks the purge of its users. */
public record DeletionStarted(String deletedAt, String jobId) {
}
