package io.connectionhub.saml;

import io.connectionhub.common.DomainException;

/** A server-side request that was allowed but did not bring back a document. */
public class OutboundRequestFailed extends DomainException {

    /** What went wrong. */
    public enum Reason {
        /** No complete answer within the timeout. */
        TIMEOUT,
        /** The host name does not resolve. */
        UNRESOLVABLE_HOST,
        /** Connecting, the TLS handshake or reading failed. */
        CONNECTION_FAILED,
        /** An answer other than 2xx or a usable redirect. */
        HTTP_STATUS
    }

    private final Reason reason;
    private final String url;

    public OutboundRequestFailed(Reason reason, String url, String problem) {
        super(url + ": " + problem);
        this.reason = reason;
        this.url = url;
    }

    public Reason reason() {
        return reason;
    }

    public String url() {
        return url;
    }
}
