package io.connectionhub.common;

/**
 * A refusal the domain can name. It carries no HTTP or wire knowledge: each API family's error table
 * ({@link Auth0Errors}, {@link LoginRadiusErrors}) turns it into that family's status and body.
 */
public abstract class DomainException extends RuntimeException {

    protected DomainException(String message) {
        super(message, null, false, false);
    }
}
