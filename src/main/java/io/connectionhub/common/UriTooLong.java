package io.connectionhub.common;

/** A request line whose URI is over {@code connectionhub.http.max-uri-length}. */
public class UriTooLong extends DomainException {

    public UriTooLong(int limit) {
        super("The request URI is longer than " + limit + " characters");
    }
}
