package io.connectionhub.common;

/** A request body that is not parseable (broken JSON, say). */
public class MalformedBody extends DomainException {

    public MalformedBody(String message) {
        super(message);
    }
}
