package io.connectionhub.devdb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A throwaway PostgreSQL for tools outside the application (the benchmarks): prints its connection settings as
 * shell assignments, then runs until its standard input closes or it is stopped. Durable settings (fsync on) by
 * default, as a production database has; {@code --fast} turns durability off as the tests do. Each line read
 * from standard input is run as one SQL statement by the superuser (a benchmark vacuums and checkpoints between its
 * phases) and answered by {@code DONE} or {@code FAILED <message>} on standard output.
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
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = commands.readLine()) != null) { // runs until stdin closes; the shutdown hook stops the server
            if (!line.isBlank()) {
                System.out.println(run(server, line));
                System.out.flush();
            }
        }
    }

    private static String run(EmbeddedPostgres.Server server, String sql) {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), "postgres", server.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
            return "DONE";
        } catch (SQLException e) {
            return "FAILED " + e.getMessage().replace('\n', ' ');
        }
    }
}
