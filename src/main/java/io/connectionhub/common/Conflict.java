package io.connectionhub.common;

/** A write that collides with existing state (a duplicate name, say) and has no more specific exception. */
public class Conflict extends DomainException {

    public Conflict(String message) {
        super(message);
    }
}
