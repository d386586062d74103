package io.connectionhub.common;

import java.sql.SQLException;

import io.vertx.pgclient.PgException;

/**
 * Recognises PostgreSQL's unique violation (SQLSTATE 23505) of a named constraint or index anywhere in a cause
 * chain, as the reactive client ({@link PgException}) or Hibernate Reactive (a wrapped {@link SQLException})
 * reports it.
 */
public final class UniqueViolation {

    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolation() {
    }

    public static boolean of(Throwable failure, String constraint) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return constraint == null || constraint.equals(pg.getConstraint());
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException violation
                    && UNIQUE_VIOLATION.equals(violation.getSQLState())
                    && (constraint == null || constraint.equals(violation.getConstraintName()))) {
                return true;
            }
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return constraint == null || String.valueOf(sql.getMessage()).contains("\"" + constraint + "\"");
            }
        }
        return false;
    }
}
