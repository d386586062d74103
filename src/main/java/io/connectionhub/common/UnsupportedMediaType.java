package io.connectionhub.common;

/** A body in a content type the endpoint does not read. */
public class UnsupportedMediaType extends DomainException {

    public UnsupportedMediaType(String message) {
        super(message);
    }
}
