package io.connectionhub.connection;

/**
 * A line of the console's connections list: every connection of the tenant, one being deleted too (then with its
 * deletion's job and progress; its name stays reserved until that job ends).
 */
public record ConnectionRow(String id, String name, String displayName, String strategy, boolean deleting,
        String deletionJobId, int percentageDone) {
}
