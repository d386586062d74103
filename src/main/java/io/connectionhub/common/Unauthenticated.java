package io.connectionhub.common;

/** No credentials, or credentials that do not prove who the caller is. The message says which. */
public class Unauthenticated extends DomainException {

    public Unauthenticated(String message) {
        super(message);
    }
}
