package io.connectionhub.common;

/** Request headers over {@code connectionhub.http.max-header-size} in all. */
public class HeadersTooLarge extends DomainException {

    public HeadersTooLarge(int limit) {
        super("The request headers are larger than " + limit + " bytes in all");
    }
}
