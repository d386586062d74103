package io.connectionhub.devdb;

import java.io.IOException;
import java.util.List;

/**
 * A throwaway PostgreSQL for tools outside the application (the benchmarks): prints its connection settings as
 * shell assignments, then runs until its standard input closes or it is stopped. Durable settings (fsync on) by
 * default, as a production database has; {@code --fast} turns durability off as the tests do.
 */
public final class StandalonePostgres {

    private StandalonePostgres() {
    }

    public static void main(String[] args) throws IOException {
        boolean fast = List.of(args).contains("--fast");
        EmbeddedPostgres.Server server = fast ? EmbeddedPostgres.throwaway()
                : EmbeddedPostgres.throwaway(List.of("synchronous_commit=on", "fsync=on"));
        System.out.println("QUARKUS_DATASOURCE_REACTIVE_URL=" + server.reactiveUrl());
        System.out.println("QUARKUS_DATASOURCE_JDBC_URL=" + server.jdbcUrl());
        System.out.println("QUARKUS_DATASOURCE_USERNAME=" + server.username());
        System.out.println("QUARKUS_DATASOURCE_PASSWORD=" + server.password());
        System.out.println("POSTGRES_PID=" + server.pid());
        System.out.println("POSTGRES_SETTINGS='" + (fast ? "fsync=off synchronous_commit=off full_page_writes=off"
                : "fsync=on synchronous_commit=on") + " shared_buffers=256MB max_wal_size=2GB max_connections=300'");
        System.out.println("READY=1");
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until stdin closes; the shutdown hook stops the server
        }
    }
}
