package io.connectionhub.common;

/** The path exists, the method does not. */
public class MethodNotAllowed extends DomainException {

    public MethodNotAllowed() {
        super("Method Not Allowed");
    }
}
