package io.connectionhub.common;

/** The caller's rate limit is exhausted until {@code retryAfterSeconds} from now. */
public class TooManyRequests extends DomainException {

    private final long retryAfterSeconds;

    public TooManyRequests(long retryAfterSeconds) {
        super("Global limit has been reached");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
