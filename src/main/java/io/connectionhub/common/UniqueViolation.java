package io.connectionhub.common;

import io.vertx.pgclient.PgException;

/** Recognises PostgreSQL's unique-violation (SQLSTATE 23505) of a named constraint or index anywhere in a cause chain. */
public final class UniqueViolation {

    private UniqueViolation() {
    }

    public static boolean of(Throwable failure, String constraint) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())
                    && (constraint == null || constraint.equals(pg.getConstraint()))) {
                return true;
            }
        }
        return false;
    }
}
