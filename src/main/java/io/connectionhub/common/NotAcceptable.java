package io.connectionhub.common;

/** The client accepts no content type the endpoint writes. */
public class NotAcceptable extends DomainException {

    public NotAcceptable() {
        super("Not Acceptable");
    }
}
