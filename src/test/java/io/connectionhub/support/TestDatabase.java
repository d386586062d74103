package io.connectionhub.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.connectionhub.devdb.EmbeddedPostgres;

/** Reads rows under the API, for tests that check what is stored (e.g. that a secret is not in clear text). */
public final class TestDatabase {

    private static final String DEFAULT = "";

    private TestDatabase() {
    }

    public static List<Map<String, Object>> query(String sql, Object... parameters) {
        return in(DEFAULT).query(sql, parameters);
    }

    public static Map<String, Object> single(String sql, Object... parameters) {
        return in(DEFAULT).single(sql, parameters);
    }

    public static long count(String sql, Object... parameters) {
        return in(DEFAULT).count(sql, parameters);
    }

    /**
     * A new, empty database in the test cluster, owned by the application's user, for a test whose applications
     * must not share a database with the others (whose job workers would otherwise claim its jobs too).
     */
    public static String createDatabase(String prefix) {
        EmbeddedPostgres.Server server = EmbeddedPostgres.throwaway();
        String name = prefix + "_" + Long.toHexString(System.nanoTime());
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), "postgres", server.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " OWNER " + server.username());
            return name;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A URL of the test cluster's default database ({@code jdbcUrl()} or {@code reactiveUrl()}), pointed at another. */
    public static String inDatabase(String url, String database) {
        return url.substring(0, url.lastIndexOf('/') + 1) + database;
    }

    public static Reads in(String database) {
        return new Reads(database);
    }

    /** Reads in one database of the test cluster. */
    public record Reads(String database) {

        public List<Map<String, Object>> query(String sql, Object... parameters) {
            EmbeddedPostgres.Server server = EmbeddedPostgres.throwaway();
            String url = DEFAULT.equals(database) ? server.jdbcUrl() : inDatabase(server.jdbcUrl(), database);
            try (Connection connection = DriverManager.getConnection(url, server.username(), server.password());
                    PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                List<Map<String, Object>> rows = new ArrayList<>();
                if (!statement.execute()) {
                    return rows;
                }
                try (ResultSet result = statement.getResultSet()) {
                    while (result.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int c = 1; c <= result.getMetaData().getColumnCount(); c++) {
                            row.put(result.getMetaData().getColumnLabel(c), result.getObject(c));
                        }
                        rows.add(row);
                    }
                }
                return rows;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        public Map<String, Object> single(String sql, Object... parameters) {
            List<Map<String, Object>> rows = query(sql, parameters);
            if (rows.size() != 1) {
                throw new AssertionError("expected one row, got " + rows.size() + " for " + sql);
            }
            return rows.get(0);
        }

        public long count(String sql, Object... parameters) {
            return ((Number) single(sql, parameters).values().iterator().next()).longValue();
        }
    }
}
