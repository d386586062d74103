package io.connectionhub.common;

/** A request body over the configured limit. */
public class PayloadTooLarge extends DomainException {

    public PayloadTooLarge(long limitBytes) {
        super("Request entity too large: the limit is " + limitBytes + " bytes");
    }
}
