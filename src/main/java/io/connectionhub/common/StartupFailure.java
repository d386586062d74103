package io.connectionhub.common;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/** Reports why a packaged application could not start, then exits with the given code. */
public final class StartupFailure {

    static final String NO_DATABASE = "No database configured: set QUARKUS_DATASOURCE_REACTIVE_URL, "
            + "QUARKUS_DATASOURCE_JDBC_URL, QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD "
            + "(see README, Configuration).";

    private StartupFailure() {
    }

    public static void exit(int code, Throwable failure) {
        if (failure != null) {
            report(failure);
        }
        System.exit(code);
    }

    private static void report(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof MissingConfiguration) {
            System.err.println(root.getMessage());
        } else if (!databaseConfigured()) {
            System.err.println(NO_DATABASE);
        } else {
            Logger.getLogger(StartupFailure.class).error("Failed to start", failure);
        }
    }

    private static boolean databaseConfigured() {
        try {
            var config = ConfigProvider.getConfig();
            return config.getOptionalValue("quarkus.datasource.reactive.url", String.class).isPresent()
                    && config.getOptionalValue("quarkus.datasource.jdbc.url", String.class).isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
