package io.connectionhub.connection;

import io.connectionhub.common.DomainException;

/** A valid request the connection's strategy cannot do (deleting users by email on a non-database connection). */
public class OperationNotSupported extends DomainException {

    public OperationNotSupported(String message) {
        super(message);
    }
}
